"""``plan add|edit|pause|resume|rm`` and ``sequence add|edit|list|enroll|stop|rm`` on the command
line: what they print, their JSON, and their errors (1 not found, 2 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli

TODAY = "2026-11-26"  # a Thursday; its ISO week starts on Monday 23 Nov


@pytest.fixture
def db(tmp_path: Path):
    path = str(tmp_path / "p.db")

    def run(*args: str, today: str = TODAY):
        return run_cli("--db", path, "--today", today, *args)

    return run


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def test_a_plan_built_on_the_command_line_counts_what_log_recorded(db) -> None:
    """Client Cimentis, contact Karim Benali, ``plan add email 10 --per week`` and ``plan add
    call 2 --per month``, then logged with ``log``: 3 emails done this week (Mon 23, Tue 24,
    Thu 26 Nov), 1 email the week before (Thu 19 Nov: outside this week's period), 1 call on
    Wed 25 Nov, 1 call on Tue 3 Nov. By hand:

    - emails, week 23–29 Nov: 23, 24, 26 → 3 of 10, not met;
    - calls, month 1–30 Nov: 3 and 25 Nov → 2 of 2, met;
    - this week (23–29 Nov) the email period ends on Sunday and is not met yet (3 < 10):
      "pending", not counted;
    - the call cadence (from Sunday 1 Nov) is in effect in the weeks of 26 Oct, 2, 9 and 16 Nov;
      a monthly period is judged only in the week of its last day (30 Nov, next week), the email
      cadence starts on 23 Nov: nothing is judged in those four weeks and nothing missed, so
      they are met; the week of 19 Oct has no cadence in effect (idle) and ends the count:
      streak 4.
    """
    ok(db("client", "add", "Cimentis"))
    ok(db("contact", "add", "Cimentis", "Karim Benali"))
    ok(db("plan", "add", "email", "10", "--per", "week"))
    ok(db("plan", "add", "call", "2", "--per", "month"))
    for day in ("2026-11-19", "2026-11-23", "2026-11-24", "2026-11-26"):
        ok(db("log", f"email Karim Benali done:{day}"))
    for day in ("2026-11-03", "2026-11-25"):
        ok(db("log", f"call Karim Benali done:{day}"))
    plan = json.loads(ok(db("plan", "--json")))
    assert (plan["streak_weeks"], plan["this_week"]) == (4, "pending")
    assert [
        (c["channel"], c["done"], c["target"], c["met"], c["period_start"], c["period_end"])
        for c in plan["cadences"]
    ] == [
        ("emailing", 3, 10, False, "2026-11-23", "2026-11-29"),
        ("phone", 2, 2, True, "2026-11-01", "2026-11-30"),
    ]


def test_plan_add_edit_pause_resume_rm(db) -> None:
    added = json.loads(ok(db("plan", "add", "email", "10", "--per", "week", "--json")))
    assert added == {
        "id": 1,
        "channel": "emailing",
        "count": 10,
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
        "starts_on": "2026-11-23",
        "label": None,
        "active": True,
    }
    assert ok(db("plan", "add", "event", "1", "--per", "month")) == (
        "Added cadence #2: 1 event monthly from 1 Nov 2026\n"
    )
    assert ok(db("plan", "add", "phone", "1", "--rrule", "FREQ=DAILY", "--start", "2026-12-01"))
    assert ok(db("plan", "edit", "1", "--count", "12")) == (
        "Changed cadence #1: 12 emailing weekly from 23 Nov 2026\n"
    )
    edited = json.loads(ok(db("plan", "edit", "1", "--per", "month", "--json")))
    assert (edited["rrule"], edited["count"]) == ("FREQ=MONTHLY;BYMONTHDAY=1", 12)
    assert edited["starts_on"] == "2026-11-01"  # moved back: it still counts November
    assert (
        ok(db("plan", "pause", "2"))
        == "Paused cadence #2: 1 event monthly from 1 Nov 2026 (paused)\n"
    )
    assert [c["id"] for c in json.loads(ok(db("plan", "--json")))["cadences"]] == [1]
    assert [(c["id"], c["active"]) for c in json.loads(ok(db("plan", "list", "--json")))] == [
        (1, True),
        (2, False),
        (3, True),
    ]
    assert ok(db("plan", "list")).splitlines()[1] == (
        "cadence #2: 1 event monthly from 1 Nov 2026 (paused)"
    )
    assert json.loads(ok(db("plan", "resume", "2", "--json")))["active"] is True
    assert [c["id"] for c in json.loads(ok(db("plan", "--json")))["cadences"]] == [1, 2]
    refused = db("plan", "rm", "2")  # not a terminal, no --yes: nothing deleted
    assert refused.exit_code == 1 and "add --yes" in refused.stderr
    assert (
        ok(db("plan", "rm", "2", "--yes"))
        == "Deleted cadence #2: 1 event monthly from 1 Nov 2026\n"
    )
    assert [c["id"] for c in json.loads(ok(db("plan", "--json")))["cadences"]] == [1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("plan", "add", "fax", "3", "--per", "week"), 2, "'fax' is not a channel"),
        (("plan", "add", "email", "3", "--rrule", "FREQ=OFTEN"), 2, "'FREQ=OFTEN' is not an RRULE"),
        (("plan", "add", "email", "3"), 2, "say how often"),
        (
            ("plan", "add", "email", "0", "--per", "week"),
            2,
            "count is a whole number of at least 1",
        ),
        (("plan", "add", "email", "3", "--per", "year"), 2, "'year' is not a period"),
        (("plan", "edit", "1", "--count", "-2"), 2, "count is a whole number"),
        (("plan", "add", "email", "3", "--per", "week", "--start", "soon"), 2, "'soon'"),
        (("plan", "edit", "9", "--count", "3"), 1, "there is no cadence #9"),
        (("plan", "edit", "1"), 2, "nothing to change"),
        (("plan", "pause", "9"), 1, "there is no cadence #9"),
        (("plan", "resume", "1"), 2, "already running"),
        (("plan", "rm", "9", "--yes"), 1, "there is no cadence #9"),
    ],
)
def test_plan_errors(db, args, code, message) -> None:
    ok(db("plan", "add", "email", "10", "--per", "week"))
    result = db(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sequence_add_enroll_list_stop_rm(db) -> None:
    ok(db("add", "Cimentis / Karim Benali 650/d 6m"))
    ok(db("add", "Néoxa / Inès Moreau 8k/m"))
    assert ok(db("sequence", "add", "Relance", "--steps", "email:0,call:3,email:7,social:14")) == (
        "Added sequence #1 Relance: email:0, call:3, email:7, social:14\n"
    )
    # TODAY is Thursday 26 Nov: day 3 is a Sunday, moved to Monday 30 Nov.
    assert ok(db("sequence", "enroll", "Relance", "Karim Benali")) == (
        "Enrolled Karim Benali in Relance (enrolment #1):\n"
        "  email due 26 Nov 2026\n"
        "  call due 30 Nov 2026\n"
        "  email due 3 Dec 2026\n"
        "  social network due 10 Dec 2026\n"
    )
    made = json.loads(ok(db("sequence", "enroll", "#1", "Inès Moreau", "--json")))
    assert (made["contact"], made["next_step"]) == (
        "Inès Moreau",
        {"kind": "email", "due_on": TODAY},
    )
    ok(db("log", "email Karim Benali"))  # the day-0 step done
    listed = json.loads(ok(db("sequence", "list", "--json")))
    assert [(s["name"], [e["id"] for e in s["enrollments"]]) for s in listed] == [
        ("Relance", [2, 1])
    ]
    karim = listed[0]["enrollments"][1]
    assert (karim["done_steps"], karim["next_step"], karim["running"]) == (
        1,
        {"kind": "call", "due_on": "2026-11-30"},
        True,
    )
    assert ok(db("sequence", "stop", "2")) == (
        "Stopped enrolment #2 in Relance: 4 planned steps deleted\n"
    )
    assert ok(db("sequence", "list")) == (
        "#1 Relance: email:0, call:3, email:7, social:14\n"
        "  enrolment #2 Inès Moreau, from 26 Nov 2026: stopped 26 Nov 2026: by hand (0 done)\n"
        "  enrolment #1 Karim Benali, from 26 Nov 2026: 1 done, next: call due "
        "30 Nov 2026 (3 to go)\n"
    )
    assert ok(db("sequence", "edit", "Relance", "--steps", "email:0,call:2")) == (
        "Changed sequence #1 Relance: email:0, call:2\n"
    )
    refused = db("sequence", "rm", "Relance")
    assert refused.exit_code == 1 and "add --yes" in refused.stderr
    removed = json.loads(ok(db("sequence", "rm", "Relance", "--yes", "--json")))
    assert removed == {"name": "Relance", "enrollments": 2, "stopped": [1], "cancelled": 3}
    assert ok(db("sequence", "list")).startswith("No sequence yet")


def test_a_reply_logged_stops_the_sequence(db) -> None:
    ok(db("add", "Cimentis / Karim Benali 650/d 6m"))
    ok(db("sequence", "add", "Relance", "--steps", "email:0,call:3"))
    ok(db("sequence", "enroll", "Relance", "Karim Benali"))
    ok(db("log", "call Karim Benali outcome:replied"))
    (state,) = json.loads(ok(db("sequence", "list", "--json")))
    (enrolment,) = state["enrollments"]
    assert (enrolment["running"], enrolment["stop_reason"]) == (False, "reply")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("sequence", "add", "X", "--steps", "email:0,emial:3"), 2, "'emial' in 'emial:3'"),
        (("sequence", "add", "X", "--steps", "email:0,call"), 2, "'call': write each step"),
        (("sequence", "add", "X", "--steps", "email:soon"), 2, "'email:soon'"),
        (("sequence", "add", "relance", "--steps", "email:0"), 2, "already exists"),
        (("sequence", "enroll", "Nope", "Karim Benali"), 1, "no sequence named 'Nope'"),
        (("sequence", "enroll", "Relance", "Nobody"), 1, "no contact or deal named 'Nobody'"),
        (("sequence", "enroll", "Relance", "#1"), 1, "both a contact and a deal"),
        (("sequence", "stop", "9"), 1, "there is no enrollment #9"),
        (("sequence", "edit", "Relance"), 2, "nothing to change"),
        (("sequence", "rm", "Nope", "--yes"), 1, "no sequence named 'Nope'"),
    ],
)
def test_sequence_errors(db, args, code, message) -> None:
    ok(db("add", "Cimentis / Karim Benali 650/d 6m"))
    ok(db("sequence", "add", "Relance", "--steps", "email:0,call:3"))
    result = db(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_opted_out_contact_is_not_enrolled(db, tmp_path: Path) -> None:
    from datetime import date

    from pipeline_tui.services.clients import set_do_not_contact
    from tests.conftest import _open

    ok(db("add", "Cimentis / Karim Benali 650/d 6m"))
    ok(db("sequence", "add", "Relance", "--steps", "email:0,call:3"))
    store = _open(tmp_path / "p.db")
    set_do_not_contact(store, 1, date(2026, 11, 20))  # no opt-out command yet: the service
    store.close()
    result = db("sequence", "enroll", "Relance", "Karim Benali")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Karim Benali opted out of prospecting: an opted-out contact is never enrolled\n"
    )
    assert json.loads(ok(db("sequence", "list", "--json")))[0]["enrollments"] == []
