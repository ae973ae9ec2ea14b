"""The offboarding commands: a thin layer over the services, JSON where the TUI shows numbers."""

from __future__ import annotations

import json
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from tests.helpers import Demo

AGENCY = "Agence des Mobilités du Val d'Orbe"
RETAIL = "Maison Verlaine Distribution"


@pytest.fixture
def run(demo: Demo, cli_run, db_path: Path):
    def invoke(*args: str):
        return cli_run("--db", str(db_path), "--today", demo.today.isoformat(), *args)

    return invoke


def _error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and fragment in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_end_then_tick_then_list(run) -> None:
    ended = run(
        "end", RETAIL, "--on", "+3w", "--reason", "scope_creep_refused", "--notice", "21",
        "--training", "3 500", "--note", "Avenant refusé", "--json",
    )  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    doc = json.loads(ended.stdout)
    assert (doc["client"], doc["end_on"], doc["notice_days"]) == (RETAIL, "2026-12-17", 21)
    assert doc["training_deal"]["stage"] == "proposal"
    assert doc["training_deal"]["value"] == 350_000
    assert doc["monthly_revenue_lost"] == 825_000
    assert (doc["done"], doc["total"]) == (1, 10)

    ticked = run("offboarding", RETAIL, "--done", "transition_plan", "--done", "handover", "--json")
    assert json.loads(ticked.stdout)["done"] == 3
    listed = json.loads(run("offboarding", "--json").stdout)
    assert [(o["client"], o["done"], o["total"]) for o in listed] == [
        (RETAIL, 3, 10),
        (AGENCY, 8, 10),
    ]
    text = run("offboarding").stdout
    assert f"{RETAIL} — Refonte du tunnel de commande: 3/10 done" in text
    checklist = run("offboarding", RETAIL, "--undo", "handover").stdout
    assert "[ ] 2026-11-29  handover" in checklist and "2/10 done" in checklist


def test_end_errors_are_one_line(run) -> None:
    _error(run("end", "Nobody", "--on", "today", "--reason", "budget"), 1, "no client named")
    _error(run("end", AGENCY, "--on", "today", "--reason", "budget"), 2, "no running mission")
    _error(run("end", RETAIL, "--on", "someday", "--reason", "budget"), 2, "--on:")
    _error(run("end", RETAIL, "--on", "today", "--reason", "other"), 2, "say why in the note")
    _error(
        run("end", RETAIL, "--on", "today", "--reason", "budget", "--training", "x"), 2, "amount"
    )
    _error(run("offboarding", "Banque Rivemont"), 1, "has no offboarding")
    _error(run("offboarding", AGENCY, "--done", "nope"), 1, "no item 'nope'")


def test_playbook_commands(run) -> None:
    assert "(the default template)" in run("playbook").stdout
    assert (
        run("playbook", "set", "post_mortem", "--offset", "10", "--title", "Retro").exit_code == 0
    )
    assert run("playbook", "add", "thanks", "Say thank you", "--offset", "1").exit_code == 0
    steps = json.loads(run("playbook", "show", "--json").stdout)
    by_key = {s["key"]: s for s in steps}
    assert (by_key["post_mortem"]["title"], by_key["post_mortem"]["offset_days"]) == ("Retro", 10)
    assert steps[-1]["key"] == "thanks"
    _error(run("playbook", "set", "nope", "--offset", "1"), 1, "no step 'nope'")
    assert run("playbook", "reset").exit_code == 0
    assert "(the default template)" in run("playbook").stdout


def test_surveys_from_the_command_line(run, tmp_path: Path) -> None:
    recorded = run("survey", "Banque Rivemont", "--score", "4", "--json")
    assert json.loads(recorded.stdout)["score"] == 4
    _error(run("survey", "Banque Rivemont", "--score", "9"), 2, "from 1 to 5")
    _error(run("survey", "Banque Rivemont", "--exit", "--score", "3"), 2, "former client")
    exit_survey = run("survey", AGENCY, "--exit", "--scale", "nps", "--score", "6", "--json")
    assert json.loads(exit_survey.stdout)["kind"] == "exit"

    text = run("survey-message", "Banque Rivemont").stdout
    assert text.startswith("To: julien.lefevre@banque-rivemont.example\nSubject: How is our work")
    assert run("survey-message", AGENCY, "--exit", "--mailto").stdout.startswith("mailto:")
    eml_path = tmp_path / "survey.eml"
    assert run("survey-message", AGENCY, "--exit", "-o", str(eml_path)).exit_code == 0
    eml = message_from_bytes(eml_path.read_bytes(), policy=default)
    assert eml["Subject"] == "Your feedback on Portail usagers et billettique"

    gaps = json.loads(run("survey-gaps", "--days", "30", "--json").stdout)
    assert [g["client"] for g in gaps] == ["Mutuelle Pélicorne Assurances", RETAIL]
    assert "Every current client was surveyed recently." in run("survey-gaps").stdout


def test_lessons_and_case_study_from_the_command_line(run, tmp_path: Path) -> None:
    added = run("lesson", AGENCY, "Suivre une formation au cadrage", "--training-by", "+2w")
    assert added.exit_code == 0 and "training due 10 Dec 2026" in added.stdout
    open_lessons = json.loads(run("lessons", "--open", "--json").stdout)
    assert [lesson["due_on"] for lesson in open_lessons] == ["2026-12-10", "2026-12-16"]
    done = run("lessons", "--open", "--done", str(open_lessons[0]["id"]), "--json")
    assert len(json.loads(done.stdout)) == 1

    _error(run("casestudy", AGENCY), 2, "has not agreed to a case study")
    out = tmp_path / "case.md"
    written = run(
        "casestudy", AGENCY, "--agreed", "today", "--role", "Lead developer",
        "--outcome", "Portail livré", "--outcome", "Billettique unifiée", "-o", str(out),
    )  # fmt: skip
    assert written.exit_code == 0, written.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Case study: Portail usagers et billettique")
    assert "- Portail livré\n- Billettique unifiée" in text
