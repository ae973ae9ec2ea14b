"""client, contact, mission and signal on the command line: names resolved by one rule, rm asks
or refuses without --yes, a client with missions archived with its history kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli


@pytest.fixture
def db(tmp_path: Path):
    path = str(tmp_path / "r.db")

    def run(*args: str, today: str = "2026-11-24"):
        return run_cli("--db", path, "--today", today, *args)

    return run


def test_build_edit_and_list(db) -> None:
    assert db("client", "add", "École Numérique", "--notes", "met at a fair").exit_code == 0
    assert db("client", "add", "Acme").output == "Client #2 added: Acme\n"
    assert (
        db("contact", "add", "ecole numerique", "Marie Martin", "--email", "m@e.fr").exit_code == 0
    )
    assert (
        db("contact", "edit", "martin marie", "--role", "CTO", "--name", "Marie Durand").exit_code
        == 0
    )
    assert db("client", "edit", "#2", "--name", "Acme SA").exit_code == 0
    made = db(
        "mission", "add", "acme sa", "Refonte", "--start", "2026-09-01", "--months", "6",
        "--day-rate", "650", "--days-per-month", "10",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert db("mission", "edit", "refonte", "--monthly", "7000").exit_code == 0
    missions = json.loads(db("mission", "list", "--json").output)
    assert [
        (m["client"], m["title"], m["planned_end_on"], m["monthly_cents"]) for m in missions
    ] == [("Acme SA", "Refonte", "2027-02-28", 700000)]
    assert missions[0]["day_rate_cents"] is None
    listed = json.loads(db("client", "list", "--json").output)
    assert [(c["name"], c["status"]) for c in listed] == [
        ("Acme SA", "active"),
        ("École Numérique", "prospect"),
    ]
    assert db("signal", "add", "Acme SA", "competitor", "--on", "2026-11-20").exit_code == 0
    assert db("signal", "rm", "#1", "--yes").output == "Deleted signal #1\n"


def test_unknown_or_ambiguous_names_exit_1_with_candidates(db) -> None:
    db("client", "add", "Acme")
    db("client", "add", "Globex")
    db("contact", "add", "Acme", "Marie Martin")
    db("contact", "add", "Globex", "Marie Martin")
    ambiguous = db("contact", "rm", "marie martin", "--yes")
    assert ambiguous.exit_code == 1
    assert "#1 Marie Martin (Acme), #2 Marie Martin (Globex)" in ambiguous.output
    unknown = db("signal", "add", "Acme Corp", "competitor")
    assert unknown.exit_code == 1
    assert "no client named 'Acme Corp'; did you mean: #1 Acme?" in unknown.output
    assert db("mission", "add", "Acme", "X", "--start", "2026-01-01").exit_code == 2


def test_rm_without_yes_off_a_terminal_refuses_and_keeps_everything(db) -> None:
    db("client", "add", "Acme")
    db("contact", "add", "Acme", "Marie Martin")
    refused = db("client", "rm", "Acme")
    assert refused.exit_code == 1
    assert "Delete Acme? Its 1 contact goes with it. Not deleted: add --yes" in refused.output
    assert len(json.loads(db("client", "list", "--json").output)) == 1
    deleted = db("client", "rm", "Acme", "--yes")
    assert deleted.output == "Deleted Acme with 1 contact\n"
    assert json.loads(db("client", "list", "--json", "--all").output) == []


def test_a_client_with_missions_is_archived_and_past_figures_do_not_change(db) -> None:
    db("client", "add", "Acme")
    db("client", "add", "Globex")
    db("mission", "add", "Acme", "Run", "--start", "2026-01-05", "--end", "2026-10-31",
       "--monthly", "5000")  # fmt: skip
    db("mission", "add", "Globex", "Build", "--start", "2026-03-01", "--monthly", "3000")
    past = [db("status", "--json", today=day).output for day in ("2026-06-15", "2026-10-01")]
    archived = db("client", "rm", "Acme", "--yes")
    assert archived.output.startswith("Archived Acme")
    assert [
        json.loads(db("status", "--json", today=d).output) for d in ("2026-06-15", "2026-10-01")
    ] == [json.loads(p) for p in past]
    assert json.loads(past[0])["monthly_revenue"] == 800000
    assert [c["name"] for c in json.loads(db("client", "list", "--json").output)] == ["Globex"]
    every = json.loads(db("client", "list", "--json", "--all").output)
    assert [(c["name"], c["archived_on"]) for c in every] == [
        ("Acme", "2026-11-24"),
        ("Globex", None),
    ]
    assert db("client", "edit", "acme", "--restore").exit_code == 0
    assert len(json.loads(db("client", "list", "--json").output)) == 2
    gone = db("client", "rm", "Acme", "--yes", "--for-good")
    assert gone.output == "Deleted Acme with 1 mission\n"
    assert (
        json.loads(db("status", "--json", today="2026-06-15").output)["monthly_revenue"] == 300000
    )
