"""Cadences: standing prospecting targets, their periods, progress and the weekly streak.

A cadence is "``count`` done activities on ``channel`` per period", the periods given by an
RFC 5545 RRULE evaluated with python-dateutil from ``starts_on`` (the rule's DTSTART, at
midnight).

**Periods.** The rule's occurrences cut time into periods: each occurrence starts a period that
ends (exclusive) at the next occurrence. ``FREQ=WEEKLY;BYDAY=MO`` gives ISO weeks,
``FREQ=MONTHLY;BYMONTHDAY=1`` calendar months, ``FREQ=WEEKLY;BYDAY=TH`` Thursday-to-Wednesday
weeks. A day before the first occurrence is in no period (the cadence has not started); a rule
that ends (``COUNT``/``UNTIL``) ends with its last occurrence, which starts no period:
``FREQ=WEEKLY;BYDAY=MO;UNTIL=…`` with 13 Mondays gives 12 weeks. Everything is computed on
calendar dates (occurrences are taken at midnight, local wall time, no timezone), so a daylight
saving change never makes a week 6 days 23 hours long or moves a boundary; a timestamp given to
:func:`period_containing` is first turned into its own local date. Rules finer than a day
(HOURLY, MINUTELY, SECONDLY) are refused.

**Progress.** Done activities on the cadence's channel with ``done_on`` in the period, against
``count``; the period is *met* when done ≥ count.

**Streak.** The number of consecutive ISO weeks, counting back from the current one, in which the
whole plan was met. Each period of each cadence is judged once, in the ISO week that contains its
last day:

- a weekly cadence on Mondays is judged every week on its own week;
- a monthly cadence is judged once a month, in the week that contains the month's last day, on
  the whole month's count (1 event in November is judged in the week of 30 November); in the other
  weeks it neither helps nor breaks the streak — a monthly target can only be judged when the
  month is over;
- a daily cadence is judged seven times a week, and every day must be met.

A week is *met* when at least one cadence is in effect during it (one of its periods overlaps the
week) and none of the periods judged in it missed its target; *missed* when one did; *idle* when
no cadence was in effect (before the plan existed). The current week may also be *pending*: a
period judged in it is still running and not yet met. The streak counts the current week only
when it is already met, stops at 0 when it is already missed, and otherwise (pending) counts the
met weeks before it. Inactive cadences are not part of the plan.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise

from dateutil.rrule import (
    DAILY,
    HOURLY,
    MINUTELY,
    MONTHLY,
    SECONDLY,
    WEEKLY,
    YEARLY,
    rrule,
    rrulestr,
)

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import CHANNELS
from pipeline_tui.domain.weeks import week_label, week_start
from pipeline_tui.i18n import N_, _, ngettext

MAX_STREAK_WEEKS = 520
"""The streak is not searched further back than ten years."""

WEEKLY_PLAN_RULE = "FREQ=WEEKLY;BYDAY=MO"  # not shown: an RRULE
"""The rule of a weekly cadence on ISO weeks (the default, and what "raise the plan" writes)."""

_UNTIL = re.compile(r"UNTIL=(\d{8})(T\d{6})?Z?", re.IGNORECASE)
_EVERY_ONE = {
    YEARLY: N_("yearly"),
    MONTHLY: N_("monthly"),
    WEEKLY: N_("weekly"),
    DAILY: N_("daily"),
}


@dataclass(frozen=True, slots=True)
class CadenceSpec:
    """What the domain needs to know about one cadence."""

    id: int
    channel: str
    count: int
    rrule: str
    starts_on: date
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A period of a cadence: ``start`` included, ``end`` excluded."""

    start: date
    end: date

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


