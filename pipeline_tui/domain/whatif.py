"""What-if / plan targets: turn a monthly revenue gap into wins, leads and weekly activities.

For a gap ``G`` (monthly revenue to refill, cents) within ``H`` weeks:

- ``wins_needed  = ⌈G ÷ V⌉`` where ``V`` is the average won monthly value (history), else the
  ``fallback_won_monthly_cents`` given by the caller (e.g. the mean open-deal value,
  :func:`pipeline_tui.domain.pipeline.average_open_monthly_cents`), else ``G`` itself (one deal
  the size of the gap: 1 win);
- ``leads_needed = ⌈wins_needed ÷ lead_to_win_rate⌉`` (historical, smoothed; see conversion);
- ``weekly_leads = leads_needed ÷ H``;
- ``weekly_activities[ch] = ⌈weekly_leads × mix[ch] × activities_per_lead[ch]⌉`` for every
  channel of the mix (the mix is normalised to sum 1);
- ``coverage_left = weighted_pipeline ÷ (at_risk + G)``: the share of what must be replaced (the
  gap) plus what is still at risk that the current weighted pipeline covers; None when both are 0.

The targets are for *new* leads; the existing pipeline is not netted out (``coverage_left`` shows
it). A gap ≤ 0 gives zero targets. Targets are never negative and never decrease when the gap
grows. Ceilings ignore float noise below 1e-9 (1 ÷ 0.1 needs 10 leads, not 11).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_tui.domain.conversion import ConversionStats
from pipeline_tui.domain.mathutil import ceil_div, safe_ratio, tolerant_ceil
from pipeline_tui.domain.vocabulary import DEFAULT_STAGE_PROBABILITIES

DEFAULT_CHANNEL_MIX: dict[str, float] = {
    "emailing": 0.4,
    "social": 0.3,
    "phone": 0.2,
    "event": 0.1,
}
"""Share of new leads expected from each prospecting channel when the caller gives no mix."""

DEFAULT_ACTIVITIES_PER_LEAD: dict[str, float] = {
    "emailing": 10.0,  # emails sent per lead
    "phone": 4.0,  # calls per lead
    "social": 6.0,  # social-network messages per lead
    "event": 0.5,  # events attended per lead (two leads per event)
    "referral": 2.0,  # referral requests per lead
    "inbound": 0.0,  # inbound leads need no outreach
    "other": 2.0,  # other actions per lead
}
"""Activities needed to get one new lead, per channel (overridable per channel by the caller)."""

FALLBACK_ACTIVITIES_PER_LEAD = 1.0
"""Activities per lead for a channel found neither in the caller's table nor in the defaults."""

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


def normalised_mix(channel_mix: Mapping[str, float] | None) -> dict[str, float]:
    """The channel mix scaled to sum 1, keeping only positive shares; the default mix when none
    is given or no share is positive."""
    positive = {ch: share for ch, share in (channel_mix or {}).items() if share > 0}
    if not positive:
        positive = dict(DEFAULT_CHANNEL_MIX)
    total = sum(positive.values())
    return {ch: share / total for ch, share in positive.items()}


def whatif(
    gap_cents: int,
    weeks: int,
    stats: ConversionStats,
    weighted_pipeline_cents: int,
    channel_mix: Mapping[str, float] | None = None,
    activities_per_lead: Mapping[str, float] | None = None,
    at_risk_cents: int = 0,
    fallback_won_monthly_cents: int | None = None,
) -> WhatIf:
    """Wins, leads and weekly activities per channel to refill ``gap_cents`` of monthly revenue
    within ``weeks`` weeks (module docstring: the formulas).

    ``weeks`` < 1 counts as 1. Negative ``at_risk_cents`` and ``weighted_pipeline_cents`` count
    as 0. ``activities_per_lead`` overrides :data:`DEFAULT_ACTIVITIES_PER_LEAD` per channel
    (negative values count as 0).
    """
    weeks = max(weeks, 1)
    weighted = max(weighted_pipeline_cents, 0)
    at_risk = max(at_risk_cents, 0)
    gap = max(gap_cents, 0)
    mix = normalised_mix(channel_mix)
    rate = stats.lead_to_win_rate if stats.lead_to_win_rate > 0 else FALLBACK_LEAD_TO_WIN_RATE
    rate = min(rate, 1.0)
    coverage_left = safe_ratio(weighted, at_risk + gap)
    if gap == 0:
        return WhatIf(
            gap_cents=gap_cents,
            weeks=weeks,
            wins_needed=0,
            leads_needed=0,
            weekly_leads=0.0,
            weekly_activities=dict.fromkeys(mix, 0),
            coverage_left=coverage_left,
            lead_to_win_rate=rate,
            weighted_pipeline_cents=weighted,
            at_risk_cents=at_risk,
        )
    history_value = stats.average_won_monthly_cents
    if history_value is not None and history_value > 0:
        value, basis = history_value, "history"
    elif fallback_won_monthly_cents is not None and fallback_won_monthly_cents > 0:
        value, basis = fallback_won_monthly_cents, "fallback"
    else:
        value, basis = gap, "gap"
    wins = ceil_div(gap, value)
    leads = tolerant_ceil(wins / rate)
    weekly_leads = leads / weeks
    per_lead = {**DEFAULT_ACTIVITIES_PER_LEAD, **(activities_per_lead or {})}
    activities = {
        ch: max(
            tolerant_ceil(
                weekly_leads * share * max(per_lead.get(ch, FALLBACK_ACTIVITIES_PER_LEAD), 0.0)
            ),
            0,
        )
        for ch, share in mix.items()
    }
    return WhatIf(
        gap_cents=gap_cents,
        weeks=weeks,
        wins_needed=wins,
        leads_needed=leads,
        weekly_leads=weekly_leads,
        weekly_activities=activities,
        coverage_left=coverage_left,
        avg_won_monthly_cents=value,
        value_basis=basis,
        lead_to_win_rate=rate,
        weighted_pipeline_cents=weighted,
        at_risk_cents=at_risk,
    )
