"""Raising the plan: each channel's cadence brought up to at least the what-if's target.

For every prospecting channel with a target (``domain.targets``), from the first period on or
after today (a Monday for a weekly target, the first of a month for a monthly one, of a quarter,
of a year):

- if the channel's cadences in force in that period already ask for at least the target as
  shown (its whole count in its period, as activities a week, compared exactly), nothing changes;
- otherwise the channel's cadences still running are ended the day the new period starts
  (``UNTIL``: the weeks already under way keep the target they had; one that would only start
  later is set inactive) and one cadence replaces them, at the target, in the target's period,
  open-ended: one row per channel, never two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from pipeline_tui.domain.cadence import (
    CadenceSpec,
    first_monday_from,
    normalise_rule,
    period_containing,
    weekly_rule,
)
from pipeline_tui.domain.targets import ChannelTarget

_RULES = {  # not shown: RRULEs
    "week": None,  # weekly_rule()
    "month": "FREQ=MONTHLY;BYMONTHDAY=1",  # not shown: an RRULE
    "quarter": "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1",  # not shown: an RRULE
    "year": "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",  # not shown: an RRULE
}
_UNTIL = re.compile(r";?UNTIL=[0-9TZ]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChannelRaise:
    """What raising does to one channel: the cadences it ends and the one it adds."""

    channel: str
    count: int
    period: str
    rule: str
    starts_on: date
    ends: tuple[int, ...]  # ids of the cadences in force, ended on ``starts_on``
    retires: tuple[int, ...] = ()  # ids of the cadences not started by then: set inactive


@dataclass(frozen=True, slots=True)
class RaisePlan:
    raises: tuple[ChannelRaise, ...]
    already: tuple[str, ...]  # channels whose plan already meets the target


def period_start(period: str, today: date) -> date:
    """The first day of the first ``period`` starting on or after ``today``."""
    if period == "week":
        return first_monday_from(today)
    first = today.replace(day=1)
    if period == "month":
        return first if first == today else first + relativedelta(months=1)
    if period == "quarter":
        month = ((today.month - 1) // 3) * 3 + 1
        start = today.replace(month=month, day=1)
        return start if start == today else start + relativedelta(months=3)
    start = today.replace(month=1, day=1)
    return start if start == today else start + relativedelta(years=1)


_LENGTHS = {
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}


def period_days(period: str, starts_on: date) -> int:
    """The days of the ``period`` that starts on ``starts_on``."""
    return ((starts_on + _LENGTHS[period]) - starts_on).days


def rule_for(period: str) -> str:
    return _RULES[period] or weekly_rule()


def rate_per_week(spec: CadenceSpec, day: date) -> Fraction:
    """The cadence's activities a week in its period containing ``day`` (0 outside)."""
    period = period_containing(spec, day)
    if period is None or period.days <= 0:
        return Fraction(0)
    return Fraction(spec.count * 7, period.days)


def ended_rule(rule: str, until: date) -> str:
    """``rule`` ending on ``until`` (an earlier UNTIL already there is kept)."""
    body = normalise_rule(rule)
    match = re.search(r"UNTIL=(\d{8})", body)
    if match and match[1] <= f"{until:%Y%m%d}":
        return body
    return f"{_UNTIL.sub('', body)};UNTIL={until:%Y%m%d}"


def raise_plan(
    cadences: Iterable[CadenceSpec], targets: Mapping[str, ChannelTarget], today: date
) -> RaisePlan:
    """The changes that bring each channel up to its target (module docstring)."""
    specs = list(cadences)
    raises, already = [], []
    for channel, target in targets.items():
        if target.per_period <= 0:
            continue
        starts_on = period_start(target.period, today)
        mine = [s for s in specs if s.channel == channel]
        in_force = sum((rate_per_week(s, starts_on) for s in mine), Fraction(0))
        needed = Fraction(target.per_period * 7, period_days(target.period, starts_on))
        if in_force >= needed and in_force > 0:
            already.append(channel)
            continue
        retires = tuple(s.id for s in mine if s.starts_on >= starts_on)
        ends = tuple(
            s.id
            for s in mine
            if s.id not in retires
            and (period_containing(s, today) is not None or period_containing(s, starts_on))
        )
        raises.append(
            ChannelRaise(
                channel,
                target.per_period,
                target.period,
                rule_for(target.period),
                starts_on,
                ends,
                retires,
            )
        )
    return RaisePlan(tuple(raises), tuple(already))
