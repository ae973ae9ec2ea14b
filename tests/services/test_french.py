"""The services' documents in French (issue 19): the weekly review and the digest read as a
French freelancer writes them, with the same Markdown structure as in English; the survey
message comes from the template in the language spoken; the JSON of ``remind`` stays the same
whatever the language."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipeline_tui.domain.playbook import DEFAULT_SURVEY_TEMPLATES
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import _, formats, using_language
from pipeline_tui.services import surveys
from pipeline_tui.services.digest import build_digest
from pipeline_tui.services.reminders import reminders_markdown, run_json, send_reminders
from pipeline_tui.services.resolve import resolve_client
from pipeline_tui.services.review import weekly_review
from pipeline_tui.services.review_format import review_markdown
from tests.helpers import Demo

NOW = datetime(2026, 11, 26, 9, 0)
NBSP = "\u00a0"


def _shape(markdown: str) -> list[str]:
    """The Markdown's skeleton: each line's kind (heading level, table row and its cells, list
    item, text, blank), the words left out."""
    shape = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            shape.append(line.split(" ", 1)[0])
        elif line.startswith("|"):
            shape.append("|" * line.count(" | "))
        elif line.startswith("- "):
            shape.append("-")
        else:
            shape.append("text" if line else "")
    return shape


def test_the_weekly_review_in_french(demo: Demo) -> None:
    review = weekly_review(demo.store, demo.today, "2026-W47")
    english = review_markdown(review)
    with using_language("fr"):
        french = review_markdown(review)
        money = formats.money(450000)
    assert french.startswith("# Revue de la semaine — 2026-W47 (16–22 nov. 2026)\n")
    assert f"Vu au 22 nov. 2026{NBSP}; montants mensuels en EUR." in french
    for heading in (
        "## Plan de prospection",
        "## Conversion",
        "## Évolution de la couverture",
        "## Relances en retard (2)",
        "## Objectifs de la semaine prochaine (2026-W48)",
    ):
        assert heading in french
    assert "| Cadence | Canal | Fait | Objectif | Période | Statut |" in french
    assert f"Série du plan{NBSP}: **6 semaines** (cette semaine{NBSP}: atteint)." in french
    assert f"| 2026-W47 | 22 nov. 2026 | {money} |" in french
    assert money == f"4\u202f500{NBSP}€"
    assert "(5 gagnées, 5 perdues)" in french
    assert f"prévue le 18 nov. 2026 (5 jours de retard){NBSP}: Rappeler Anne Chevalier" in french
    assert "→ 1 affaire gagnée, 10 nouvelles pistes d’ici 12 semaines." in french
    assert "Weekly review" not in french and "Coverage" not in french
    assert _shape(french) == _shape(english)


def test_the_digest_in_french(demo: Demo) -> None:
    english = build_digest(demo.store, NOW)
    with using_language("fr"):
        french = build_digest(demo.store, NOW)
    assert french.startswith("# pipeline-tui — 26 nov. 2026\n")
    for heading in (
        "## En retard (2)",
        "## À faire aujourd’hui (4)",
        "## Clients à risque (1)",
        "## Affaires qui dorment (2)",
        "## Couverture",
    ):
        assert heading in french
    assert "| Affaire | Client | Étape | Inactive |" in french
    assert "27 j (max 14)" in french
    assert f"- Couverture{NBSP}: 80{NBSP}%" in french
    assert "8 jours de retard" in french
    assert _shape(french) == _shape(english)


def test_the_reminders_speak_french_but_their_json_does_not_change(demo: Demo) -> None:
    english = run_json(send_reminders(demo.store, NOW))
    with using_language("fr"):
        run = send_reminders(demo.store, NOW, again=True)
        markdown = reminders_markdown(run)
        french_json = run_json(run)
    assert "8 jours de retard" in markdown
    assert f"couvre 80{NBSP}% des" in markdown
    assert french_json["reminders"] == english["reminders"]


def test_the_survey_message_in_french(demo: Demo) -> None:
    bank = resolve_client(demo.store, "Banque Rivemont")
    default = DEFAULT_SURVEY_TEMPLATES["satisfaction"]
    with using_language("fr"):
        message = surveys.survey_message(demo.store, bank, today=demo.today)
        translated = _(default.subject) != default.subject
        with pytest.raises(InvalidInput, match="n’a pas de mission terminée"):
            surveys.survey_message(demo.store, bank, kind="exit", today=demo.today)
        with pytest.raises(NotFound, match="il n’y a pas de client n°999"):
            surveys.survey_message(demo.store, 999, today=demo.today)
    assert message.to == "julien.lefevre@banque-rivemont.example"
    if not translated:  # the default templates are the domain's (fr-domain translates them)
        pytest.skip("the default survey templates have no French translation yet")
    assert message.subject != "How is our work on TMA des API open banking (forfait) going?"
    assert "TMA des API open banking (forfait)" in message.subject
    assert "Julien" in message.body and "Hello" not in message.body
