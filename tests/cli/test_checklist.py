"""``checklist`` and ``playbook move``: what the offboarding screen edits and deletes, from the
command line, on the demo's open offboarding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Demo

AGENCY = "Agence des Mobilités du Val d'Orbe"


@pytest.fixture
def run(demo: Demo, cli_run, db_path: Path):
    def invoke(*args: str):
        result = cli_run("--db", str(db_path), "--today", demo.today.isoformat(), *args)
        return result

    return invoke


def _view(run) -> dict:
    shown = run("offboarding", AGENCY, "--json")
    assert shown.exit_code == 0, shown.stderr
    return json.loads(shown.stdout)


def test_items_are_edited_and_deleted_by_key(run) -> None:
    edited = run("checklist", "item", "edit", AGENCY, "case_study", "--title", "Témoignage",
                 "--due", "2026-12-15")  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    items = {i["key"]: i for i in _view(run)["items"]}
    assert (items["case_study"]["title"], items["case_study"]["due_on"]) == (
        "Témoignage",
        "2026-12-15",
    )
    assert run("checklist", "item", "rm", AGENCY, "case_study").exit_code != 0  # asks first
    removed = run("checklist", "item", "rm", AGENCY, "case_study", "--yes")
    assert removed.exit_code == 0 and removed.stdout == "Deleted case_study; 8/9 done.\n"
    assert "case_study" not in {i["key"] for i in _view(run)["items"]}
    missing = run("checklist", "item", "rm", AGENCY, "case_study", "--yes")
    assert missing.exit_code == 1 and "no item 'case_study'" in missing.stderr


def test_steps_and_documents(run) -> None:
    added = run("checklist", "step", "add", AGENCY, "Astreinte", "--owner", "Nadia")
    assert added.exit_code == 0, added.stderr
    step = next(s for s in _view(run)["transition_steps"] if s["task"] == "Astreinte")
    assert run("checklist", "step", "edit", f"#{step['id']}", "--by", "2026-12-04").exit_code == 0
    changed = next(s for s in _view(run)["transition_steps"] if s["id"] == step["id"])
    assert (changed["task"], changed["owner"], changed["due_on"]) == (
        "Astreinte",
        "Nadia",
        "2026-12-04",
    )
    assert run("checklist", "step", "edit", str(step["id"]), "--owner", "").exit_code == 0
    assert next(s for s in _view(run)["transition_steps"] if s["id"] == step["id"])["owner"] is None
    refused = run("checklist", "step", "edit", str(step["id"]), "--task", " ")
    assert refused.exit_code == 2 and "task is required" in refused.stderr
    assert run("checklist", "step", "rm", str(step["id"]), "--yes").exit_code == 0
    assert step["id"] not in {s["id"] for s in _view(run)["transition_steps"]}

    assert run("checklist", "doc", "add", AGENCY, "Accès").exit_code == 0
    doc = next(d for d in _view(run)["documents"] if d["name"] == "Accès")
    assert run("checklist", "doc", "edit", str(doc["id"]), "Accès et secrets").exit_code == 0
    names = {d["id"]: d["name"] for d in _view(run)["documents"]}
    assert names[doc["id"]] == "Accès et secrets"
    assert run("checklist", "doc", "rm", str(doc["id"]), "--yes").exit_code == 0
    assert doc["id"] not in {d["id"] for d in _view(run)["documents"]}


def test_lessons_and_the_template_order(run) -> None:
    listed = json.loads(run("lessons", "--client", AGENCY, "--json").stdout)
    training = next(le for le in listed if le["kind"] == "training")
    edited = run("checklist", "lesson", "edit", str(training["id"]), "Cadrer les avenants")
    assert edited.exit_code == 0, edited.stderr
    listed = json.loads(run("lessons", "--client", AGENCY, "--json").stdout)
    row = next(le for le in listed if le["id"] == training["id"])
    assert (row["kind"], row["text"], row["due_on"]) == ("went_wrong", "Cadrer les avenants", None)
    assert run("checklist", "lesson", "rm", str(training["id"]), "--yes").exit_code == 0
    listed = json.loads(run("lessons", "--client", AGENCY, "--json").stdout)
    assert training["id"] not in {le["id"] for le in listed}

    assert run("playbook", "move", "case_study", "1").stdout == "Moved case_study to 1.\n"
    keys = [s["key"] for s in json.loads(run("playbook", "show", "--json").stdout)]
    assert keys[0] == "case_study" and keys[1] == "transition_plan"
    assert run("playbook", "move", "nope", "1").exit_code == 1
