"""What-if / plan targets: turn a monthly revenue gap into wins, leads and weekly activities.

For a gap ``G`` (monthly revenue to refill, cents) within ``H`` weeks:

- ``wins_needed  = ⌈G ÷ V⌉`` where ``V`` is the average won monthly value (history), else the
  ``fallback_won_monthly_cents`` given by the caller (e.g. the mean open-deal value,
  :func:`pipeline_tui.domain.pipeline.average_open_monthly_cents`), else ``G`` itself (one deal
  the size of the gap: 1 win);
- per prospecting channel, the leads and activities those wins take, from the user's own history
  smoothed toward priors (``domain.targets.channel_targets``; ``targets``);
- ``leads_needed = ⌈Σ leads_c⌉``; ``weekly_leads = leads_needed ÷ H``;
- ``weekly_activities[ch]``: the channel's target when it is expressed weekly, else 0 (a target
  of less than one a week is expressed a month, a quarter or a year: ``targets``);
- ``coverage_left = recurring weighted pipeline ÷ (lost + at risk + G)``: the share of what must
  be replaced (the gap) plus what is already lost or at risk that the pipeline covers; None when
  all are 0.

The targets are for *new* leads; the existing pipeline is not netted out (``coverage_left`` shows
it). A gap ≤ 0 gives zero targets. Targets are never negative and never decrease when the gap
grows. Ceilings ignore float noise below 1e-9 (1 ÷ 0.1 needs 10 leads, not 11).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_tui.domain.conversion import ConversionStats
from pipeline_tui.domain.mathutil import ceil_div, safe_ratio, tolerant_ceil
from pipeline_tui.domain.targets import ChannelHistory, ChannelTarget, channel_targets
from pipeline_tui.domain.vocabulary import DEFAULT_STAGE_PROBABILITIES

FALLBACK_LEAD_TO_WIN_RATE = DEFAULT_STAGE_PROBABILITIES["lead"] / 100
"""Lead-to-win rate used if the statistics give a rate ≤ 0 (cannot happen with a prior): 10 %."""


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The targets for refilling a monthly revenue gap (module docstring: the formulas).

    ``value_basis`` says where the average deal value came from: "history" (won deals),
    "fallback" (the caller's fallback) or "gap" (no value known: one win the size of the gap);
    "none" when the gap is ≤ 0.
    """

    gap_cents: int
    weeks: int
    wins_needed: int
    leads_needed: int
    weekly_leads: float
    weekly_activities: dict[str, int] = field(default_factory=dict)
    coverage_left: float | None = None
    avg_won_monthly_cents: int | None = None
    value_basis: str = "none"
    lead_to_win_rate: float = FALLBACK_LEAD_TO_WIN_RATE
    weighted_pipeline_cents: int = 0
    at_risk_cents: int = 0
    targets: dict[str, ChannelTarget] = field(default_factory=dict)


def whatif(
    gap_cents: int,
    weeks: int,
    stats: ConversionStats,
    weighted_pipeline_cents: int,
    history: Mapping[str, ChannelHistory] | None = None,
    at_risk_cents: int = 0,
    fallback_won_monthly_cents: int | None = None,
    prior_win_percent: int = DEFAULT_STAGE_PROBABILITIES["lead"],
) -> WhatIf:
    """Wins, leads and per-channel activities to refill ``gap_cents`` of monthly revenue within
    ``weeks`` weeks (module docstring: the formulas).

    ``weeks`` < 1 counts as 1. Negative ``at_risk_cents`` (what is lost or at risk besides the
    gap) and ``weighted_pipeline_cents`` count as 0. ``history``: per channel, what the user did
    over the window (none: the priors alone).
    """
    weeks = max(weeks, 1)
    weighted = max(weighted_pipeline_cents, 0)
    at_risk = max(at_risk_cents, 0)
    gap = max(gap_cents, 0)
    rate = stats.lead_to_win_rate if stats.lead_to_win_rate > 0 else FALLBACK_LEAD_TO_WIN_RATE
    rate = min(rate, 1.0)
    coverage_left = safe_ratio(weighted, at_risk + gap)
    history_value = stats.average_won_monthly_cents
    if gap == 0:
        value, basis, wins = None, "none", 0
    elif history_value is not None and history_value > 0:
        value, basis = history_value, "history"
    elif fallback_won_monthly_cents is not None and fallback_won_monthly_cents > 0:
        value, basis = fallback_won_monthly_cents, "fallback"
    else:
        value, basis = gap, "gap"
    if value is not None:
        wins = ceil_div(gap, value)
    targets = channel_targets(wins, weeks, history or {}, prior_win_percent)
    leads = tolerant_ceil(float(sum(t.leads for t in targets.values())))
    return WhatIf(
        gap_cents=gap_cents,
        weeks=weeks,
        wins_needed=wins,
        leads_needed=leads,
        weekly_leads=leads / weeks,
        weekly_activities={ch: t.weekly_whole for ch, t in targets.items()},
        coverage_left=coverage_left,
        avg_won_monthly_cents=value,
        value_basis=basis,
        lead_to_win_rate=rate,
        weighted_pipeline_cents=weighted,
        at_risk_cents=at_risk,
        targets=targets,
    )
