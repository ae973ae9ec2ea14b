"""Conversion rates per stage, win rates, cycle length and sales velocity, from the deal history.

Rates are smoothed with a Beta prior so that a handful of deals never gives 0 % or 100 %.

**Stage rates.** For each open stage ``s`` (lead, contacted, meeting, proposal, negotiation) and
its next stage (``negotiation`` → ``won``):

- every deal is taken to have started as a lead, and reaching a stage implies having passed the
  earlier ones (a deal that jumps from lead to proposal passed contacted and meeting); a deal's
  *top* stage is the highest open stage it is known to have been at (history and current stage;
  a lost deal with nothing known is taken as lost at lead);
- ``reached(s)``: deals whose top stage is ≥ s, and every won deal;
- ``advanced(s)``: won deals, and deals whose top stage is > s;
- ``decided(s)``: deals that advanced from s, plus lost deals whose top stage is s — open deals
  still sitting at s are not decided and are left out;
- ``rate(s) = (advanced(s) + α_s) ÷ (decided(s) + α_s + β_s)``.

The prior of each stage has mean ``m_s = p(s) ÷ p(next)`` from the stage probabilities (defaults
10/20/40/60/80/100 → 0.5, 0.5, 0.667, 0.75, 0.8), clamped to [0.05, 0.95], and strength 2:
``α_s = 2 m_s``, ``β_s = 2 (1 − m_s)`` (the lead stage's prior is Laplace's α = β = 1). Without
history each rate equals its prior mean and ``lead_to_win_rate`` — the product of the five stage
rates — equals p(lead) ÷ p(won) = 10 %, consistent with the stage probabilities.

**Win rates.** ``win_rate = (won + α) ÷ (won + lost + α + β)`` over closed deals, Laplace α = β = 1
by default (no closed deal → 0.5); the same per source channel.

**From the history, or from per-deal paths.** Every number above needs only a few facts per deal:
its current stage, channel and value, its dates, the highest open stage its history names, its
first change and its last change to "won". :class:`DealPath` holds them; the store aggregates
them per deal in SQL (``store.queries.deals.deal_paths``), so that years of stage changes never
travel to Python, and :func:`conversion_stats_from_paths` gives the same :class:`ConversionStats` as
:func:`conversion_stats` over the full history (:func:`deal_paths` is the reference aggregation).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from operator import attrgetter
from typing import NamedTuple

from pipeline_tui.domain.mathutil import round_half_up
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, DEFAULT_STAGE_PROBABILITIES, OPEN_STAGES

PRIOR_STRENGTH = 2.0
"""Pseudo-deals of the stage-rate prior (α + β)."""
PRIOR_MEAN_BOUNDS = (0.05, 0.95)
"""A stage prior's mean is clamped to this range, whatever the configured probabilities."""


@dataclass(frozen=True, slots=True)
class StageChange:
    """One move of a deal in the pipeline; ``from_stage`` is None for the deal's first entry."""

    deal_id: int
    from_stage: str | None
    to_stage: str
    changed_on: date


class DealPath(NamedTuple):
    """One deal with its stage history aggregated: all the conversion numbers need of it.

    ``highest_open_stage``: the highest open stage its history names (as ``from_stage`` or
    ``to_stage``), None when it names none. For a won deal, the two ends of its sales cycle:
    ``first_on``, the date of its earliest change, and ``won_on``, of its latest change to
    "won" (None when its history has none); both are None for a deal that is not won (nothing
    uses them, and the store need not look them up).

    A NamedTuple rather than a frozen dataclass: the dashboard builds one per deal (10k on a
    large database), and a tuple is several times cheaper to build.
    """

    deal_id: int
    stage: str
    channel: str
    monthly_value_cents: int
    created_on: date
    closed_on: date | None = None
    highest_open_stage: str | None = None
    first_on: date | None = None
    won_on: date | None = None


@dataclass(frozen=True, slots=True)
class StageConversion:
    """The counts and the smoothed rate of one stage → next stage transition."""

    stage: str
    next_stage: str
    reached: int
    advanced: int
    decided: int
    alpha: float
    beta: float
    rate: float


@dataclass(frozen=True, slots=True)
class ConversionStats:
    """Everything :func:`conversion_stats` derives from the deals and their history."""

    stages: tuple[StageConversion, ...]
    stage_rates: dict[str, float]
    lead_to_win_rate: float
    win_rate: float
    won_count: int
    lost_count: int
    open_count: int
    win_rate_by_channel: dict[str, float] = field(default_factory=dict)
    average_cycle_days: float | None = None
    average_won_monthly_cents: int | None = None
    sales_velocity_cents_per_day: float | None = None


def _next_stage(stage: str) -> str:
    index = OPEN_STAGES.index(stage)
    return OPEN_STAGES[index + 1] if index + 1 < len(OPEN_STAGES) else "won"


