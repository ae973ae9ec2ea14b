"""The sales pipeline: deal probability, weighted pipeline, coverage and rotting deals.

Pure functions over :class:`DealFacts` (or :class:`DealGroup`, alike open deals counted
together), which the services fill from the database. Money is
integer cents, probabilities are ints 0–100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from pipeline_tui.domain.mathutil import round_half_up, safe_ratio
from pipeline_tui.domain.vocabulary import (
    DEFAULT_ROT_DAYS,
    DEFAULT_STAGE_PROBABILITIES,
    OPEN_STAGES,
)

ONE_OFF_MONTHS = 1
"""A deal lasting this many months or fewer is a one-off: it is pipeline, not recurring revenue."""

FALLBACK_ROT_DAYS = 14
"""Allowed idle days for a stage found neither in the given table nor in DEFAULT_ROT_DAYS."""


@dataclass(frozen=True, slots=True)
class DealFacts:
    """What the numbers need to know about one deal.

    ``probability`` is the per-deal override (0–100) or None to use the stage's probability.
    """

    id: int
    client_id: int
    stage: str
    monthly_value_cents: int
    probability: int | None
    channel: str
    created_on: date
    closed_on: date | None = None
    last_activity_on: date | None = None
    stage_changed_on: date | None = None
    title: str = ""
    duration_months: float | None = None  # None: open-ended (recurring)
    expected_close_on: date | None = None
    renewal_of_mission_id: int | None = None  # the mission this deal would renew

    @property
    def recurring(self) -> bool:
        """True when the deal would replace monthly revenue: not a one-off of a month or less
        (a training, an audit). A one-off never counts toward coverage."""
        return self.duration_months is None or self.duration_months > ONE_OFF_MONTHS


@dataclass(frozen=True, slots=True)
class DealGroup:
    """Open deals that every figure of the pipeline weighs alike, counted together (the numbers
    read them summed up in SQL, not one by one): the same stage and own probability, the same
    kind (``recurring``, the mission they renew) and the same expected close. ``created_on`` is
    only kept for deals without an expected close date (it then gives their close, see
    ``domain.losses.expected_close_on``); ``monthly_value_cents`` is the Σ of the deals' monthly
    values, each counted from 0."""

    stage: str
    probability: int | None
    recurring: bool
    renewal_of_mission_id: int | None
    expected_close_on: date | None
    created_on: date | None
    count: int
    monthly_value_cents: int


Weighed = DealFacts | DealGroup
"""What the pipeline's sums take: deals one by one, or alike ones counted together."""


@dataclass(frozen=True, slots=True)
class RottingDeal:
    """An open deal idle for longer than its stage allows."""

    deal: DealFacts
    idle_days: int
    allowed_days: int

    @property
    def overdue_days(self) -> int:
        """Days beyond the allowed idle time (always ≥ 1)."""
        return self.idle_days - self.allowed_days


def is_open(deal: Weighed) -> bool:
    """True when the deal's stage is one of vocabulary.OPEN_STAGES (lead … negotiation)."""
    return deal.stage in OPEN_STAGES


def deal_probability(deal: Weighed, stage_probabilities: Mapping[str, int] | None = None) -> int:
    """The deal's probability of being won, 0–100.

    The per-deal override wins; otherwise the stage's probability from ``stage_probabilities``
    (user settings), then from vocabulary.DEFAULT_STAGE_PROBABILITIES, else 0. Clamped to 0–100.
    """
    if deal.probability is not None:
        return min(max(deal.probability, 0), 100)
    return stage_probability(deal.stage, stage_probabilities)


def stage_probability(stage: str, stage_probabilities: Mapping[str, int] | None = None) -> int:
    """A stage's probability of being won, 0–100: from ``stage_probabilities`` (user settings),
    then vocabulary.DEFAULT_STAGE_PROBABILITIES, else 0 (what a deal without its own weighs)."""
    table = stage_probabilities or {}
    value = table.get(stage, DEFAULT_STAGE_PROBABILITIES.get(stage, 0))
    return min(max(value, 0), 100)


def weighted_pipeline_cents(
    deals: Iterable[Weighed], stage_probabilities: Mapping[str, int] | None = None
) -> int:
    """Weighted pipeline, in cents: ``round_half_up(Σ monthly_value × probability ÷ 100)`` over
    the OPEN deals, summed exactly and rounded once at the end.

    Won and lost deals are not pipeline. Negative monthly values count as 0. Example:
    proposal 5_000_00 at 60 % + lead 3_333_33 at 10 % → 300_000 + 33_333.3 = 333_333.3 →
    333_333 cents.
    """
    total = 0
    for deal in deals:
        if is_open(deal):
            total += max(deal.monthly_value_cents, 0) * deal_probability(deal, stage_probabilities)
    return round_half_up(Fraction(total, 100))


