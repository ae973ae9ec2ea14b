"""What-if targets from a revenue gap (pipeline_tui.domain.whatif, domain.targets)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.conversion import ConversionStats, conversion_stats
from pipeline_tui.domain.targets import ChannelHistory, channel_targets, express
from pipeline_tui.domain.whatif import whatif

PRIORS = conversion_stats([], [])  # no history: lead → won 10 %, no average won value


def with_history(avg_won: int | None = 6_000_00, rate: float | None = None) -> ConversionStats:
    stats = dataclasses.replace(PRIORS, average_won_monthly_cents=avg_won)
    return stats if rate is None else dataclasses.replace(stats, lead_to_win_rate=rate)


def test_loss_of_a_client_becomes_targets_from_the_priors_alone() -> None:
    """No history: every channel keeps its prior mix (40/30/20/10 %), win rate 10 % and
    activities per lead (10 emails, 6 messages, 4 calls, ½ event)."""
    plan = whatif(
        gap_cents=8_400_00,
        weeks=4,
        stats=with_history(6_000_00),
        weighted_pipeline_cents=6_048_00,
        at_risk_cents=1_680_00,
    )
    assert plan.wins_needed == 2  # ⌈8_400_00 ÷ 6_000_00⌉ = ⌈1.4⌉ = 2
    # leads per channel: 2 wins × share ÷ 10 % = 8, 6, 4, 2 → 20
    assert plan.leads_needed == 20
    assert plan.weekly_activities == {
        "emailing": 20,  # 8 leads × 10 emails ÷ 4 weeks
        "social": 9,  # 6 × 6 ÷ 4
        "phone": 4,  # 4 × 4 ÷ 4
        "event": 0,  # 2 × ½ ÷ 4 = 0.25 a week: not a weekly target…
    }
    assert (plan.targets["event"].period, plan.targets["event"].per_period) == ("month", 1)
    assert all(t.basis == "prior" and t.observations == 0 for t in plan.targets.values())
    # 6_048_00 ÷ (1_680_00 + 8_400_00) = 604_800 ÷ 1_008_000 = 0.6
    assert plan.coverage_left == pytest.approx(0.6)
    assert (plan.value_basis, plan.avg_won_monthly_cents) == ("history", 6_000_00)


def test_targets_from_a_hand_built_history() -> None:
    """k = 5, r₀ = 10 %, 11 wins within 12 weeks.

    History: emailing 200 activities, 15 leads, 5 won; social 30, 5, 1; phone nothing; event
    2 activities, 4 leads, 0 won. Σ W = 6.

    - emailing: share (5 + 5 × 0.4) ÷ 11 = 7/11; rate (5 + 0.5) ÷ 20 = 0.275; per lead
      (200 + 50) ÷ 20 = 12.5; leads 11 × 7/11 ÷ 0.275 = 25.45; 25.45 × 12.5 ÷ 12 = 26.5 → 27 a week
    - social: share 2.5/11; rate 1.5 ÷ 10 = 0.15; per lead (30 + 30) ÷ 10 = 6; leads 16.67;
      100 ÷ 12 = 8.33 → 8 a week
    - phone: share 1/11; rate 0.5 ÷ 5 = 0.1; per lead 20 ÷ 5 = 4; leads 10; 40 ÷ 12 = 3.33 → 3
    - event: share 0.5/11; rate 0.5 ÷ 9; per lead (2 + 2.5) ÷ 9 = 0.5; leads 9; 4.5 ÷ 12 = 0.375
      a week = 1.625 a month → 2 a month
    """
    history = {
        "emailing": ChannelHistory(200, 15, 5),
        "social": ChannelHistory(30, 5, 1),
        "event": ChannelHistory(2, 4, 0),
    }
    targets = channel_targets(11, 12, history, 10)
    assert targets["emailing"].win_share == Fraction(7, 11)
    assert targets["emailing"].win_rate == Fraction(275, 1000)
    assert targets["emailing"].activities_per_lead == Fraction(25, 2)
    shown = {ch: (t.per_period, t.period, t.basis, t.observations) for ch, t in targets.items()}
    assert shown == {
        "emailing": (27, "week", "history", 15),
        "social": (8, "week", "history", 5),
        "phone": (3, "week", "prior", 0),
        "event": (2, "month", "prior", 4),
    }
    assert targets["event"].leads == 9


@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (Fraction(1, 4), ("month", 1)),  # 0.25 a week is 1 a month, never 1 a week
        (Fraction(2, 100), ("year", 1)),  # 0.02 a week: 1.04 a year
        (Fraction(34, 10), ("week", 3)),
        (Fraction(0), ("week", 0)),
        (Fraction(1, 10), ("quarter", 1)),  # 0.43 a month, 1.3 a quarter
    ],
)
def test_a_fraction_is_expressed_where_it_is_whole(
    per_week: Fraction, expected: tuple[str, int]
) -> None:
    assert express(per_week) == expected


def test_fallback_value_without_history() -> None:
    plan = whatif(8_400_00, 6, PRIORS, 0, None, 0, fallback_won_monthly_cents=3_000_00)
    assert plan.value_basis == "fallback"
    assert plan.wins_needed == 3  # ⌈8_400_00 ÷ 3_000_00⌉ = ⌈2.8⌉ = 3
    assert plan.leads_needed == 30  # 3 ÷ 0.1 over the prior mix


def test_no_value_known_means_one_win_the_size_of_the_gap() -> None:
    plan = whatif(8_400_00, 5, PRIORS, 0, None, 0)
    assert (plan.value_basis, plan.wins_needed) == ("gap", 1)
    assert plan.leads_needed == 10  # 1 ÷ 0.1, not 11 through float noise


def test_weeks_below_one_count_as_one() -> None:
    assert whatif(6_000_00, 0, with_history(), 0, None, 0).weeks == 1


@pytest.mark.parametrize("gap", [0, -1_000_00])
def test_no_gap_no_targets(gap: int) -> None:
    plan = whatif(gap, 4, with_history(), 5_000_00, None, 2_500_00)
    assert (plan.wins_needed, plan.leads_needed, plan.weekly_leads) == (0, 0, 0.0)
    assert set(plan.weekly_activities.values()) == {0}
    assert plan.coverage_left == 2.0  # 5_000_00 ÷ (2_500_00 + 0)


def test_nothing_at_risk_and_no_gap_has_no_coverage() -> None:
    assert whatif(0, 4, PRIORS, 5_000_00, None, 0).coverage_left is None


history_strategy = st.dictionaries(
    st.sampled_from(("emailing", "social", "phone", "event")),
    st.builds(ChannelHistory, st.integers(0, 500), st.integers(0, 50), st.integers(0, 20)),
)


@settings(max_examples=80, deadline=None)
@given(
    gaps=st.tuples(st.integers(-(10**6), 10**9), st.integers(-(10**6), 10**9)).map(sorted),
    weeks=st.integers(-2, 52),
    avg_won=st.none() | st.integers(1, 10**8),
    fallback=st.none() | st.integers(-5, 10**8),
    history=history_strategy,
)
def test_targets_never_negative_and_grow_with_the_gap(
    gaps: list[int],
    weeks: int,
    avg_won: int | None,
    fallback: int | None,
    history: dict[str, ChannelHistory],
) -> None:
    stats = with_history(avg_won)
    small, large = (whatif(gap, weeks, stats, 1_000_00, history, 500_00, fallback) for gap in gaps)
    for plan in (small, large):
        assert plan.wins_needed >= 0 and plan.leads_needed >= 0
        assert all(t.per_week >= 0 for t in plan.targets.values())
    assert small.wins_needed <= large.wins_needed
    assert small.leads_needed <= large.leads_needed
    assert all(small.targets[ch].per_week <= t.per_week for ch, t in large.targets.items())
