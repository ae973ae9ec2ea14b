"""Per-channel prospecting targets from the user's own history, smoothed toward priors.

For each prospecting channel ``c`` (emailing, social, phone, event), the history over the window
(``history_window_months``, a setting) gives ``A_c`` activities done, ``L_c`` leads created (deals
whose source channel is ``c``) and ``W_c`` of those leads won. With ``k = PRIOR_WEIGHT`` pseudo
observations of the priors:

- win share ``s_c = (W_c + k × mix_c) ÷ (Σ W + k)`` (prior mix: ``PRIOR_MIX``);
- win rate ``r_c = (W_c + k × r₀) ÷ (L_c + k)`` (``r₀``: the lead stage's probability, a setting,
  10 % by default);
- activities per lead ``a_c = (A_c + k × a₀_c) ÷ (L_c + k)`` (``PRIOR_ACTIVITIES_PER_LEAD``).

For ``N`` wins needed within ``H`` weeks: ``leads_c = N × s_c ÷ r_c`` and
``per_week_c = leads_c × a_c ÷ H``. A channel's figures are labelled ``history`` when it has at
least ``k`` leads in the window, else ``prior``; ``observations`` is ``L_c``.

A fractional weekly target is expressed in the shortest period where it is at least one whole
activity, rounded half up there (:func:`express`): 0.25 a week is 1 a month, 0.02 a week is 1 a
year — never rounded up to 1 a week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from pipeline_tui.domain.mathutil import round_half_up

PROSPECTING_CHANNELS: tuple[str, ...] = ("emailing", "social", "phone", "event")

PRIOR_WEIGHT = 5
"""Pseudo observations of the priors behind every channel's figures (``k``)."""

PRIOR_MIX: dict[str, Fraction] = {
    "emailing": Fraction(4, 10),
    "social": Fraction(3, 10),
    "phone": Fraction(2, 10),
    "event": Fraction(1, 10),
}
"""Share of the wins expected from each channel before any history."""

PRIOR_ACTIVITIES_PER_LEAD: dict[str, Fraction] = {
    "emailing": Fraction(10),  # emails sent per lead
    "social": Fraction(6),  # messages per lead
    "phone": Fraction(4),  # calls per lead
    "event": Fraction(1, 2),  # events attended per lead (two leads an event)
}
"""Activities it takes to get one lead, per channel, before any history."""

PERIODS: tuple[tuple[str, Fraction], ...] = (
    ("week", Fraction(1)),
    ("month", Fraction(52, 12)),
    ("quarter", Fraction(13)),
    ("year", Fraction(52)),
)
"""The periods a target is expressed in, with their length in weeks."""


@dataclass(frozen=True, slots=True)
class ChannelHistory:
    """One channel's history over the window."""

    activities: int = 0
    leads: int = 0
    won: int = 0


@dataclass(frozen=True, slots=True)
class ChannelTarget:
    """What one channel must do (module docstring: the formulas)."""

    channel: str
    win_share: Fraction
    win_rate: Fraction
    activities_per_lead: Fraction
    leads: Fraction
    per_week: Fraction
    period: str
    per_period: int
    basis: str  # "history" | "prior"
    observations: int

    @property
    def weekly_whole(self) -> int:
        """The target as whole activities a week when it is expressed weekly, else 0 (a monthly
        or rarer target is not a weekly one)."""
        return self.per_period if self.period == "week" else 0


def express(per_week: Fraction) -> tuple[str, int]:
    """``(period, count)``: the shortest period of :data:`PERIODS` in which ``per_week`` makes at
    least one activity, rounded half up there; ``("week", 0)`` for nothing; at least 1 a year."""
    if per_week <= 0:
        return "week", 0
    for name, weeks in PERIODS:
        if per_week * weeks >= 1:
            return name, round_half_up(per_week * weeks)
    return "year", 1


def channel_targets(
    wins_needed: int,
    weeks: int,
    history: Mapping[str, ChannelHistory],
    prior_win_percent: int = 10,
) -> dict[str, ChannelTarget]:
    """The targets of every prospecting channel for ``wins_needed`` wins within ``weeks``
    (``prior_win_percent``: r₀, the lead stage's probability)."""
    k = PRIOR_WEIGHT
    weeks = max(weeks, 1)
    base_rate = Fraction(max(prior_win_percent, 1), 100)
    total_won = sum(history.get(ch, ChannelHistory()).won for ch in PROSPECTING_CHANNELS)
    targets = {}
    for ch in PROSPECTING_CHANNELS:
        h = history.get(ch, ChannelHistory())
        share = (h.won + k * PRIOR_MIX[ch]) / (total_won + k)
        rate = (h.won + k * base_rate) / (h.leads + k)
        per_lead = (h.activities + k * PRIOR_ACTIVITIES_PER_LEAD[ch]) / (h.leads + k)
        leads = wins_needed * share / rate if rate > 0 else Fraction(0)
        per_week = leads * per_lead / weeks
        period, count = express(per_week)
        targets[ch] = ChannelTarget(
            channel=ch,
            win_share=share,
            win_rate=rate,
            activities_per_lead=per_lead,
            leads=leads,
            per_week=per_week,
            period=period,
            per_period=count,
            basis="history" if h.leads >= k else "prior",
            observations=h.leads,
        )
    return targets
