"""What is new, what is over, what is due within the hours, what is behind pace, and the
systemd quoting: the decisions of remind, on their own."""

from __future__ import annotations

from datetime import date, datetime, time

from pipeline_tui.domain.reminders import (
    Remembered,
    Reminder,
    behind_pace,
    due_within,
    ended_states,
    expected_by,
    new_reminders,
    summary,
    text_lines,
)
from pipeline_tui.domain.schedule import shell_word, system_for, systemd_word

OVERDUE = Reminder("overdue", "activity-1", "Call: Anne")
RISK = Reminder("risk", "client-3", "Acme, risk 70")


def test_a_reminder_of_the_day_is_new_until_said_that_day() -> None:
    nothing = Remembered(frozenset(), frozenset())
    assert new_reminders([OVERDUE, RISK], nothing) == [OVERDUE, RISK]
    said = Remembered(frozenset({("overdue", "activity-1")}), frozenset())
    assert new_reminders([OVERDUE], said) == []


def test_a_lasting_reminder_is_new_until_said_and_again_once_its_state_ended() -> None:
    open_risk = Remembered(frozenset(), frozenset({("risk", "client-3")}))
    assert new_reminders([RISK], open_risk) == []
    assert ended_states([RISK], open_risk) == set()
    assert ended_states([OVERDUE], open_risk) == {("risk", "client-3")}
    # said today as a reminder of the day does not silence a lasting one that was cleared
    cleared = Remembered(frozenset({("risk", "client-3")}), frozenset())
    assert new_reminders([RISK], cleared) == [RISK]


def test_due_within_the_hours_is_after_today_and_before_the_horizon() -> None:
    at = time(9, 0)
    evening = datetime(2026, 11, 26, 21, 0)
    assert due_within(date(2026, 11, 27), at, evening, 12)
    assert not due_within(date(2026, 11, 27), at, evening, 11)  # 12 h away
    assert not due_within(date(2026, 11, 26), at, evening, 12)  # today: due, not soon
    assert not due_within(date(2026, 11, 27), at, datetime(2026, 11, 26, 9, 0), 12)


def test_pace_is_an_even_share_of_the_period_in_whole_ones() -> None:
    monday, sunday = date(2026, 11, 23), date(2026, 11, 29)
    assert expected_by(10, monday, sunday, date(2026, 11, 25)) == 4  # 30/7 = 4.3
    assert expected_by(10, monday, sunday, sunday) == 10
    assert expected_by(10, monday, sunday, date(2026, 11, 22)) == 0  # before the period
    assert behind_pace(10, 3, monday, sunday, date(2026, 11, 25))
    assert not behind_pace(10, 4, monday, sunday, date(2026, 11, 25))
    assert not behind_pace(1, 0, date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 26))


def test_the_summary_and_lines_go_by_kind() -> None:
    assert summary([RISK, OVERDUE, OVERDUE]) == "3 reminders: 2 overdue, 1 client at risk"
    assert summary([RISK]) == "1 reminder: 1 client at risk"
    assert text_lines([RISK, OVERDUE]) == ["Overdue: Call: Anne", "Client at risk: Acme, risk 70"]


def test_words_are_quoted_for_systemd_and_the_shell() -> None:
    assert systemd_word("/usr/bin/python3") == "/usr/bin/python3"
    assert systemd_word("/home/a b/p.db") == '"/home/a b/p.db"'
    assert systemd_word("/data/100%.db") == "/data/100%%.db"  # % is a specifier
    assert shell_word("it's.db") == "'it'\"'\"'s.db'"
    assert system_for("linux", True) == "systemd"
    assert system_for("linux", False) == "cron"
    assert system_for("darwin", False) == "launchd"
    assert system_for("freebsd14", False) == "cron"


def test_the_summary_counts_in_words_that_agree() -> None:
    from pipeline_tui.domain.reminders import summary

    rotting = [Reminder("rotting", f"deal-{i}", "idle") for i in range(2)]
    assert summary([*rotting, RISK]) == "3 reminders: 1 client at risk, 2 deals rotting"
