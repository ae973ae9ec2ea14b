"""The weekly review's numbers, from facts: pure functions the review service assembles.

**The week and its "as of".** A review is of one ISO week. A complete week (today is after its
Sunday) is seen as of its Sunday evening: the *cutoff* is the next Monday, and a follow-up due
before it and not done by then is overdue. The current week is seen as of today: the cutoff is
today (due before today and not done). A week that has not started has no review.

**Plan.** An activity counts toward the plan on its channel unless its contact had opted out on
or before the day it was done (an opted-out contact is never a prospecting target).

**Pipeline as of a day.** A deal's stage at the end of a day is the ``to_stage`` of its last
stage change on or before that day (equal dates: the later row wins); a deal with no change by
then did not exist yet. The weighted pipeline of that day is
:func:`pipeline_tui.domain.pipeline.weighted_pipeline_cents` over the deals open at that stage
(with today's values and probability overrides: those are not historised).

**Next week's targets.** The coverage gap is what the weighted pipeline does not cover of the
revenue at risk, ``max(at_risk − weighted, 0)``; the what-if turns it into weekly activities per
channel, and next week's target per channel is the larger of that and the plan's weekly target.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.pipeline import DealFacts, weighted_pipeline_cents
from pipeline_tui.domain.vocabulary import CHANNELS, OPEN_STAGES
from pipeline_tui.domain.weeks import week_label

TREND_WEEKS = 8
"""The coverage and weighted pipeline trend covers the reviewed week and the seven before it."""


@dataclass(frozen=True, slots=True)
class ReviewWeek:
    """The reviewed ISO week, and the day it is seen from."""

    monday: date
    today: date

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def next_monday(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def complete(self) -> bool:
        return self.today >= self.next_monday

    @property
    def as_of(self) -> date:
        """The Sunday of a complete week; today for the current week."""
        return self.sunday if self.complete else self.today

    @property
    def cutoff(self) -> date:
        """Due before this day and not done by it: overdue."""
        return self.next_monday if self.complete else self.today

    @property
    def label(self) -> str:
        return week_label(self.monday)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.monday <= day <= self.sunday


@dataclass(frozen=True, slots=True)
class DoneFact:
    """A done activity as the plan sees it."""

    channel: str
    done_on: date
    opted_out: bool = False
    opted_out_on: date | None = None
    times: int = 1  # identical activities aggregated by the loader

    @property
    def counts(self) -> bool:
        """False when the contact had opted out by the day it was done (a flag without a date
        counts as opted out for ever)."""
        if not self.opted_out:
            return True
        return self.opted_out_on is not None and self.done_on < self.opted_out_on


def done_by_channel(facts: Iterable[DoneFact]) -> dict[str, list[date]]:
    """The sorted done dates per channel of the activities that count toward the plan."""
    days: dict[str, list[date]] = {}
    for fact in facts:
        if fact.counts:
            days.setdefault(fact.channel, []).extend([fact.done_on] * fact.times)
    return {channel: sorted(found) for channel, found in days.items()}


def done_in(
    days_by_channel: Mapping[str, Sequence[date]], start: date, end: date
) -> dict[str, int]:
    """Done activities per channel with ``start <= done_on <= end``, in CHANNELS order."""
    counts = {ch: sum(start <= d <= end for d in days) for ch, days in days_by_channel.items()}
    return {ch: counts[ch] for ch in _channel_order(counts) if counts[ch]}


def _channel_order(keys: Iterable[str]) -> list[str]:
    order = {ch: i for i, ch in enumerate(CHANNELS)}
    return sorted(keys, key=lambda ch: (order.get(ch, len(order)), ch))


def new_leads(deals: Iterable[DealFacts], week: ReviewWeek) -> list[DealFacts]:
    """Deals created during the week (up to its "as of" day), oldest first."""
    return sorted(
        (d for d in deals if week.monday <= d.created_on <= week.as_of),
        key=lambda d: (d.created_on, d.id),
    )


def count_by_source(deals: Iterable[DealFacts]) -> dict[str, int]:
    """Deals per source channel, in CHANNELS order, channels without deals left out."""
    counts = Counter(d.channel for d in deals)
    return {ch: counts[ch] for ch in _channel_order(counts)}


def moves_in(history: Iterable[StageChange], week: ReviewWeek) -> list[StageChange]:
    """Stage moves (not a deal's first entry) dated in the week up to its "as of" day."""
    return sorted(
        (
            c
            for c in history
            if c.from_stage is not None and week.monday <= c.changed_on <= week.as_of
        ),
        key=lambda c: (c.changed_on, c.deal_id),
    )


def closed_in(history: Iterable[StageChange], week: ReviewWeek, stage: str) -> list[StageChange]:
    """Entries into ``stage`` (won or lost) dated in the week, a deal's first entry included
    (a deal recorded directly as won)."""
    return sorted(
        (c for c in history if c.to_stage == stage and week.monday <= c.changed_on <= week.as_of),
        key=lambda c: (c.changed_on, c.deal_id),
    )


class StageTimeline:
    """Each deal's stage over time: the rule "Pipeline as of a day" (module docstring) in
    Python. The trends count it in SQL (``store/queries/trend.pipeline_by_day``, on the deals'
    summaries); the tests hold that count to this, over every deal and every change."""

    def __init__(self, deals: Iterable[DealFacts], history: Iterable[StageChange]) -> None:
        self.deals = list(deals)
        changes: dict[int, list[StageChange]] = {}
        for change in sorted(history, key=lambda c: c.changed_on):  # stable: ids keep order
            changes.setdefault(change.deal_id, []).append(change)
        self._days = {i: [c.changed_on for c in cs] for i, cs in changes.items()}
        self._stages = {i: [c.to_stage for c in cs] for i, cs in changes.items()}

    def stage_on(self, deal: DealFacts, day: date) -> str | None:
        """The deal's stage at the end of ``day``; None if it did not exist yet (module
        docstring; a deal without history: its creation day and current stage)."""
        days = self._days.get(deal.id)
        if days is None:
            return deal.stage if deal.created_on <= day else None
        i = bisect_right(days, day) - 1
        return self._stages[deal.id][i] if i >= 0 else None

    def deals_on(self, day: date, *, open_only: bool = False) -> list[DealFacts]:
        """Every deal that existed at the end of ``day`` (only the open ones with
        ``open_only``), at the stage it had then."""
        result = []
        for deal in self.deals:
            stage = self.stage_on(deal, day)
            if stage is None or (open_only and stage not in OPEN_STAGES):
                continue
            result.append(deal if stage == deal.stage else replace(deal, stage=stage))
        return result

    def weighted_on(self, day: date, stage_probabilities: Mapping[str, int] | None = None) -> int:
        """The weighted pipeline at the end of ``day`` (cents)."""
        return weighted_pipeline_cents(self.deals_on(day, open_only=True), stage_probabilities)


def trend_days(week: ReviewWeek, weeks: int = TREND_WEEKS) -> list[date]:
    """The "as of" day of the reviewed week and of the ``weeks − 1`` weeks before, oldest first:
    each earlier week's Sunday, and the reviewed week's own as-of day."""
    days = [week.monday - timedelta(days=7 * back - 6) for back in range(weeks - 1, 0, -1)]
    return [*days, week.as_of]


def coverage_gap(weighted_cents: int, at_risk_cents: int) -> int:
    """Revenue at risk the weighted pipeline does not cover (cents, ≥ 0)."""
    return max(at_risk_cents - max(weighted_cents, 0), 0)


def next_week_targets(
    plan_weekly: Mapping[str, int], whatif_weekly: Mapping[str, int]
) -> dict[str, int]:
    """Per channel, the larger of the plan's weekly target and the what-if's, in CHANNELS order;
    channels with a zero target on both sides are left out."""
    targets = {
        ch: max(plan_weekly.get(ch, 0), whatif_weekly.get(ch, 0))
        for ch in set(plan_weekly) | set(whatif_weekly)
    }
    return {ch: targets[ch] for ch in _channel_order(targets) if targets[ch] > 0}


@dataclass(frozen=True, slots=True)
class OpenItem:
    """An activity as the overdue list needs it."""

    id: int
    kind: str
    subject: str
    due_on: date | None
    done_on: date | None
    client_name: str | None = None
    contact_name: str | None = None
    deal_id: int | None = None


def overdue_at(items: Iterable[OpenItem], cutoff: date) -> list[OpenItem]:
    """Activities due before ``cutoff`` and not done by then, oldest due first."""
    return sorted(
        (
            a
            for a in items
            if a.due_on is not None
            and a.due_on < cutoff
            and (a.done_on is None or a.done_on >= cutoff)
        ),
        key=lambda a: (a.due_on, a.id),
    )