def stage_priors(
    stage_probabilities: Mapping[str, int] | None = None, strength: float = PRIOR_STRENGTH
) -> dict[str, tuple[float, float]]:
    """The Beta prior ``(α, β)`` of each open stage's rate.

    ``m = clamp(p(s) ÷ p(next), 0.05, 0.95)`` (0.5 when p(next) ≤ 0), ``α = strength × m``,
    ``β = strength × (1 − m)``. Probabilities come from ``stage_probabilities``, then the defaults.
    """
    if strength <= 0:
        raise ValueError(f"prior strength must be > 0, got {strength!r}")
    table = {**DEFAULT_STAGE_PROBABILITIES, **(stage_probabilities or {})}
    low, high = PRIOR_MEAN_BOUNDS
    priors = {}
    for stage in OPEN_STAGES:
        p_stage, p_next = table[stage], table[_next_stage(stage)]
        mean = p_stage / p_next if p_next > 0 else 0.5
        mean = min(max(mean, low), high)
        priors[stage] = (strength * mean, strength * (1.0 - mean))
    return priors


def _current_stages(deals: Iterable[DealFacts], ordered: Sequence[StageChange]) -> dict[int, str]:
    current = {c.deal_id: c.to_stage for c in ordered}  # last change wins
    current.update({d.id: d.stage for d in deals})  # the deal's own stage wins over history
    return current


def _sorted_history(history: Iterable[StageChange]) -> list[StageChange]:
    return sorted(history, key=lambda c: c.changed_on)  # stable: equal dates keep input order


def stage_conversions(
    deals: Iterable[DealFacts],
    history: Iterable[StageChange],
    stage_probabilities: Mapping[str, int] | None = None,
    prior_strength: float = PRIOR_STRENGTH,
) -> tuple[StageConversion, ...]:
    """Reached / advanced / decided counts and smoothed rate per open stage (module docstring)."""
    ordered = _sorted_history(history)
    current = _current_stages(deals, ordered)
    known: dict[int, set[str]] = {deal_id: {stage} for deal_id, stage in current.items()}
    for change in ordered:
        known[change.deal_id].update(s for s in (change.from_stage, change.to_stage) if s)
    tops = Counter(
        (stage, _top_index(stage, known[deal_id]))
        for deal_id, stage in current.items()
        if stage in _OPEN_INDEX or stage in CLOSED_STAGES  # unknown stage: nothing to learn
    )
    return _stage_table(tops, stage_probabilities, prior_strength)


_OPEN_INDEX = {stage: i for i, stage in enumerate(OPEN_STAGES)}
_stage = attrgetter("stage")
_channel = attrgetter("channel")
_highest = attrgetter("highest_open_stage")


def _top_index(stage: str, known: Iterable[str | None]) -> int:
    """How far the deal got: len(OPEN_STAGES) when won, else the index of the highest open stage
    it is known to have been at (``known`` includes the current stage), 0 when none is known."""
    if stage == "won":
        return len(OPEN_STAGES)
    return max((_OPEN_INDEX[s] for s in known if s in _OPEN_INDEX), default=0)


def _stage_table(
    tops: Mapping[tuple[str, int], int],
    stage_probabilities: Mapping[str, int] | None,
    prior_strength: float,
) -> tuple[StageConversion, ...]:
    """The stage conversions from the number of deals per (current stage, top index)."""
    reached = [0] * len(OPEN_STAGES)
    advanced = [0] * len(OPEN_STAGES)
    decided = [0] * len(OPEN_STAGES)
    for (stage, top), count in tops.items():
        for i in range(min(top + 1, len(OPEN_STAGES))):
            reached[i] += count
            if i < top:
                advanced[i] += count
                decided[i] += count
            elif stage == "lost":
                decided[i] += count
    priors = stage_priors(stage_probabilities, prior_strength)
    result = []
    for i, stage in enumerate(OPEN_STAGES):
        alpha, beta = priors[stage]
        rate = (advanced[i] + alpha) / (decided[i] + alpha + beta)
        result.append(
            StageConversion(
                stage, _next_stage(stage), reached[i], advanced[i], decided[i], alpha, beta, rate
            )
        )
    return tuple(result)


def lead_to_win_rate(stage_rates: Mapping[str, float]) -> float:
    """Probability that a new lead is won: the product of the open stages' rates
    (a stage missing from the mapping counts as 1)."""
    return math.prod(stage_rates.get(stage, 1.0) for stage in OPEN_STAGES)