def average_open_monthly_cents(deals: Iterable[DealFacts]) -> int | None:
    """Mean monthly value of the open deals, rounded half up; None without open deals.

    A fallback for the what-if when there is no won deal yet to learn the average from.
    """
    values = [max(d.monthly_value_cents, 0) for d in deals if is_open(d)]
    if not values:
        return None
    return round_half_up(Fraction(sum(values), len(values)))


def average_group_monthly_cents(groups: Iterable[DealGroup]) -> int | None:
    """:func:`average_open_monthly_cents` of the deals counted in ``groups``."""
    total, count = 0, 0
    for group in groups:
        if is_open(group):
            total += max(group.monthly_value_cents, 0)
            count += group.count
    return round_half_up(Fraction(total, count)) if count else None


def coverage(weighted_cents: int, at_risk_cents: int) -> float | None:
    """Pipeline coverage of the revenue at risk: ``weighted_cents ÷ at_risk_cents``.

    1.0 means the weighted pipeline exactly offsets the monthly revenue at risk. None when
    ``at_risk_cents`` ≤ 0: nothing at risk, coverage undefined (JSON null, UI "—"). A negative
    weighted pipeline counts as 0. Never raises (an absurdly large quotient gives ``inf``).
    """
    return safe_ratio(weighted_cents, at_risk_cents)


def worst_loss_coverage(weighted_cents: int, largest_client_revenue_cents: int) -> float | None:
    """ "Covered at": ``recurring weighted pipeline ÷ a client's monthly revenue``, for the largest
    client the worst single loss ("losing Acme, €8,400/month, is covered at 72 %").

    None when the largest revenue is ≤ 0 (no client, nothing to lose); same rules as
    :func:`coverage`.
    """
    return safe_ratio(weighted_cents, largest_client_revenue_cents)


def last_touched_on(deal: DealFacts) -> date:
    """The latest of the deal's last activity, last stage change and creation dates."""
    dates = (deal.last_activity_on, deal.stage_changed_on, deal.created_on)
    return max(d for d in dates if d is not None)


def days_in_stage(deal: DealFacts, today: date) -> int:
    """Days since the deal entered its stage: its last stage change, else its creation."""
    return (today - (deal.stage_changed_on or deal.created_on)).days


def allowed_idle_days(stage: str, rot_days: Mapping[str, int] | None = None) -> int:
    """How long a deal may stay idle at ``stage``: ``rot_days`` (user settings), then
    vocabulary.DEFAULT_ROT_DAYS, else FALLBACK_ROT_DAYS."""
    return (rot_days or {}).get(stage, DEFAULT_ROT_DAYS.get(stage, FALLBACK_ROT_DAYS))


def idle_since(today: date, rot_days: Mapping[str, int] | None = None) -> dict[str, date]:
    """Each open stage's cut-off day: a deal at that stage last touched before it rots
    (``idle_days > allowed_days``); what reads the rotting deals alone filters on."""
    cutoffs = {}
    for stage in OPEN_STAGES:
        allowed = allowed_idle_days(stage, rot_days)
        span = (today - date.min).days
        cutoffs[stage] = date.min if allowed >= span else today - timedelta(days=allowed)
    return cutoffs


def rotting_deals(
    deals: Iterable[DealFacts], today: date, rot_days: Mapping[str, int] | None = None
) -> list[RottingDeal]:
    """Open deals idle for longer than their stage allows, most idle first.

    ``idle_days = today − last_touched_on(deal)`` (latest of last activity, stage change,
    creation); the deal rots when ``idle_days > allowed_days``, where ``allowed_days`` comes from
    ``rot_days`` (user settings), then vocabulary.DEFAULT_ROT_DAYS (14), else 14. Sorted by idle
    days descending, then by days over the limit descending, then by deal id.
    """
    rotting = []
    for deal in deals:
        if not is_open(deal):
            continue
        allowed = allowed_idle_days(deal.stage, rot_days)
        idle = (today - last_touched_on(deal)).days
        if idle > allowed:
            rotting.append(RottingDeal(deal, idle, allowed))
    rotting.sort(key=lambda r: (-r.idle_days, -r.overdue_days, r.deal.id))
    return rotting
