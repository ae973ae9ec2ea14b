"""What-if targets from a revenue gap (pipeline_tui.domain.whatif)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.conversion import ConversionStats, conversion_stats
from pipeline_tui.domain.whatif import DEFAULT_CHANNEL_MIX, normalised_mix, whatif

PRIORS = conversion_stats([], [])  # no history: lead → won 10 %, no average won value


def with_history(avg_won: int | None = 6_000_00, rate: float | None = None) -> ConversionStats:
    stats = dataclasses.replace(PRIORS, average_won_monthly_cents=avg_won)
    return stats if rate is None else dataclasses.replace(stats, lead_to_win_rate=rate)


def test_loss_of_a_client_becomes_weekly_targets() -> None:
    plan = whatif(
        gap_cents=8_400_00,
        weeks=4,
        stats=with_history(6_000_00),
        weighted_pipeline_cents=6_048_00,
        channel_mix=None,
        activities_per_lead=None,
        at_risk_cents=1_680_00,
    )
    assert plan.wins_needed == 2  # ⌈8_400_00 ÷ 6_000_00⌉ = ⌈1.4⌉ = 2
    assert plan.leads_needed == 20  # ⌈2 ÷ 0.1⌉ = 20
    assert plan.weekly_leads == pytest.approx(5.0)  # 20 ÷ 4 weeks
    assert plan.weekly_activities == {
        "emailing": 20,  # 5 × 40 % = 2 leads × 10 emails
        "social": 9,  # 5 × 30 % = 1.5 leads × 6 messages
        "phone": 4,  # 5 × 20 % = 1 lead × 4 calls
        "event": 1,  # 5 × 10 % = 0.5 lead × 0.5 event = 0.25 → 1
    }
    # 6_048_00 ÷ (1_680_00 + 8_400_00) = 604_800 ÷ 1_008_000 = 0.6
    assert plan.coverage_left == pytest.approx(0.6)
    assert (plan.value_basis, plan.avg_won_monthly_cents) == ("history", 6_000_00)
    assert plan.lead_to_win_rate == pytest.approx(0.1)


def test_fallback_value_without_history() -> None:
    plan = whatif(8_400_00, 6, PRIORS, 0, None, None, 0, fallback_won_monthly_cents=3_000_00)
    assert plan.value_basis == "fallback"
    assert plan.wins_needed == 3  # ⌈8_400_00 ÷ 3_000_00⌉ = ⌈2.8⌉ = 3
    assert plan.leads_needed == 30  # ⌈3 ÷ 0.1⌉
    assert plan.weekly_leads == pytest.approx(5.0)  # 30 ÷ 6


def test_no_value_known_means_one_win_the_size_of_the_gap() -> None:
    plan = whatif(8_400_00, 5, PRIORS, 0, None, None, 0)
    assert (plan.value_basis, plan.wins_needed) == ("gap", 1)
    # 1 ÷ 0.1 = 10.000000000000002 in floating point: still 10 leads, not 11
    assert plan.leads_needed == 10
    assert plan.weekly_leads == 2.0  # 10 ÷ 5


def test_custom_mix_and_activities() -> None:
    plan = whatif(
        6_000_00, 2, with_history(6_000_00, rate=0.2), 0, {"phone": 1, "event": 1}, {"phone": 5}, 0
    )
    # ⌈6_000_00 ÷ 6_000_00⌉ = 1 win; 1 ÷ 0.2 = 5 leads; ÷ 2 weeks = 2.5 a week, mix 1:1 → 50/50
    assert plan.leads_needed == 5
    assert plan.weekly_activities == {
        "phone": 7,  # 2.5 × 0.5 = 1.25 leads × 5 calls = 6.25 → 7
        "event": 1,  # 1.25 leads × 0.5 event = 0.625 → 1
    }


def test_weeks_below_one_count_as_one() -> None:
    assert whatif(6_000_00, 0, with_history(), 0, None, None, 0).weeks == 1


@pytest.mark.parametrize("gap", [0, -1_000_00])
def test_no_gap_no_targets(gap: int) -> None:
    plan = whatif(gap, 4, with_history(), 5_000_00, None, None, 2_500_00)
    assert (plan.wins_needed, plan.leads_needed, plan.weekly_leads) == (0, 0, 0.0)
    assert plan.weekly_activities == dict.fromkeys(DEFAULT_CHANNEL_MIX, 0)
    assert plan.coverage_left == 2.0  # 5_000_00 ÷ (2_500_00 + 0)


def test_nothing_at_risk_and_no_gap_has_no_coverage() -> None:
    assert whatif(0, 4, PRIORS, 5_000_00, None, None, 0).coverage_left is None


def test_mix_normalisation() -> None:
    assert normalised_mix({"phone": 3, "event": 1, "social": 0}) == {"phone": 0.75, "event": 0.25}
    assert normalised_mix({"phone": -1}) == pytest.approx(DEFAULT_CHANNEL_MIX)


@settings(max_examples=80, deadline=None)
@given(
    gaps=st.tuples(st.integers(-(10**6), 10**9), st.integers(-(10**6), 10**9)).map(sorted),
    weeks=st.integers(-2, 52),
    avg_won=st.none() | st.integers(1, 10**8),
    fallback=st.none() | st.integers(-5, 10**8),
    rate=st.floats(0.001, 0.999),
    mix=st.none() | st.dictionaries(st.sampled_from(("phone", "event", "x")), st.floats(0, 5)),
)
def test_targets_never_negative_and_grow_with_the_gap(
    gaps: list[int],
    weeks: int,
    avg_won: int | None,
    fallback: int | None,
    rate: float,
    mix: dict[str, float] | None,
) -> None:
    stats = with_history(avg_won, rate)
    small, large = (
        whatif(gap, weeks, stats, 1_000_00, mix, None, 500_00, fallback) for gap in gaps
    )
    for plan in (small, large):
        assert plan.wins_needed >= 0
        assert plan.leads_needed >= 0
        assert plan.weekly_leads >= 0
        assert all(n >= 0 for n in plan.weekly_activities.values())
    assert small.wins_needed <= large.wins_needed
    assert small.leads_needed <= large.leads_needed
    assert small.weekly_leads <= large.weekly_leads
    assert small.weekly_activities.keys() == large.weekly_activities.keys()
    assert all(small.weekly_activities[ch] <= n for ch, n in large.weekly_activities.items())