def win_rate(deals: Iterable[DealFacts | DealPath], alpha: float = 1.0, beta: float = 1.0) -> float:
    """Smoothed share of closed deals that were won: ``(won + α) ÷ (won + lost + α + β)``.

    α and β must be > 0 (ValueError otherwise), so the rate is never exactly 0 or 1.
    """
    _check_win_prior(alpha, beta)
    won = lost = 0
    for deal in deals:
        won += deal.stage == "won"
        lost += deal.stage == "lost"
    return _smoothed_win_rate(won, lost, alpha, beta)


def _check_win_prior(alpha: float, beta: float) -> None:
    if not (alpha > 0 and beta > 0):
        raise ValueError(f"win-rate prior needs α > 0 and β > 0, got α={alpha!r}, β={beta!r}")


def _smoothed_win_rate(won: int, lost: int, alpha: float, beta: float) -> float:
    return (won + alpha) / (won + lost + alpha + beta)


def win_rate_by_channel(
    deals: Iterable[DealFacts | DealPath], alpha: float = 1.0, beta: float = 1.0
) -> dict[str, float]:
    """:func:`win_rate` per source channel, for every channel that has at least one deal
    (a channel with deals but none closed gets the prior mean α ÷ (α + β))."""
    by_channel: dict[str, list[DealFacts | DealPath]] = {}
    for deal in deals:
        by_channel.setdefault(deal.channel, []).append(deal)
    return {ch: win_rate(ds, alpha, beta) for ch, ds in sorted(by_channel.items())}


def average_cycle_days(
    history: Iterable[StageChange], deals: Iterable[DealFacts] = ()
) -> float | None:
    """Mean days from a won deal's first entry to its win; None without a won deal.

    First entry: the earliest history date (or the deal's ``created_on`` if earlier). Win: the
    latest change to "won" (or the deal's ``closed_on`` if the history has none). A deal counts
    when its current stage is "won" (the deal's own stage if given, else its last change).
    Negative spans (inconsistent dates) count as 0.
    """
    deal_list = list(deals)
    by_id = {d.id: d for d in deal_list}
    ordered = _sorted_history(history)
    current = _current_stages(deal_list, ordered)
    first: dict[int, date] = {}
    won_on: dict[int, date] = {}
    for change in ordered:
        first.setdefault(change.deal_id, change.changed_on)
        if change.to_stage == "won":
            won_on[change.deal_id] = change.changed_on
    spans = []
    for deal_id, stage in current.items():
        if stage != "won":
            continue
        deal = by_id.get(deal_id)
        span = _cycle_span(
            first.get(deal_id),
            deal.created_on if deal else None,
            won_on.get(deal_id),
            deal.closed_on if deal else None,
        )
        if span is not None:
            spans.append(span)
    return sum(spans) / len(spans) if spans else None


def _cycle_span(
    first_on: date | None, created_on: date | None, won_on: date | None, closed_on: date | None
) -> int | None:
    """Days from a won deal's first entry to its win (≥ 0), None when a date is missing."""
    starts = [d for d in (first_on, created_on) if d]
    end = won_on or closed_on
    if not starts or end is None:
        return None
    return max((end - min(starts)).days, 0)


def average_won_monthly_cents(deals: Iterable[DealFacts | DealPath]) -> int | None:
    """Mean monthly value of the won deals, rounded half up; None without a won deal."""
    values = [d.monthly_value_cents for d in deals if d.stage == "won"]
    if not values:
        return None
    return round_half_up(Fraction(sum(values), len(values)))


def sales_velocity_cents_per_day(
    open_deal_count: int,
    win_rate: float,
    avg_won_value_cents: int | None,
    cycle_days: float | None,
) -> float | None:
    """Expected new monthly revenue won per day: ``n × win rate × average value ÷ cycle days``.

    None when the cycle length or the average value is unknown, or the cycle is ≤ 0 days.
    ``n`` < 0 counts as 0 and the win rate is clamped to [0, 1].
    """
    if cycle_days is None or cycle_days <= 0 or avg_won_value_cents is None:
        return None
    rate = min(max(win_rate, 0.0), 1.0)
    return max(open_deal_count, 0) * rate * avg_won_value_cents / cycle_days


def conversion_stats(
    deals: Iterable[DealFacts],
    history: Iterable[StageChange],
    stage_probabilities: Mapping[str, int] | None = None,
    prior_strength: float = PRIOR_STRENGTH,
    alpha: float = 1.0,
    beta: float = 1.0,
) -> ConversionStats:
    """All conversion numbers at once.

    ``stages``/``stage_rates``/``lead_to_win_rate`` as in the module docstring; ``win_rate`` and
    ``win_rate_by_channel`` with the Beta(α, β) prior over closed deals; ``average_cycle_days``,
    ``average_won_monthly_cents``; ``sales_velocity_cents_per_day`` from the open deals count,
    the (closed-deal) ``win_rate``, the average won value and the average cycle.
    """
    deal_list = list(deals)
    changes = list(history)
    stages = stage_conversions(deal_list, changes, stage_probabilities, prior_strength)
    cycle = average_cycle_days(changes, deal_list)
    return _assemble(stages, deal_list, cycle, alpha, beta)


