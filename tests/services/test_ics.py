"""Acceptance 5: the .ics parses with icalendar, one VEVENT per due activity, stable UIDs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from pipeline_tui.services.activities import complete_activity, reschedule_activity
from pipeline_tui.services.settings import save_setting
from pipeline_tui.services.transfer.ics import build_calendar
from pipeline_tui.store.database import Store
from tests.conftest import TODAY


def _events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _due(db_path: Path) -> dict[int, tuple]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT id, due_on, kind, subject FROM activity "
            "WHERE done_on IS NULL AND due_on IS NOT NULL"
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def test_one_event_per_due_activity_with_stable_uids(demo_store: Store) -> None:
    db_path = Path(demo_store.config.sqlite_path)
    due = _due(db_path)
    assert len(due) > 10

    first = build_calendar(demo_store, stamp=datetime(2026, 11, 26, 8, tzinfo=UTC))
    second = build_calendar(demo_store, stamp=datetime(2026, 11, 27, 9, tzinfo=UTC))

    events = _events(first)
    assert set(events) == {f"activity-{i}@pipeline-tui" for i in due}
    assert set(_events(second)) == set(events)
    calendar = Calendar.from_ical(first)
    assert str(calendar["VERSION"]) == "2.0"
    assert "pipeline-tui" in str(calendar["PRODID"])
    for activity_id, (due_on, _kind, subject) in due.items():
        event = events[f"activity-{activity_id}@pipeline-tui"]
        start = event.decoded("DTSTART")
        assert start == date.fromisoformat(due_on)  # all day: a date, not a time
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert subject in str(event["SUMMARY"])


def test_summary_and_description_name_contact_client_and_deal(demo_store: Store) -> None:
    with sqlite3.connect(demo_store.config.sqlite_path) as conn:
        activity_id, subject, first, last, client, deal = conn.execute(
            "SELECT a.id, a.subject, p.first_name, p.last_name, c.name, d.title "
            "FROM activity a JOIN contact p ON p.id = a.contact_id "
            "JOIN client c ON c.id = a.client_id JOIN deal d ON d.id = a.deal_id "
            "WHERE a.done_on IS NULL AND a.due_on IS NOT NULL ORDER BY a.id LIMIT 1"
        ).fetchone()
    event = _events(build_calendar(demo_store))[f"activity-{activity_id}@pipeline-tui"]
    assert str(event["SUMMARY"]).endswith(f"{subject} — {first} {last}")
    description = str(event["DESCRIPTION"])
    assert f"Client: {client}" in description
    assert f"Deal: {deal}" in description


def test_a_done_activity_leaves_the_calendar_and_the_others_keep_their_uid(
    demo_store: Store,
) -> None:
    before = _events(build_calendar(demo_store))
    done_uid = sorted(before)[0]
    complete_activity(demo_store, int(done_uid.split("-")[1].split("@")[0]), on=TODAY)
    after = _events(build_calendar(demo_store))
    assert set(after) == set(before) - {done_uid}


def test_the_cli_writes_a_private_file(cli_run, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    result = cli_run("--db", str(demo_db), "ics", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    assert len(_events(target.read_bytes())) == len(_due(demo_db))
    printed = cli_run("--db", str(demo_db), "ics")
    assert set(_events(printed.stdout.encode())) == set(_events(target.read_bytes()))


def test_each_event_has_an_alarm_at_the_reminder_time(demo_store: Store) -> None:
    events = _events(build_calendar(demo_store))
    for event in events.values():
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)  # 09:00 on the due day
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
    save_setting(demo_store, "reminder_time", "07:45")
    for event in _events(build_calendar(demo_store)).values():
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(hours=7, minutes=45)


def test_days_keeps_what_is_due_within_the_window_and_the_overdue(demo_store: Store) -> None:
    due = _due(Path(demo_store.config.sqlite_path))
    until = TODAY + timedelta(days=3)
    expected = {i for i, (due_on, *_rest) in due.items() if date.fromisoformat(due_on) <= until}
    assert 0 < len(expected) < len(due)
    assert any(date.fromisoformat(due[i][0]) < TODAY for i in expected)  # overdue ones stay
    events = _events(build_calendar(demo_store, today=TODAY, days=3))
    assert set(events) == {f"activity-{i}@pipeline-tui" for i in expected}


def test_changing_an_activity_bumps_sequence_and_keeps_the_uid(demo) -> None:
    """On both backends: the revision is written by the ORM on every change of the row."""
    before = _events(build_calendar(demo.store))
    uid = sorted(before)[0]
    activity_id = int(uid.split("-")[1].split("@")[0])
    assert int(before[uid]["SEQUENCE"]) == 0
    old_day = before[uid].decoded("DTSTART")
    reschedule_activity(demo.store, activity_id, old_day + timedelta(days=2))
    after = _events(build_calendar(demo.store))
    assert set(after) == set(before)  # same UIDs, no new event
    assert int(after[uid]["SEQUENCE"]) == 1
    assert after[uid].decoded("DTSTART") == old_day + timedelta(days=2)
    others = [u for u in before if u != uid]
    assert all(int(after[u]["SEQUENCE"]) == 0 for u in others)
    reschedule_activity(demo.store, activity_id, old_day + timedelta(days=2))  # no change
    assert int(_events(build_calendar(demo.store))[uid]["SEQUENCE"]) == 1
    reschedule_activity(demo.store, activity_id, old_day + timedelta(days=5))
    assert int(_events(build_calendar(demo.store))[uid]["SEQUENCE"]) == 2


def test_the_cli_window_and_a_bad_window(cli_run, demo_db: Path) -> None:
    result = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "ics", "--days", "0")
    assert result.exit_code == 0, result.stderr
    due = _due(demo_db)
    expected = {i for i, (d, *_r) in due.items() if date.fromisoformat(d) <= TODAY}
    assert set(_events(result.stdout.encode())) == {f"activity-{i}@pipeline-tui" for i in expected}
    bad = cli_run("--db", str(demo_db), "ics", "--days", "-1")
    assert bad.exit_code == 2
