"""Revenue lost: what running missions will certainly stop bringing in, and when.

A mission running today is a **loss** when

- it has an actual end (it was ended early, on a day still to come): certain;
- or its planned end falls within the horizon (``horizon_days``, a setting, 90 by default) and
  no open deal renews it: certain; with an open renewal deal of probability ``p`` %, the loss
  weighs ``1 − p``: a renewal at 60 % leaves 40 % of the revenue lost.

A loss is never a probability of the client leaving: that is churn risk, which applies only to
the revenue not already lost (``at_risk_base_cents``). Each loss is rounded to the cent once
(half up) and the totals are sums of the rounded amounts the user sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from pipeline_tui.domain.mathutil import round_half_up, safe_ratio
from pipeline_tui.domain.pipeline import (
    Weighed,
    deal_probability,
    is_open,
    weighted_pipeline_cents,
)
from pipeline_tui.domain.revenue import MissionFacts, is_active, mission_monthly_cents

DEFAULT_CYCLE_DAYS = 45
"""Days from creation to close assumed for a deal without an expected close date, when the
history gives no average cycle (lead → won) yet."""


@dataclass(frozen=True, slots=True)
class Loss:
    """One mission's revenue that stops: ``amount_cents`` of its ``monthly_revenue_cents`` after
    ``ends_on`` (its last day of revenue)."""

    client_id: int
    mission_id: int | None
    monthly_revenue_cents: int
    ends_on: date
    early: bool
    renewal_probability: int = 0  # the best open renewal deal's probability, percent

    @property
    def certain(self) -> bool:
        return self.renewal_probability == 0

    @property
    def amount_cents(self) -> int:
        """``round_half_up(monthly × (100 − renewal probability) ÷ 100)``."""
        share = 100 - self.renewal_probability
        return round_half_up(Fraction(self.monthly_revenue_cents * share, 100))


def renewal_probabilities(
    deals: Iterable[Weighed], stage_probabilities: Mapping[str, int] | None = None
) -> dict[int, int]:
    """Mission id → the highest probability among the open deals renewing it."""
    best: dict[int, int] = {}
    for deal in deals:
        if deal.renewal_of_mission_id is not None and is_open(deal):
            p = deal_probability(deal, stage_probabilities)
            best[deal.renewal_of_mission_id] = max(best.get(deal.renewal_of_mission_id, 0), p)
    return best


def losses(
    missions: Iterable[MissionFacts],
    today: date,
    horizon_days: int,
    renewals: Mapping[int, int] | None = None,
) -> list[Loss]:
    """The losses among the missions running on ``today`` (module docstring), by date.

    An early end counts in full whatever renewal is open (the client said it leaves). A planned
    end already passed while the mission still runs is a loss dated ``today``.
    """
    horizon = today + timedelta(days=horizon_days)
    renewals = renewals or {}
    found = []
    for m in missions:
        monthly = mission_monthly_cents(m)
        if monthly <= 0 or not is_active(m, today):
            continue
        if m.actual_end_on is not None:
            found.append(Loss(m.client_id, m.id, monthly, m.actual_end_on, early=True))
        elif m.planned_end_on is not None and m.planned_end_on <= horizon:
            p = min(max(renewals.get(m.id, 0) if m.id is not None else 0, 0), 100)
            ends = max(m.planned_end_on, today)
            found.append(Loss(m.client_id, m.id, monthly, ends, early=False, renewal_probability=p))
    found.sort(key=lambda loss: (loss.ends_on, loss.client_id, loss.mission_id or 0))
    return found


def lost_by_client(found: Iterable[Loss]) -> dict[int, int]:
    """Client id → Σ its losses' rounded amounts."""
    totals: dict[int, int] = {}
    for loss in found:
        totals[loss.client_id] = totals.get(loss.client_id, 0) + loss.amount_cents
    return totals


def at_risk_base_cents(revenue_cents: int, lost_cents: int) -> int:
    """The revenue churn risk applies to: what is not already lost (never negative)."""
    return max(revenue_cents - lost_cents, 0)


def recurring_pipeline_cents(
    deals: Iterable[Weighed], stage_probabilities: Mapping[str, int] | None = None
) -> int:
    """The weighted pipeline that can replace monthly revenue: open deals that are recurring
    (``DealFacts.recurring``: not a one-off of a month or less) and not renewals (a renewal
    already weighs its mission's loss)."""
    return weighted_pipeline_cents(
        (d for d in deals if d.recurring and d.renewal_of_mission_id is None),
        stage_probabilities,
    )


def expected_close_on(deal: Weighed, today: date, cycle_days: float | None) -> date:
    """When an open deal is expected to close: its expected close date, else its creation plus
    the average cycle (``DEFAULT_CYCLE_DAYS`` without history); never before ``today``."""
    if deal.expected_close_on is not None:
        expected = deal.expected_close_on
    else:
        days = DEFAULT_CYCLE_DAYS if cycle_days is None else round(cycle_days)
        expected = deal.created_on + timedelta(days=days)
    return max(expected, today)


@dataclass(frozen=True, slots=True)
class CoverageOnDate:
    """Coverage in time: by ``ends_on``, ``loss_cents`` is lost (that day's losses and the earlier
    ones) and ``pipeline_before_cents`` of recurring weighted pipeline is expected to have
    closed."""

    ends_on: date
    loss_cents: int
    pipeline_before_cents: int

    @property
    def coverage(self) -> float | None:
        return safe_ratio(self.pipeline_before_cents, self.loss_cents)


def coverage_by_date(
    found: Iterable[Loss],
    deals: Iterable[Weighed],
    today: date,
    cycle_days: float | None,
    stage_probabilities: Mapping[str, int] | None = None,
) -> list[CoverageOnDate]:
    """For each date a loss ends on: the revenue lost by then, and the recurring weighted
    pipeline expected to close on or before it (:func:`expected_close_on`)."""
    # each open recurring deal once: its close date and its weight (value × probability), by date
    closing = sorted(
        (
            expected_close_on(d, today, cycle_days),
            max(d.monthly_value_cents, 0) * deal_probability(d, stage_probabilities),
        )
        for d in deals
        if is_open(d) and d.recurring and d.renewal_of_mission_id is None
    )
    by_date: dict[date, int] = {}
    for loss in found:
        if loss.amount_cents > 0:
            by_date[loss.ends_on] = by_date.get(loss.ends_on, 0) + loss.amount_cents
    points = []
    cumulative = 0
    weight, i = 0, 0  # Σ value × probability of the deals closing by the day, in one pass
    for day in sorted(by_date):
        cumulative += by_date[day]
        while i < len(closing) and closing[i][0] <= day:
            weight += closing[i][1]
            i += 1
        # rounded once, as ``weighted_pipeline_cents`` does over the same deals
        points.append(CoverageOnDate(day, cumulative, round_half_up(Fraction(weight, 100))))
    return points