def _assemble(
    stages: tuple[StageConversion, ...],
    deal_list: Sequence[DealFacts | DealPath],
    cycle: float | None,
    alpha: float,
    beta: float,
) -> ConversionStats:
    """The stats from the stage conversions and the cycle: the win rates (the same as
    :func:`win_rate` and :func:`win_rate_by_channel`), counts and averages, in one pass."""
    _check_win_prior(alpha, beta)
    stage_rates = {s.stage: s.rate for s in stages}
    # Deals per (channel, stage), counted at C speed: thousands of deals, a few dozen pairs.
    pairs = Counter(zip(map(_channel, deal_list), map(_stage, deal_list), strict=True))
    by_channel: dict[str, list[int]] = {}
    won = lost = open_count = 0
    for (channel, stage), count in sorted(pairs.items()):
        closed = by_channel.setdefault(channel, [0, 0])
        if stage == "won":
            won += count
            closed[0] += count
        elif stage == "lost":
            lost += count
            closed[1] += count
        elif stage in _OPEN_INDEX:
            open_count += count
    overall = _smoothed_win_rate(won, lost, alpha, beta)
    avg_won = average_won_monthly_cents(deal_list)
    return ConversionStats(
        stages=stages,
        stage_rates=stage_rates,
        lead_to_win_rate=lead_to_win_rate(stage_rates),
        win_rate=overall,
        won_count=won,
        lost_count=lost,
        open_count=open_count,
        win_rate_by_channel={
            channel: _smoothed_win_rate(w, lo, alpha, beta)
            for channel, (w, lo) in by_channel.items()
        },
        average_cycle_days=cycle,
        average_won_monthly_cents=avg_won,
        sales_velocity_cents_per_day=sales_velocity_cents_per_day(
            open_count, overall, avg_won, cycle
        ),
    )


def deal_paths(deals: Iterable[DealFacts], history: Iterable[StageChange]) -> list[DealPath]:
    """Each deal's path, aggregated from the history in Python (the reference for the SQL of
    ``store.queries.deals.deal_paths``). Changes of deals missing from ``deals`` are left out."""
    highest: dict[int, int] = {}
    first: dict[int, date] = {}
    won_on: dict[int, date] = {}
    for change in history:
        deal_id, day = change.deal_id, change.changed_on
        for stage in (change.from_stage, change.to_stage):
            if stage in _OPEN_INDEX:
                highest[deal_id] = max(highest.get(deal_id, -1), _OPEN_INDEX[stage])
        if deal_id not in first or day < first[deal_id]:
            first[deal_id] = day
        if change.to_stage == "won" and (deal_id not in won_on or day > won_on[deal_id]):
            won_on[deal_id] = day
    return [
        DealPath(
            deal_id=d.id,
            stage=d.stage,
            channel=d.channel,
            monthly_value_cents=d.monthly_value_cents,
            created_on=d.created_on,
            closed_on=d.closed_on,
            highest_open_stage=OPEN_STAGES[highest[d.id]] if d.id in highest else None,
            first_on=first.get(d.id) if d.stage == "won" else None,
            won_on=won_on.get(d.id) if d.stage == "won" else None,
        )
        for d in deals
    ]


def conversion_stats_from_paths(
    paths: Iterable[DealPath],
    stage_probabilities: Mapping[str, int] | None = None,
    prior_strength: float = PRIOR_STRENGTH,
    alpha: float = 1.0,
    beta: float = 1.0,
) -> ConversionStats:
    """:func:`conversion_stats` computed from per-deal paths instead of the full history.

    Gives the same result as ``conversion_stats(deals, history)`` when ``paths`` is
    ``deal_paths(deals, history)`` (one path per deal; a deal has at most one path).
    """
    path_list = list(paths)
    tops: Counter[tuple[str, int]] = Counter()
    for (stage, highest), count in Counter(
        zip(map(_stage, path_list), map(_highest, path_list), strict=True)
    ).items():
        if stage in _OPEN_INDEX or stage in CLOSED_STAGES:  # unknown stage: nothing to learn
            tops[stage, _top_index(stage, (stage, highest))] += count
    stages = _stage_table(tops, stage_probabilities, prior_strength)
    spans = [
        span
        for p in path_list
        if p.stage == "won"
        and (span := _cycle_span(p.first_on, p.created_on, p.won_on, p.closed_on)) is not None
    ]
    cycle = sum(spans) / len(spans) if spans else None
    return _assemble(stages, path_list, cycle, alpha, beta)
