"""``deal`` on the command line: every command, deals named by one rule (unknown or ambiguous:
the candidates, exit 1), bad input exit 2, and a win that opens its mission shows in ``status``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli


@pytest.fixture
def db(tmp_path: Path):
    path = str(tmp_path / "d.db")

    def run(*args: str, today: str = "2026-11-24"):
        return run_cli("--db", path, "--today", today, *args)

    run("client", "add", "Acme")
    run("client", "add", "Globex")
    run("contact", "add", "Acme", "Marie Martin")
    return run


def _deals(db, *args: str) -> list[dict]:
    return json.loads(db("deal", "list", "--json", *args).output)


def test_add_edit_move_list(db) -> None:
    made = db("deal", "add", "acme", "Audit data", "--value", "8000", "--months", "6")
    assert made.output == "Deal #1 added: Audit data (lead)\n"
    assert db("deal", "add", "Globex", "Refonte", "--stage", "meeting").exit_code == 0
    edited = db(
        "deal", "edit", "audit data", "--title", "Audit data v2", "--probability", "55",
        "--value", "9000", "--close-on", "2026-12-15", "--contact", "Marie Martin",
        "--channel", "referral",
    )  # fmt: skip
    assert edited.output == "Deal #1 changed: Audit data v2\n", edited.output
    assert db("deal", "move", "#1", "proposal").output == "Deal #1 Audit data v2: proposal\n"
    (audit,) = _deals(db, "--stage", "proposal")
    assert {k: audit[k] for k in audit if k not in ("created_on", "closed_on")} == {
        "id": 1,
        "client_id": 1,
        "client": "Acme",
        "contact_id": 1,
        "title": "Audit data v2",
        "stage": "proposal",
        "monthly_value_cents": 900000,
        "duration_months": 6.0,
        "probability": 55,
        "channel": "referral",
        "expected_close_on": "2026-12-15",
        "lost_reason": None,
    }
    assert [d["title"] for d in _deals(db)] == ["Audit data v2", "Refonte"]
    assert db("deal", "edit", "#1", "--probability", "stage").exit_code == 0
    assert _deals(db, "--stage", "proposal")[0]["probability"] is None
    text = db("deal", "list").output
    assert "#1     Acme" in text and "9,000/month" in text


def test_won_with_a_mission_raises_the_monthly_revenue_by_its_amount(db) -> None:
    db("deal", "add", "Acme", "Audit data", "--value", "8000")
    before = json.loads(db("status", "--json").output)["monthly_revenue"]

    won = db("deal", "won", "Audit data", "--monthly", "5000", "--months", "6")

    assert won.exit_code == 0, won.output
    assert won.output == (
        "Deal #1 Audit data: won\n"
        "Mission #1 opened: Audit data, from 24 Nov 2026 to 23 May 2027, €5,000/month\n"
    )
    after = json.loads(db("status", "--json").output)["monthly_revenue"]
    assert after - before == 500000
    (mission,) = json.loads(db("mission", "list", "--json").output)
    assert (mission["client"], mission["fixed_monthly_cents"], mission["planned_end_on"]) == (
        "Acme",
        500000,
        "2027-05-23",
    )


def test_won_by_the_day_or_without_a_mission(db) -> None:
    db("deal", "add", "Acme", "Audit", "--value", "8000", "--months", "3")
    db("deal", "add", "Globex", "Refonte", "--value", "4000")
    by_day = db(
        "deal", "won", "audit", "--mission-start", "2027-01-04", "--day-rate", "650",
        "--days-per-month", "12",
    )  # fmt: skip
    assert by_day.exit_code == 0, by_day.output
    (mission,) = json.loads(db("mission", "list", "--json").output)
    assert (mission["start_on"], mission["planned_end_on"], mission["monthly_cents"]) == (
        "2027-01-04",
        "2027-04-03",
        650 * 12 * 100,
    )
    assert db("deal", "won", "Refonte").output == "Deal #2 Refonte: won\n"
    assert len(json.loads(db("mission", "list", "--json").output)) == 1
    db("deal", "add", "Globex", "Run", "--value", "4000")
    both = db("deal", "won", "Run", "--day-rate", "600", "--monthly", "5000")
    assert both.exit_code == 2
    assert "not both" in both.output
    assert _deals(db, "--stage", "lead")[0]["title"] == "Run"  # still open, nothing written


def test_lost_reopen_and_rm(db) -> None:
    db("deal", "add", "Acme", "Audit", "--value", "8000", "--stage", "negotiation")
    assert db("deal", "lost", "audit").exit_code == 2  # --reason is required
    assert (
        db("deal", "lost", "audit", "--reason", "price").output == "Deal #1 Audit: lost (price)\n"
    )
    assert _deals(db)[0]["lost_reason"] == "price"
    back = db("deal", "reopen", "audit")
    assert back.output == "Deal #1 Audit: reopened at negotiation (was lost)\n"
    again = db("deal", "reopen", "audit")
    assert again.exit_code == 2
    assert "the deal is open" in again.output

    db("deal", "won", "audit", "--mission")
    kept = db("deal", "reopen", "audit", "--stage", "proposal")
    assert kept.output == (
        "Deal #1 Audit: reopened at proposal (was won)\n"
        "The client's running mission “Audit” stays as it is: end or delete it if the win fell "
        "through.\n"
    )
    assert len(json.loads(db("mission", "list", "--json").output)) == 1

    db("log", "call Marie Martin deal:1")
    refused = db("deal", "rm", "audit")
    assert refused.exit_code == 1
    assert (
        "Delete Audit? Its 5 stage changes go with it. 1 activity stays, unlinked. "
        "Not deleted: add --yes"
    ) in refused.output
    assert len(_deals(db)) == 1
    assert db("deal", "rm", "audit", "--yes").output == "Deleted Audit with 5 stage changes\n"
    assert _deals(db) == []


def test_errors_name_the_candidates_exit_1_and_bad_input_exit_2(db) -> None:
    db("deal", "add", "Acme", "Migration cloud")
    db("deal", "add", "Globex", "Migration cloud")
    ambiguous = db("deal", "won", "migration CLOUD")
    assert ambiguous.exit_code == 1
    assert "#1 Migration cloud (Acme), #2 Migration cloud (Globex)" in ambiguous.output
    unknown = db("deal", "move", "Migration clou", "meeting")
    assert unknown.exit_code == 1
    assert "no deal named 'Migration clou'; did you mean: #1" in unknown.output
    assert db("deal", "rm", "#9", "--yes").exit_code == 1
    bad_stage = db("deal", "move", "#1", "signed")
    assert bad_stage.exit_code == 2
    assert "no stage 'signed'" in bad_stage.output
    assert db("deal", "move", "#1", "lost").exit_code == 2  # a lost deal needs its reason
    assert db("deal", "list", "--stage", "nope").exit_code == 2
    assert db("deal", "reopen", "#1", "--stage", "won").exit_code == 2
    assert db("deal", "edit", "#1").exit_code == 2  # nothing to change
    assert db("deal", "edit", "#1", "--probability", "lots").exit_code == 2
    assert db("deal", "edit", "#1", "--probability", "120").exit_code == 2
    assert db("deal", "edit", "#1", "--value", "abc").exit_code == 2
    assert db("deal", "add", "Initech", "X").exit_code == 1  # no such client
    assert [d["stage"] for d in _deals(db)] == ["lead", "lead"]


def test_the_demo_deal_won_on_the_command_line(tmp_path: Path, demo_template: Path) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)

    def run(*args: str):
        return run_cli("--db", str(path), "--today", "2026-11-26", *args)

    before = json.loads(run("status", "--json").output)
    negotiation = json.loads(run("deal", "list", "--stage", "negotiation", "--json").output)
    deal = negotiation[0]
    won = run("deal", "won", f"#{deal['id']}", "--mission")
    assert won.exit_code == 0, won.output
    after = json.loads(run("status", "--json").output)
    assert after["monthly_revenue"] - before["monthly_revenue"] == deal["monthly_value_cents"]