def normalise_rule(text: str) -> str:
    """The rule text without an ``RRULE:`` prefix, upper-cased, UNTIL as a floating date-time."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    body = body.strip().upper()
    return _UNTIL.sub(lambda m: f"UNTIL={m[1]}{m[2] or ''}", body)


@lru_cache(maxsize=512)
def _rule(text: str, starts_on: date) -> rrule:
    body = normalise_rule(text)
    if not body:
        raise ValueError(_("the cadence has no rule (try FREQ=WEEKLY;BYDAY=MO)"))
    if "\n" in body or "DTSTART" in body or "RDATE" in body or "EXDATE" in body:
        raise ValueError(_("a cadence rule is one RRULE line, without DTSTART, RDATE or EXDATE"))
    try:
        rule = rrulestr(body, dtstart=datetime.combine(starts_on, time()), cache=True)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(
            _("{text} is not an RRULE I understand: {error}").format(text=repr(text), error=exc)
        ) from exc
    if not isinstance(rule, rrule):  # pragma: no cover - rrulestr gives a set only when asked
        raise ValueError(_("{text} is not a single RRULE").format(text=repr(text)))
    if rule._freq in (HOURLY, MINUTELY, SECONDLY):
        raise ValueError(_("a cadence period is at least a day (FREQ=DAILY or longer)"))
    return rule


def check_rule(text: str, starts_on: date) -> str:
    """The normalised rule, or ValueError worded for the user (the rule must have a period)."""
    rule = _rule(text, starts_on)
    first = rule.after(datetime.combine(starts_on, time()), inc=True)
    if first is None or rule.after(first) is None:
        raise ValueError(
            _("{text} never gives a full period (it needs two occurrences)").format(text=repr(text))
        )
    return normalise_rule(text)


def check_cadence(
    channel: str, count: int, rule: str, starts_on: date, label: str | None
) -> tuple[str, str | None]:
    """A cadence's values checked: its rule normalised and its label cleaned (None when
    empty), or ValueError worded for the user."""
    check_choice(channel, CHANNELS, _("the channel"))
    if not isinstance(count, int) or count < 1:
        raise ValueError(_("a cadence's count is a whole number of at least 1"))
    rule = check_rule(rule, starts_on)
    if len(rule) > 300:
        raise ValueError(_("the rule is longer than 300 characters"))
    return rule, clean_text(label, _("the label"), max_len=200) or None


PER_RULES: dict[str, str] = {
    "week": WEEKLY_PLAN_RULE,
    "month": "FREQ=MONTHLY;BYMONTHDAY=1",  # not shown: an RRULE
}
"""The periods a cadence is usually counted on: ISO weeks, calendar months."""

CHANNEL_WORDS: dict[str, str] = {"email": "emailing", "call": "phone", "linkedin": "social"}
"""Words a user types for a channel (the kind of activity it counts) besides its own name."""


def cadence_channel(word: str) -> str:
    """The channel ``word`` names (``emailing`` or ``email``, ``phone`` or ``call``…), or
    ValueError naming the word."""
    text = word.strip().lower()
    channel = CHANNEL_WORDS.get(text, text)
    if channel not in CHANNELS:
        raise ValueError(
            _("{word} is not a channel (one of: {channels}; email and call also do)").format(
                word=repr(word), channels=", ".join(CHANNELS)
            )
        )
    return channel


def per_rule(per: str) -> str:
    """The rule of a cadence counted per ``week`` (ISO weeks) or per ``month`` (calendar months)."""
    try:
        return PER_RULES[per.strip().lower()]
    except KeyError:
        raise ValueError(_("{per} is not a period (week or month)").format(per=repr(per))) from None


def default_start(rule: str, today: date) -> date:
    """Where a new cadence starts when no date is given: the current period's first day for the
    usual rules (this week's Monday, this month's 1st), so that it counts from this period on;
    else ``today``."""
    body = normalise_rule(rule)
    if body == WEEKLY_PLAN_RULE:
        return week_start(today)
    if body == PER_RULES["month"]:
        return today.replace(day=1)
    return today


def describe_rule(text: str, starts_on: date) -> str:
    """``weekly``, ``monthly``, ``every 2 weeks``… for display."""
    rule = _rule(text, starts_on)
    interval = rule._interval
    every_one = _EVERY_ONE.get(rule._freq)
    if interval == 1 and every_one is not None:
        return _(every_one)
    if rule._freq == YEARLY:
        every = ngettext("every {count} year", "every {count} years", interval)
    elif rule._freq == MONTHLY:
        every = ngettext("every {count} month", "every {count} months", interval)
    elif rule._freq == WEEKLY:
        every = ngettext("every {count} week", "every {count} weeks", interval)
    elif rule._freq == DAILY:
        every = ngettext("every {count} day", "every {count} days", interval)
    else:
        every = ngettext("every {count} period", "every {count} periods", interval)
    return every.format(count=interval)


def weekly_rule(until: date | None = None) -> str:
    """The rule of a weekly cadence on ISO weeks, optionally ending with the week before
    ``until`` (a Monday: the last occurrence, which starts no period)."""
    if until is None:
        return WEEKLY_PLAN_RULE
    return f"{WEEKLY_PLAN_RULE};UNTIL={until:%Y%m%d}"


def first_monday_from(day: date) -> date:
    """``day`` if it is a Monday, else the next Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _as_day(day: date | datetime) -> date:
    return day.date() if isinstance(day, datetime) else day


