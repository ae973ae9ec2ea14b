"""The CLI in French (issue 19): the text commands speak it and write numbers and dates the
French way, ``--lang en`` and the environment choose as documented, click's own words are
French too, and no JSON output changes with the language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui.cli.click_words import MESSAGES, counted_messages
from pipeline_tui.i18n import _, using_language
from tests.cli.conftest import run_cli
from tests.conftest import TODAY

NBSP = "\u00a0"
NNBSP = "\u202f"  # CLDR's French group separator: 16 450 €

# Every command that prints JSON, as a user types it on the demo (read-only ones).
JSON_COMMANDS = [
    ("status", "--json"),
    ("today", "--json"),
    ("whatif", "--gap", "8000", "--json"),
    ("whatif", "Banque Rivemont", "--json"),
    ("plan", "--json"),
    ("plan", "list", "--json"),
    ("review", "--format", "json"),
    ("review", "--week", "2026-W47", "--format", "json"),
    ("settings", "--json"),
    ("settings", "get", "rot_days", "--json"),
    ("client", "list", "--all", "--json"),
    ("deal", "list", "--json"),
    ("mission", "list", "--json"),
    ("sequence", "list", "--json"),
    ("lessons", "--json"),
    ("offboarding", "--all", "--json"),
    ("playbook", "show", "--json"),
    ("survey-gaps", "--json"),
    ("activity", "show", "1", "--json"),
]


def _run(db: Path, *args: str):
    return run_cli("--db", str(db), "--today", TODAY.isoformat(), *args)


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_is_the_same_bytes_in_french_and_in_english(demo_template: Path, command) -> None:
    english = _run(demo_template, "--lang", "en", *command)
    french = _run(demo_template, "--lang", "fr", *command)
    assert english.exit_code == 0, english.output
    assert french.exit_code == 0, french.output
    assert french.stdout_bytes == english.stdout_bytes


def test_status_today_and_whatif_speak_french(demo_template: Path) -> None:
    status = _run(demo_template, "--lang", "fr", "status")
    assert status.exit_code == 0, status.output
    for said in (
        "Situation au 26 nov. 2026 (EUR)",
        "CA mensuel",
        f"16{NNBSP}450{NBSP}€",
        f"50{NBSP}%",
        "Pipeline pondéré",
        "10 affaires ouvertes × probabilité de l’étape",
        "Clients par risque de départ",
        "taux de gain",
    ):
        assert said in status.stdout, said
    for english in ("Monthly revenue", "Status as of", "€16,450", "open deals"):
        assert english not in status.stdout, english

    today = _run(demo_template, "--lang", "fr", "today")
    assert today.exit_code == 0, today.output
    for said in ("Aujourd’hui, 26 nov. 2026", "En retard (2)", "Affaires qui dorment (2)"):
        assert said in today.stdout, said

    whatif = _run(demo_template, "--lang", "fr", "whatif", "--gap", "8000")
    assert whatif.exit_code == 0, whatif.output
    for said in (
        f"Un manque à gagner de 8{NNBSP}000{NBSP}€/mois",
        "Objectifs par canal",
        "par semaine",
    ):
        assert said in whatif.stdout, said


def test_an_error_of_ours_and_one_of_click_are_french(demo_template: Path) -> None:
    ours = _run(demo_template, "--lang", "fr", "today", "--limit", "0")
    assert ours.exit_code == 2
    assert f"Erreur{NBSP}: --limit{NBSP}: donnez un nombre entier" in ours.stderr
    clicks = _run(demo_template, "--lang", "fr", "status", "--bogus")
    assert clicks.exit_code == 2
    assert f"Erreur{NBSP}: Option '--bogus' inconnue." in clicks.stderr
    assert "status --help' pour l’aide." in clicks.stderr


def test_every_word_of_click_listed_has_its_french() -> None:
    the_same = {"%(prog)s, version %(version)s"}
    with using_language("fr"):
        untranslated = [m for m in MESSAGES if _(m) == m and m not in the_same]
        french = counted_messages(1) + counted_messages(2)
    english = counted_messages(1) + counted_messages(2)
    assert not untranslated, untranslated
    assert not set(french) & set(english)


# --- in a process of its own: the language chosen at start, and click's help -------------------


def _process(db: Path | None, *args: str, lang: str | None):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    if lang is not None:
        env["LANG"] = lang
    where = ["--db", str(db), "--today", TODAY.isoformat()] if db else []
    return subprocess.run(
        [sys.executable, "-m", "pipeline_tui", *where, *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_lang_fr_status_help_is_french() -> None:
    shown = _process(None, "--lang", "fr", "status", "--help", lang="C.UTF-8")
    assert shown.returncode == 0, shown.stderr
    for said in (
        f"Utilisation{NBSP}: pipeline-tui status [OPTIONS]",
        "Les chiffres : CA, concentration, risque, pipeline pondéré, couverture.".replace(
            " :", f"{NBSP}:"
        ),
        f"Options{NBSP}:",
        "Sortie lisible par une machine (montants en centimes).",
        "Afficher ce message et quitter.",
    ):
        assert said in shown.stdout, said
    root = _process(None, "--lang", "fr", "--help", lang="C.UTF-8")
    for said in ("Fixer la date du jour", "Afficher la version et quitter.", f"Commandes{NBSP}:"):
        assert said in root.stdout, said


def test_lang_from_the_environment_and_lang_en_overrides_it_status(demo_template: Path) -> None:
    """Acceptance point 1 of issue 19: ``LANG=fr_FR.UTF-8 pipeline-tui status`` prints French
    with French formatting; ``--lang en`` overrides."""
    status = _process(demo_template, "status", lang="fr_FR.UTF-8")
    assert status.returncode == 0, status.stderr
    for said in ("Situation au 26 nov. 2026", "CA mensuel", f"16{NNBSP}450{NBSP}€", f"80{NBSP}%"):
        assert said in status.stdout, said
    status_en = _process(demo_template, "--lang", "en", "status", lang="fr_FR.UTF-8")
    for said in ("Status as of 26 Nov 2026", "Monthly revenue", "€16,450", "80%"):
        assert said in status_en.stdout, said


def test_lang_from_the_environment_and_lang_en_overrides_it_review(demo_template: Path) -> None:
    """Acceptance point 1 of issue 19, ``review``: the Markdown is ``services/review_format.py``,
    French once the services' part of the work (another branch) is merged."""
    review = _process(demo_template, "review", "--week", "2026-W47", lang="fr_FR.UTF-8")
    assert review.returncode == 0, review.stderr
    assert "22 nov. 2026" in review.stdout
    assert "Weekly review" not in review.stdout and "Prospecting plan" not in review.stdout
    review_en = _process(
        demo_template, "--lang", "en", "review", "--week", "2026-W47", lang="fr_FR.UTF-8"
    )
    assert "# Weekly review — 2026-W47 (16–22 Nov 2026)" in review_en.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Atelier Nord / Jean Dupont 8k proposal", "--json"),  # warns: no follow-up date
        ("add", "Atelier Nord / Jean Dupont 8k proposal", "--dry-run", "--json"),
    ],
    ids=["add", "add --dry-run"],
)
def test_a_write_s_json_warnings_are_the_same_words_in_both_languages(
    demo_template: Path, tmp_path: Path, args
) -> None:
    """A warning is printed in the language spoken and put in the JSON in English
    (``i18n.said``): the same bytes with --lang fr and --lang en, on two copies of the demo."""
    outputs = {}
    for lang in ("en", "fr"):
        copy = tmp_path / f"{lang}.db"
        copy.write_bytes(demo_template.read_bytes())
        result = run_cli("--lang", lang, "--db", str(copy), "--today", TODAY.isoformat(), *args)
        assert result.exit_code == 0, result.output
        outputs[lang] = result.stdout
    if "--dry-run" not in args:
        assert '"warnings": [\n    "no follow-up date given' in outputs["en"]
    assert outputs["fr"] == outputs["en"]
