"""Sequence scheduling (weekend skipping, relativedelta) and the stop rules, as pure functions."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.sequence import (
    OpenStep,
    Step,
    StopEvent,
    first_stop,
    is_reply,
    next_working_day,
    run_sequence,
    schedule,
    step_due,
    step_to_complete,
)

STEPS = (
    Step(1, 0, "email", "emailing", "Premier email"),
    Step(2, 3, "call", "phone", "Appel"),
    Step(3, 7, "email", "emailing", "Relance"),
    Step(4, 14, "social", "social", "LinkedIn"),
)
THURSDAY = date(2026, 11, 26)


def d(text: str) -> date:
    return date.fromisoformat(text)


def dues(run) -> list[date]:
    return [s.due_on for s in run]


def test_weekend_due_dates_move_to_monday() -> None:
    skipping = schedule(STEPS, THURSDAY, skip_weekends=True)
    # Day 3 is Sunday 29 Nov → Monday 30 Nov.
    assert dues(skipping) == [d("2026-11-26"), d("2026-11-30"), d("2026-12-03"), d("2026-12-10")]
    assert dues(schedule(STEPS, THURSDAY, skip_weekends=False))[1] == d("2026-11-29")
    saturday = schedule(STEPS, d("2026-11-28"), skip_weekends=True)
    assert dues(saturday) == [d("2026-11-30"), d("2026-12-01"), d("2026-12-07"), d("2026-12-14")]
    assert next_working_day(d("2026-11-27")) == d("2026-11-27")  # Friday stays
    assert next_working_day(d("2027-01-02")) == d("2027-01-04")  # across the new year


def test_steps_keep_their_order_and_months_use_relativedelta() -> None:
    shuffled = (STEPS[2], STEPS[0], STEPS[3], STEPS[1])
    assert [s.step.position for s in schedule(shuffled, THURSDAY, skip_weekends=True)] == [
        1,
        2,
        3,
        4,
    ]
    monthly = Step(1, 0, "call", "phone", months=1)
    # 31 Jan + 1 month = 28 Feb 2026 (a Saturday) → Monday 2 March.
    assert step_due(d("2026-01-31"), monthly, skip_weekends=False) == d("2026-02-28")
    assert step_due(d("2026-01-31"), monthly, skip_weekends=True) == d("2026-03-02")
    assert schedule(STEPS, THURSDAY, skip_weekends=True, opted_out=True) == []


def test_a_reply_stops_the_sequence_and_cancels_what_is_left() -> None:
    run = run_sequence(STEPS, THURSDAY, skip_weekends=True, replied_on=d("2026-12-01"))
    assert run.stop == StopEvent("reply", d("2026-12-01"))
    assert dues(run.kept) == [d("2026-11-26"), d("2026-11-30")]
    assert dues(run.cancelled) == [d("2026-12-03"), d("2026-12-10")]


def test_a_stage_change_stops_it_and_the_step_due_that_day_is_cancelled() -> None:
    run = run_sequence(STEPS, THURSDAY, skip_weekends=True, stage_changed_on=d("2026-11-30"))
    assert run.stop.reason == "stage_change"
    assert dues(run.kept) == [d("2026-11-26")]
    assert len(run.cancelled) == 3


def test_an_opt_out_stops_it_and_an_opted_out_contact_gets_nothing() -> None:
    run = run_sequence(STEPS, THURSDAY, skip_weekends=True, opted_out_on=d("2026-12-05"))
    assert run.stop.reason == "opt_out"
    assert dues(run.cancelled) == [d("2026-12-10")]
    before = run_sequence(STEPS, THURSDAY, skip_weekends=True, opted_out_on=d("2026-11-01"))
    assert before.scheduled == () and before.stop == StopEvent("opt_out", THURSDAY)


def test_the_first_event_wins_and_ties_go_to_opt_out_then_reply() -> None:
    run = run_sequence(
        STEPS,
        THURSDAY,
        skip_weekends=True,
        replied_on=d("2026-12-04"),
        stage_changed_on=d("2026-12-02"),
    )
    assert run.stop == StopEvent("stage_change", d("2026-12-02"))
    same_day = d("2026-12-01")
    tie = [StopEvent("stage_change", same_day), StopEvent("reply", same_day)]
    assert first_stop(tie).reason == "reply"
    assert first_stop([*tie, StopEvent("opt_out", same_day)]).reason == "opt_out"
    assert first_stop([]) is None
    # An event dated before the start counts on the start: everything is cancelled.
    early = run_sequence(STEPS, THURSDAY, skip_weekends=True, replied_on=d("2026-11-20"))
    assert early.stop == StopEvent("reply", THURSDAY) and early.kept == ()
    assert run_sequence(STEPS, THURSDAY, skip_weekends=True).stop is None


def test_what_counts_as_a_reply() -> None:
    for outcome in ("replied", "Meeting", "not interested", "Not-Interested", "Répondu", "RDV"):
        assert is_reply(outcome), outcome
    for outcome in (None, "", "no answer", "voicemail", "sent", "bounced"):
        assert not is_reply(outcome), outcome


def test_a_done_activity_completes_the_matching_open_step() -> None:
    steps = [
        OpenStep(1, "email", d("2026-11-26")),
        OpenStep(2, "call", d("2026-11-30")),
        OpenStep(3, "email", d("2026-12-03")),
    ]
    assert step_to_complete(steps, "email", d("2026-11-27"), reply=False).activity_id == 1
    assert step_to_complete(steps[1:], "email", d("2026-11-28"), reply=False).activity_id == 3
    # A reply by email before the next email is due is the lead's answer, not that step.
    assert step_to_complete(steps[1:], "email", d("2026-11-28"), reply=True) is None
    assert step_to_complete(steps, "call", d("2026-11-30"), reply=True).activity_id == 2
    assert step_to_complete(steps, "meeting", d("2026-11-30"), reply=False) is None


@given(
    offsets=st.lists(st.integers(0, 60), min_size=1, max_size=6),
    start=st.dates(date(2026, 1, 1), date(2028, 12, 31)),
    skip=st.booleans(),
    stop_after=st.none() | st.integers(-5, 70),
)
def test_schedule_properties(offsets, start, skip, stop_after) -> None:
    steps = [Step(i + 1, off, "email", "emailing") for i, off in enumerate(offsets)]
    planned = schedule(steps, start, skip_weekends=skip)
    for item in planned:
        plain = start + timedelta(days=item.step.day_offset)
        assert plain <= item.due_on <= plain + timedelta(days=2)
        if skip:
            assert item.due_on.weekday() < 5
        else:
            assert item.due_on == plain
    opted = None if stop_after is None else start + timedelta(days=stop_after)
    run = run_sequence(steps, start, skip_weekends=skip, opted_out_on=opted)
    assert len(run.kept) + len(run.cancelled) == len(run.scheduled)
    if opted is not None:
        assert all(s.due_on < opted for s in run.kept)