def occurrences(spec: CadenceSpec, until: date) -> list[date]:
    """The rule's occurrences up to ``until`` (included), plus the first one after it if any, so
    that the period containing ``until`` is closed."""
    rule = _rule(spec.rrule, spec.starts_on)
    bound = datetime.combine(until, time())
    found = [d.date() for d in rule.between(datetime.min, bound, inc=True)]
    after = rule.after(bound)
    if after is not None:
        found.append(after.date())
    return found


def _periods(starts: Sequence[date]) -> list[Period]:
    return [Period(a, b) for a, b in pairwise(starts)]


def period_containing(spec: CadenceSpec, day: date | datetime) -> Period | None:
    """The period of ``spec`` that contains ``day`` (a timestamp counts by its own local date);
    None before the cadence starts and after its rule ends."""
    day = _as_day(day)
    starts = occurrences(spec, day)
    i = bisect_right(starts, day) - 1
    if i < 0 or i + 1 >= len(starts):
        return None
    return Period(starts[i], starts[i + 1])


def periods_between(spec: CadenceSpec, start: date, end: date) -> list[Period]:
    """The periods of ``spec`` overlapping ``[start, end)``."""
    return [p for p in _periods(occurrences(spec, end)) if p.start < end and p.end > start]


def count_done(done_days: Sequence[date], period: Period) -> int:
    """How many of the (sorted) ``done_days`` fall in ``period``."""
    return bisect_left(done_days, period.end) - bisect_left(done_days, period.start)


@dataclass(frozen=True, slots=True)
class CadenceProgress:
    """A cadence in its period containing a day: done so far against the target."""

    spec: CadenceSpec
    period: Period | None
    done: int

    @property
    def target(self) -> int:
        return self.spec.count

    @property
    def met(self) -> bool:
        return self.period is not None and self.done >= self.target

    @property
    def ratio(self) -> float:
        """Done ÷ target, capped at 1."""
        return min(self.done / self.target, 1.0) if self.target > 0 else 1.0


def cadence_progress(spec: CadenceSpec, day: date, done_days: Sequence[date]) -> CadenceProgress:
    """Progress of ``spec`` in its period containing ``day``, from the sorted done dates of its
    channel (only those up to ``day`` count: the future is not done yet)."""
    period = period_containing(spec, day)
    if period is None:
        return CadenceProgress(spec, None, 0)
    upto = done_days[: bisect_right(done_days, day)]
    return CadenceProgress(spec, period, count_done(upto, period))


@dataclass(frozen=True, slots=True)
class Judgement:
    """One period of one cadence, judged in the week containing its last day."""

    spec: CadenceSpec
    period: Period
    done: int
    status: str  # met | missed | pending


