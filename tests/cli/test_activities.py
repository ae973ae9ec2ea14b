"""``activity show|edit|rm``: an activity logged with ``log`` changed field by field, its links
named as everywhere else, a wrong name refused with exit 1 and nothing written, rm asking first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli


@pytest.fixture
def db(tmp_path: Path):
    path = str(tmp_path / "a.db")

    def run(*args: str):
        return run_cli("--db", path, "--today", "2026-11-24", *args)

    run("client", "add", "Banque Rivemont")
    run("client", "add", "Acme")
    run("contact", "add", "Banque Rivemont", "Karim Benali")
    return run


def _show(db, ref: str = "1") -> dict:
    result = db("activity", "show", ref, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_edit_changes_only_what_is_given(db) -> None:
    assert db("log", "call Karim Benali next:fri").exit_code == 0
    before = _show(db)
    assert (before["kind"], before["contact"], before["client"]) == (
        "call",
        "Karim Benali",
        "Banque Rivemont",
    )
    result = db("activity", "edit", "#1", "--subject", "Rappel", "--outcome", "voicemail")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Changed: #1 call (phone) Rappel: done 24 Nov 2026")
    after = _show(db)
    assert (after["subject"], after["outcome"], after["kind"], after["contact"]) == (
        "Rappel",
        "voicemail",
        "call",
        "Karim Benali",
    )

    assert (
        db("activity", "edit", "1", "--not-done", "--due", "+3d", "--kind", "email").exit_code == 0
    )
    after = _show(db)
    assert (after["done_on"], after["due_on"], after["kind"], after["channel"]) == (
        None,
        "2026-11-27",
        "email",
        "emailing",
    )
    assert db("activity", "edit", "1", "--client", "Acme", "--contact", "").exit_code == 0
    after = _show(db)
    assert (after["client"], after["contact"]) == ("Acme", None)


def test_a_wrong_name_is_refused_and_nothing_changes(db) -> None:
    assert db("log", "email Acme").exit_code == 0
    result = db("activity", "edit", "1", "--client", "banque riv", "--subject", "x")
    assert result.exit_code == 1
    assert "did you mean" in result.output and "Banque Rivemont" in result.output
    assert _show(db)["subject"] != "x"
    result = db("activity", "edit", "1", "--contact", "Karim Benali", "--client", "Acme")
    assert result.exit_code == 2 and "is not with the client" in result.output
    assert db("activity", "edit", "nope").exit_code == 2
    assert db("activity", "show", "99").exit_code == 1


def test_rm_asks_first(db) -> None:
    assert db("log", "email Acme").exit_code == 0
    refused = db("activity", "rm", "1")
    assert refused.exit_code != 0 and "add --yes" in refused.output
    assert _show(db)["client"] == "Acme"
    assert db("activity", "rm", "1", "--yes").output == "Deleted activity #1.\n"
    assert db("activity", "show", "1").exit_code == 1
