"""Cadence periods (month ends, DST, ISO weeks 53 and across a new year), progress and streak."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pipeline_tui.domain.cadence import (
    CadenceSpec,
    Period,
    cadence_progress,
    check_rule,
    describe_rule,
    period_containing,
    periods_between,
    plan_streak,
    weekly_equivalent,
    weekly_rule,
)
from pipeline_tui.domain.weeks import parse_week, week_label, week_start, weeks_in_year

PARIS = ZoneInfo("Europe/Paris")
WEEKLY = "FREQ=WEEKLY;BYDAY=MO"
MONTHLY = "FREQ=MONTHLY;BYMONTHDAY=1"


def spec(rule: str, starts_on: date, count: int = 1, channel: str = "phone", id: int = 1):
    return CadenceSpec(id, channel, count, rule, starts_on)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- ISO weeks ----------------------------------------------------------------------------------


def test_2026_has_53_iso_weeks_and_week_53_spans_the_new_year() -> None:
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2027) == 52
    assert parse_week("2026-W53") == d("2026-12-28")
    assert week_label(d("2027-01-01")) == "2026-W53"
    assert week_label(d("2027-01-03")) == "2026-W53"
    assert week_label(d("2027-01-04")) == "2027-W01"
    assert parse_week("2025-W01") == d("2024-12-30")  # week 1 of 2025 starts in 2024
    assert parse_week("2026w5") == parse_week("2026-W05") == d("2026-01-26")


@pytest.mark.parametrize("text", ["2027-W53", "2026-W00", "2026-W54", "26-W1", "2026-12-01", ""])
def test_bad_weeks_are_refused_in_words(text: str) -> None:
    with pytest.raises(ValueError, match=r"week|ISO"):
        parse_week(text)


# --- periods ------------------------------------------------------------------------------------


def test_weekly_periods_are_iso_weeks_including_week_53() -> None:
    weekly = spec(WEEKLY, d("2026-01-05"))
    assert period_containing(weekly, d("2027-01-01")) == Period(d("2026-12-28"), d("2027-01-04"))
    assert period_containing(weekly, d("2027-01-03")).last_day == d("2027-01-03")
    assert period_containing(weekly, d("2027-01-04")) == Period(d("2027-01-04"), d("2027-01-11"))
    # A week spanning a new year that is not a week 53: 2027-W52 ends on 2 Jan 2028.
    assert period_containing(weekly, d("2028-01-01")) == Period(d("2027-12-27"), d("2028-01-03"))
    from_w01 = spec(WEEKLY, d("2025-12-29"))  # Monday of 2026-W01, in 2025
    every = periods_between(from_w01, d("2025-12-29"), d("2027-01-04"))
    assert len(every) == 53
    assert [week_label(p.start) for p in (every[0], every[-1])] == ["2026-W01", "2026-W53"]
    assert all(p.days == 7 and p.start.weekday() == 0 for p in every)


def test_monthly_periods_across_month_ends_and_years() -> None:
    monthly = spec(MONTHLY, d("2026-01-01"))
    assert period_containing(monthly, d("2026-01-31")) == Period(d("2026-01-01"), d("2026-02-01"))
    assert period_containing(monthly, d("2026-02-28")) == Period(d("2026-02-01"), d("2026-03-01"))
    assert period_containing(monthly, d("2026-12-31")) == Period(d("2026-12-01"), d("2027-01-01"))
    assert period_containing(monthly, d("2027-01-01")) == Period(d("2027-01-01"), d("2027-02-01"))
    assert period_containing(monthly, d("2028-02-29")).days == 29  # leap year
    # The last day of each month: 31 Jan → 28 Feb → 31 Mar.
    last = spec("FREQ=MONTHLY;BYMONTHDAY=-1", d("2026-01-01"))
    assert period_containing(last, d("2026-02-10")) == Period(d("2026-01-31"), d("2026-02-28"))
    assert period_containing(last, d("2026-02-28")) == Period(d("2026-02-28"), d("2026-03-31"))
    # RFC 5545: a month without a 31st has no occurrence, so that period spans two months.
    on_31 = spec("FREQ=MONTHLY;BYMONTHDAY=31", d("2026-01-01"))
    assert period_containing(on_31, d("2026-02-15")) == Period(d("2026-01-31"), d("2026-03-31"))


def test_periods_ignore_daylight_saving_changes() -> None:
    weekly = spec(WEEKLY, d("2026-01-05"))
    daily = spec("FREQ=DAILY", d("2026-01-01"))
    # Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026 in Paris.
    assert period_containing(weekly, d("2026-03-29")) == Period(d("2026-03-23"), d("2026-03-30"))
    assert period_containing(weekly, d("2026-10-25")) == Period(d("2026-10-19"), d("2026-10-26"))
    assert period_containing(daily, d("2026-03-29")) == Period(d("2026-03-29"), d("2026-03-30"))
    assert period_containing(daily, d("2026-10-25")).days == 1
    assert all(p.days == 7 for p in periods_between(weekly, d("2026-03-01"), d("2026-11-30")))
    # A Paris timestamp just after midnight on Monday is still 22:30/23:30 UTC on Sunday: it
    # counts by its own local date, in the new week.
    after_spring = datetime(2026, 3, 30, 0, 30, tzinfo=PARIS)
    after_autumn = datetime(2026, 10, 26, 0, 30, tzinfo=PARIS)
    assert after_spring.astimezone(ZoneInfo("UTC")).date() == d("2026-03-29")
    assert period_containing(weekly, after_spring).start == d("2026-03-30")
    assert period_containing(weekly, after_autumn).start == d("2026-10-26")


def test_no_period_before_the_start_or_after_the_rule_ends() -> None:
    weekly = spec(WEEKLY, d("2026-11-26"))  # a Thursday: the first period starts Monday
    assert period_containing(weekly, d("2026-11-27")) is None
    assert period_containing(weekly, d("2026-11-30")).start == d("2026-11-30")
    boxed = spec(weekly_rule(d("2026-12-21")), d("2026-11-30"))  # 4 Mondays → 3 weeks
    assert [p.start for p in periods_between(boxed, d("2026-11-01"), d("2027-02-01"))] == [
        d("2026-11-30"),
        d("2026-12-07"),
        d("2026-12-14"),
    ]
    assert period_containing(boxed, d("2026-12-20")).last_day == d("2026-12-20")
    assert period_containing(boxed, d("2026-12-21")) is None


def test_rules_are_checked_and_described() -> None:
    assert check_rule("rrule:freq=weekly;byday=mo", d("2026-01-05")) == WEEKLY
    until_utc = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270104T000000Z"
    assert check_rule(until_utc, d("2026-12-07")) == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270104T000000"
    assert describe_rule(MONTHLY, d("2026-01-01")) == "monthly"
    assert describe_rule("FREQ=DAILY", d("2026-01-01")) == "daily"
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2", d("2026-01-01")) == "every 2 weeks"
    for bad, words in (
        ("FREQ=HOURLY", "at least a day"),
        ("", "no rule"),
        ("every monday", "not an RRULE"),
        ("FREQ=WEEKLY;COUNT=1", "full period"),
        ("DTSTART:20260101\nRRULE:FREQ=WEEKLY", "one RRULE line"),
    ):
        with pytest.raises(ValueError, match=words):
            check_rule(bad, d("2026-01-05"))


def test_weekly_equivalent_targets() -> None:
    assert weekly_equivalent(spec(WEEKLY, d("2026-01-05"), 5), d("2026-11-30")) == 5
    assert weekly_equivalent(spec("FREQ=DAILY", d("2026-01-05"), 2), d("2026-11-30")) == 14
    assert weekly_equivalent(spec(MONTHLY, d("2026-01-01"), 1), d("2026-11-30")) is None
    assert weekly_equivalent(spec(WEEKLY, d("2026-12-01"), 5), d("2026-11-30")) is None


# --- progress -----------------------------------------------------------------------------------


def test_progress_counts_done_activities_of_the_period_up_to_the_day() -> None:
    weekly = spec(WEEKLY, d("2026-01-05"), count=3)
    done = sorted([d("2026-11-22"), d("2026-11-23"), d("2026-11-25"), d("2026-11-27")])
    progress = cadence_progress(weekly, d("2026-11-26"), done)
    assert (progress.done, progress.target, progress.met) == (2, 3, False)
    assert progress.ratio == pytest.approx(2 / 3)
    later = cadence_progress(weekly, d("2026-11-29"), done)
    assert (later.done, later.met, later.ratio) == (3, True, 1.0)
    assert cadence_progress(spec(WEEKLY, d("2026-12-01")), d("2026-11-26"), done).period is None


# --- streak -------------------------------------------------------------------------------------


PLAN_START = date(2026, 9, 7)


def _plan(start: date = PLAN_START) -> list[CadenceSpec]:
    return [
        CadenceSpec(1, "phone", 2, WEEKLY, start),
        CadenceSpec(2, "event", 1, MONTHLY, start),
    ]


def _weekly_calls(first: date, last: date, per_week: int = 2) -> list[date]:
    days, monday = [], week_start(first)
    while monday <= last:
        days += [monday + timedelta(days=i) for i in range(per_week)]
        monday += timedelta(weeks=1)
    return sorted(day for day in days if day <= last)


TODAY = d("2026-11-26")  # Thursday of 2026-W48
EVENTS = [d("2026-09-15"), d("2026-10-08"), d("2026-11-12")]


def test_streak_counts_complete_weeks_while_this_week_is_pending() -> None:
    done = {"phone": _weekly_calls(d("2026-09-07"), d("2026-11-22")), "event": EVENTS}
    streak = plan_streak(_plan(), done, TODAY)
    assert streak.current.verdict == "pending"  # 0 of 2 calls yet, and the week is not over
    assert streak.weeks == 11  # 2026-W37 (the plan's first week) to 2026-W47
    assert streak.history[-1].verdict == "idle"  # W36: before the plan existed


def test_this_week_counts_once_it_is_met() -> None:
    calls = [*_weekly_calls(d("2026-09-07"), d("2026-11-22")), d("2026-11-23"), d("2026-11-24")]
    streak = plan_streak(_plan(), {"phone": calls, "event": EVENTS}, TODAY)
    assert (streak.current.verdict, streak.weeks) == ("met", 12)


def test_a_monthly_cadence_is_judged_in_the_week_its_month_ends() -> None:
    calls = _weekly_calls(d("2026-09-07"), d("2026-11-22"))
    no_october = [d("2026-09-15"), d("2026-11-12")]
    streak = plan_streak(_plan(), {"phone": calls, "event": no_october}, TODAY)
    # October ends on Saturday 31 Oct, in 2026-W44: that week is missed, the weeks after count.
    assert streak.weeks == 3
    missed = streak.history[-1]
    assert (missed.label, missed.verdict) == ("2026-W44", "missed")
    assert [j.spec.channel for j in missed.judgements if j.status == "missed"] == ["event"]
    # November's event is missing too, but November is judged in 2026-W49: not yet.
    no_november = [d("2026-09-15"), d("2026-10-08")]
    assert plan_streak(_plan(), {"phone": calls, "event": no_november}, TODAY).weeks == 11


def test_a_period_ending_today_is_pending_until_the_day_is_over() -> None:
    monday = d("2026-11-30")  # the last day of November, in 2026-W49
    calls = _weekly_calls(d("2026-09-07"), monday)
    done = {"phone": calls, "event": [d("2026-09-15"), d("2026-10-08")]}
    assert plan_streak(_plan(), done, monday).current.verdict == "pending"
    assert plan_streak(_plan(), done, monday + timedelta(days=1)).weeks == 0  # now it is missed
    # A review of a complete week sees its Sunday as over.
    sunday = d("2026-11-22")
    short = {"phone": _weekly_calls(d("2026-09-07"), sunday)[:-1], "event": EVENTS}
    assert plan_streak(_plan(), short, sunday).current.verdict == "pending"
    assert plan_streak(_plan(), short, sunday, day_over=True).weeks == 0


def test_streak_through_week_53_and_the_new_year() -> None:
    plan = [CadenceSpec(1, "phone", 1, WEEKLY, d("2026-12-07"))]
    calls = _weekly_calls(d("2026-12-07"), d("2027-01-10"), per_week=1)
    streak = plan_streak(plan, {"phone": calls}, d("2027-01-13"))
    assert streak.current.verdict == "pending"
    assert streak.weeks == 5
    assert [w.label for w in streak.history[1:6]] == [
        "2027-W01",
        "2026-W53",
        "2026-W52",
        "2026-W51",
        "2026-W50",
    ]
    # December (judged in 2026-W53, the week of 31 Dec) breaks it when it has no event.
    with_event = [*plan, CadenceSpec(2, "event", 1, MONTHLY, d("2026-12-01"))]
    broken = plan_streak(with_event, {"phone": calls}, d("2027-01-13"))
    assert broken.weeks == 1 and broken.history[-1].label == "2026-W53"


def test_a_daily_cadence_is_judged_every_day_and_future_activities_do_not_count() -> None:
    daily = [CadenceSpec(1, "social", 1, "FREQ=DAILY", d("2026-11-16"))]
    every_day = [d("2026-11-16") + timedelta(days=i) for i in range(14)]
    sunday, monday = d("2026-11-22"), d("2026-11-23")
    assert plan_streak(daily, {"social": every_day}, sunday).weeks == 1  # all 7 days met
    no_sunday = [day for day in every_day if day != sunday]
    assert plan_streak(daily, {"social": no_sunday}, sunday).current.verdict == "pending"
    assert plan_streak(daily, {"social": no_sunday}, monday).weeks == 0  # Sunday was missed
    # On Monday the rest of the week (already in the list) is the future: not done yet.
    on_monday = plan_streak(daily, {"social": every_day}, monday)
    assert (on_monday.current.verdict, on_monday.weeks) == ("pending", 1)
    gap = [day for day in every_day if day != d("2026-11-18")]
    assert plan_streak(daily, {"social": gap}, monday).weeks == 0
    assert plan_streak([], {}, TODAY).current.verdict == "idle"