@dataclass(frozen=True, slots=True)
class WeekResult:
    """The plan's verdict on one ISO week: met, missed, pending (current week) or idle."""

    monday: date
    verdict: str
    judgements: tuple[Judgement, ...] = ()

    @property
    def label(self) -> str:
        return week_label(self.monday)


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive met weeks up to today, and the verdicts they were built from (newest first)."""

    weeks: int
    current: WeekResult
    history: tuple[WeekResult, ...] = field(default_factory=tuple)


class PlanTimeline:
    """The periods of every cadence of a plan up to a day, precomputed once for fast weekly
    verdicts (a streak looks at up to ten years of weeks)."""

    def __init__(
        self,
        specs: Iterable[CadenceSpec],
        done_by_channel: Mapping[str, Sequence[date]],
        today: date,
        *,
        day_over: bool = False,
    ) -> None:
        self.today = today
        self.day_over = day_over
        horizon = week_start(today) + timedelta(days=6)
        self.specs = list(specs)
        self.periods = {s.id: _periods(occurrences(s, horizon)) for s in self.specs}
        self._ends = {sid: [p.last_day for p in ps] for sid, ps in self.periods.items()}
        self.done = {
            ch: list(days[: bisect_right(days, today)]) for ch, days in done_by_channel.items()
        }

    def week(self, monday: date) -> WeekResult:
        sunday = monday + timedelta(days=6)
        in_effect = False
        judged: list[Judgement] = []
        for spec in self.specs:
            periods = self.periods[spec.id]
            if not periods or periods[0].start > sunday or periods[-1].end <= monday:
                continue
            in_effect = True
            ends = self._ends[spec.id]
            done_days = self.done.get(spec.channel, [])
            for i in range(bisect_left(ends, monday), bisect_right(ends, sunday)):
                period = periods[i]
                done = count_done(done_days, period)
                if done >= spec.count:
                    status = "met"
                elif period.last_day < self.today or (
                    self.day_over and period.last_day == self.today
                ):
                    status = "missed"
                else:
                    status = "pending"
                judged.append(Judgement(spec, period, done, status))
        statuses = {j.status for j in judged}
        if not in_effect:
            verdict = "idle"
        elif "missed" in statuses:
            verdict = "missed"
        elif "pending" in statuses:
            verdict = "pending"
        else:
            verdict = "met"
        return WeekResult(monday, verdict, tuple(judged))


def plan_streak(
    specs: Iterable[CadenceSpec],
    done_by_channel: Mapping[str, Sequence[date]],
    today: date,
    max_weeks: int = MAX_STREAK_WEEKS,
    *,
    day_over: bool = False,
) -> Streak:
    """The streak as of ``today`` (module docstring: the rules). ``done_by_channel`` maps each
    channel to the sorted dates of its done activities; dates after ``today`` are ignored.
    ``day_over``: ``today`` is over (a review of a complete week, seen from its Sunday evening),
    so a period ending on it that missed its target is missed, not pending."""
    timeline = PlanTimeline(specs, done_by_channel, today, day_over=day_over)
    monday = week_start(today)
    current = timeline.week(monday)
    history = [current]
    if current.verdict == "missed":
        return Streak(0, current, tuple(history))
    weeks = 1 if current.verdict == "met" else 0
    for back in range(1, max_weeks):
        result = timeline.week(monday - timedelta(weeks=back))
        history.append(result)
        if result.verdict != "met":
            break
        weeks += 1
    return Streak(weeks, current, tuple(history))


def weekly_equivalent(spec: CadenceSpec, day: date) -> int | None:
    """The cadence's target per week around ``day``: ``⌈count × 7 ÷ period days⌉`` for periods of
    a week or less (a daily 2 → 14); None for longer periods (a monthly target is not a weekly
    one) and outside the cadence's periods."""
    period = period_containing(spec, day)
    if period is None or period.days > 7:
        return None
    return -(-spec.count * 7 // period.days)
