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

**From the history, from per-deal paths, from groups.** Every number above needs only a few
facts per deal (:class:`DealPath`: its stage, channel, value, dates, the highest open stage its
history names, its first change and its last change to "won"), and only counted per (stage,
highest open stage, channel) (:class:`PathGroup`): the store keeps them on each deal and counts
them in SQL (``store.queries.deals.deal_path_counts``; :func:`path_groups` in Python).
:func:`conversion_stats_from_groups` gives the same :class:`ConversionStats` as
:func:`conversion_stats` over the full history (:func:`deal_paths` is the reference).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
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
        raise ValueError(f"prior strength must be > 0, got {strength!r}")  # not shown: a bug
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
        raise ValueError(
            f"win-rate prior needs α > 0 and β > 0, got α={alpha!r}, β={beta!r}"  # not shown: a bug
        )


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
    pairs = Counter((d.channel, d.stage) for d in deal_list)  # deals per (channel, stage)
    return _assemble(stages, pairs, average_won_monthly_cents(deal_list), cycle, alpha, beta)


def _assemble(
    stages: tuple[StageConversion, ...],
    pairs: Mapping[tuple[str, str], int],
    avg_won: int | None,
    cycle: float | None,
    alpha: float,
    beta: float,
) -> ConversionStats:
    """The stats from the stage conversions, the deals per (channel, stage), the average won
    value and the cycle: the win rates (the same as :func:`win_rate` and
    :func:`win_rate_by_channel`), counts and averages."""
    _check_win_prior(alpha, beta)
    stage_rates = {s.stage: s.rate for s in stages}
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


class PathGroup(NamedTuple):
    """The deals of one (stage, highest open stage, channel), summed up (the store counts them
    in SQL from the deals' summaries): how many, their monthly values, and the sum and number
    of their sales cycles in days (won deals with a known end; :func:`_cycle_span`)."""

    stage: str
    highest_open_stage: str | None
    channel: str
    deals: int
    monthly_value_cents: int
    cycle_days: int
    cycles: int


def path_groups(paths: Iterable[DealPath]) -> list[PathGroup]:
    """The paths counted per (stage, highest open stage, channel): what the store counts in SQL
    (``store.queries.deals.deal_path_counts``), in Python."""
    groups: dict[tuple[str, str | None, str], list[int]] = {}
    for p in paths:
        sums = groups.setdefault((p.stage, p.highest_open_stage, p.channel), [0, 0, 0, 0])
        span = _cycle_span(p.first_on, p.created_on, p.won_on, p.closed_on)
        sums[0] += 1
        sums[1] += p.monthly_value_cents
        if p.stage == "won" and span is not None:
            sums[2] += span
            sums[3] += 1
    return [PathGroup(*key, *sums) for key, sums in groups.items()]


def conversion_stats_from_groups(
    groups: Iterable[PathGroup],
    stage_probabilities: Mapping[str, int] | None = None,
    prior_strength: float = PRIOR_STRENGTH,
    alpha: float = 1.0,
    beta: float = 1.0,
) -> ConversionStats:
    """:func:`conversion_stats` from the deals' paths counted per group (:func:`path_groups`):
    the same result when ``groups`` counts ``deal_paths(deals, history)``; the store counts
    them in SQL, so the years of deals never travel to Python."""
    tops: Counter[tuple[str, int]] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    won_value = won = span_days = spans = 0
    for g in groups:
        if g.stage in _OPEN_INDEX or g.stage in CLOSED_STAGES:
            tops[g.stage, _top_index(g.stage, (g.stage, g.highest_open_stage))] += g.deals
        pairs[g.channel, g.stage] += g.deals
        if g.stage == "won":
            won_value, won = won_value + g.monthly_value_cents, won + g.deals
            span_days, spans = span_days + g.cycle_days, spans + g.cycles
    stages = _stage_table(tops, stage_probabilities, prior_strength)
    avg_won = round_half_up(Fraction(won_value, won)) if won else None
    cycle = span_days / spans if spans else None
    return _assemble(stages, pairs, avg_won, cycle, alpha, beta)
