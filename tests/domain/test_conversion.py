"""Stage conversion rates, win rates, cycle and velocity (pipeline_tui.domain.conversion)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.conversion import (
    StageChange,
    average_cycle_days,
    average_won_monthly_cents,
    conversion_stats,
    lead_to_win_rate,
    sales_velocity_cents_per_day,
    stage_priors,
    win_rate,
)
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.vocabulary import OPEN_STAGES, STAGES


def deal(id: int, stage: str, channel: str, created_on: date, value: int = 0) -> DealFacts:
    return DealFacts(id, 100 + id, stage, value, None, channel, created_on)


def path(deal_id: int, start: date, *steps: tuple[str, int]) -> list[StageChange]:
    """History of one deal: entry at the first stage, then (stage, days after start) moves."""
    changes = []
    previous: str | None = None
    for stage, offset in steps:
        changes.append(StageChange(deal_id, previous, stage, start + timedelta(days=offset)))
        previous = stage
    return changes


# --- priors ----------------------------------------------------------------------------------


def test_priors_from_default_stage_probabilities() -> None:
    priors = stage_priors()
    # mean p(s) ÷ p(next), strength 2: lead 10/20 = 0.5 → (1, 1); negotiation 80/100 = 0.8
    assert priors["lead"] == pytest.approx((1.0, 1.0))
    assert priors["meeting"] == pytest.approx((4 / 3, 2 / 3))  # 40/60 = 2/3
    assert priors["negotiation"] == pytest.approx((1.6, 0.4))


def test_prior_mean_is_clamped() -> None:
    # contacted 20 ÷ meeting 10 = 2 → clamped to 0.95
    assert stage_priors({"meeting": 10})["contacted"] == pytest.approx((1.9, 0.1))
    with pytest.raises(ValueError, match="strength"):
        stage_priors(strength=0)


def test_no_history_gives_the_priors() -> None:
    stats = conversion_stats([], [])
    assert stats.stage_rates == pytest.approx(
        {"lead": 0.5, "contacted": 0.5, "meeting": 2 / 3, "proposal": 0.75, "negotiation": 0.8}
    )
    # 0.5 × 0.5 × 2/3 × 0.75 × 0.8 = 0.1 = p(lead) ÷ p(won)
    assert stats.lead_to_win_rate == pytest.approx(0.1)
    assert stats.win_rate == 0.5  # (0 + 1) ÷ (0 + 2)
    assert stats.win_rate_by_channel == {}
    assert stats.average_cycle_days is None
    assert stats.average_won_monthly_cents is None
    assert stats.sales_velocity_cents_per_day is None
    assert (stats.won_count, stats.lost_count, stats.open_count) == (0, 0, 0)


# --- a small worked history ------------------------------------------------------------------

JAN_1 = date(2026, 1, 1)
FEB_1 = date(2026, 2, 1)
DEALS = [
    deal(1, "won", "emailing", JAN_1, 8_000_00),
    deal(2, "lost", "emailing", JAN_1),
    deal(3, "contacted", "referral", JAN_1),
    deal(4, "lost", "emailing", JAN_1),
    deal(5, "won", "referral", FEB_1, 5_000_01),
]
HISTORY = [
    # 1: every stage, won on 31 Mar (89 days after 1 Jan)
    *path(1, JAN_1, *zip((*OPEN_STAGES, "won"), (0, 10, 30, 50, 70, 89), strict=True)),
    # 2: jumps from lead to proposal, then lost
    *path(2, JAN_1, ("lead", 0), ("proposal", 20), ("lost", 40)),
    # 3: still open at contacted
    *path(3, JAN_1, ("lead", 0), ("contacted", 5)),
    # 4: lost as a lead
    *path(4, JAN_1, ("lead", 0), ("lost", 3)),
    # 5: lead won directly, 14 days later
    *path(5, FEB_1, ("lead", 0), ("won", 14)),
]


def test_stage_counts_and_rates() -> None:
    stats = conversion_stats(DEALS, HISTORY)
    counts = {s.stage: (s.reached, s.advanced, s.decided) for s in stats.stages}
    # lead: all 5 reached; advanced 1, 2, 3, 5; decided all 5 (4 was lost there)
    # contacted: 1, 2, 3, 5 reached (2 and 5 skipped it: passed); advanced 1, 2, 5;
    #   decided 1, 2, 5 — deal 3 still sits there and is left out
    # meeting: 1, 2, 5 reached and advanced; proposal: 1, 2, 5 reached, 1 and 5 advanced,
    #   2 lost there; negotiation: 1 and 5 reached and advanced
    assert counts == {
        "lead": (5, 4, 5),
        "contacted": (4, 3, 3),
        "meeting": (3, 3, 3),
        "proposal": (3, 2, 3),
        "negotiation": (2, 2, 2),
    }
    assert stats.stage_rates == pytest.approx(
        {
            "lead": 5 / 7,  # (4 + 1) ÷ (5 + 1 + 1)
            "contacted": 0.8,  # (3 + 1) ÷ (3 + 1 + 1)
            "meeting": 13 / 15,  # (3 + 4/3) ÷ (3 + 4/3 + 2/3) = (13/3) ÷ 5
            "proposal": 0.7,  # (2 + 1.5) ÷ (3 + 1.5 + 0.5) = 3.5 ÷ 5
            "negotiation": 0.9,  # (2 + 1.6) ÷ (2 + 1.6 + 0.4) = 3.6 ÷ 4
        }
    )
    # 5/7 × 4/5 × 13/15 × 7/10 × 9/10 = 4/7 × 13/15 × 63/100 = 39/125 = 0.312
    assert stats.lead_to_win_rate == pytest.approx(0.312)


def test_win_rates_cycle_value_velocity() -> None:
    stats = conversion_stats(DEALS, HISTORY)
    assert (stats.won_count, stats.lost_count, stats.open_count) == (2, 2, 1)
    assert stats.win_rate == 0.5  # (2 won + 1) ÷ (4 closed + 2)
    assert stats.win_rate_by_channel == pytest.approx(
        {
            "emailing": 0.4,  # 1 won, 2 lost: (1 + 1) ÷ (3 + 2)
            "referral": 2 / 3,  # 1 won, 0 lost (3 is open): (1 + 1) ÷ (1 + 2)
        }
    )
    # deal 1: 1 Jan → 31 Mar = 89 days; deal 5: 14 days; (89 + 14) ÷ 2 = 51.5
    assert stats.average_cycle_days == 51.5
    # (800_000 + 500_001) ÷ 2 = 650_000.5 → 650_001
    assert stats.average_won_monthly_cents == 650_001
    # 1 open deal × 0.5 × 650_001 ÷ 51.5 days
    assert stats.sales_velocity_cents_per_day == pytest.approx(650_001 * 0.5 / 51.5)


def test_history_without_the_deal_list() -> None:
    # the current stage comes from the last change
    assert average_cycle_days(HISTORY) == 51.5
    stats = conversion_stats([], HISTORY)
    assert stats.stages[0].reached == 5


def test_won_deal_without_history_uses_closed_on() -> None:
    d = DealFacts(9, 1, "won", 1_000_00, None, "event", date(2026, 3, 1), date(2026, 3, 11))
    assert average_cycle_days([], [d]) == 10.0  # 1 Mar → 11 Mar
    # a won deal passed every stage
    stats = conversion_stats([d], [])
    assert [s.advanced for s in stats.stages] == [1, 1, 1, 1, 1]


def test_lost_deal_with_nothing_known_is_lost_at_lead() -> None:
    stats = conversion_stats([deal(1, "lost", "phone", JAN_1)], [])
    assert [(s.reached, s.decided) for s in stats.stages][:2] == [(1, 1), (0, 0)]
    assert stats.stage_rates["lead"] == pytest.approx(1 / 3)  # (0 + 1) ÷ (1 + 2)


def test_helpers() -> None:
    assert lead_to_win_rate({"lead": 0.5}) == 0.5  # missing stages count as 1
    assert average_won_monthly_cents([deal(1, "lost", "x", JAN_1, 5)]) is None
    # 10 open × 0.25 × 6_000_00 = 1_500_000; ÷ 60 days = 25_000 cents a day
    assert sales_velocity_cents_per_day(10, 0.25, 6_000_00, 60) == 25_000
    assert sales_velocity_cents_per_day(10, 0.25, 6_000_00, 0) is None
    assert sales_velocity_cents_per_day(10, 0.25, 6_000_00, None) is None
    assert sales_velocity_cents_per_day(10, 0.25, None, 30) is None
    with pytest.raises(ValueError, match="prior"):
        win_rate([], alpha=0)


# --- properties ------------------------------------------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[DealFacts], list[StageChange]]:
    deals, changes = [], []
    for deal_id in range(draw(st.integers(0, 12))):
        stages = draw(st.lists(st.sampled_from(STAGES), min_size=1, max_size=5))
        changes += path(deal_id, JAN_1, *((s, i * 7) for i, s in enumerate(stages)))
        deals.append(deal(deal_id, stages[-1], draw(st.sampled_from(("phone", "event"))), JAN_1))
    return deals, changes


@settings(max_examples=80, deadline=None)
@given(histories())
def test_rates_stay_strictly_between_0_and_1(
    data: tuple[list[DealFacts], list[StageChange]],
) -> None:
    deals, changes = data
    stats = conversion_stats(deals, changes)
    for s in stats.stages:
        assert 0 < s.rate < 1
        assert s.advanced <= s.decided <= s.reached
        assert s.stage in OPEN_STAGES
    assert 0 < stats.lead_to_win_rate < 1
    assert all(0 < r < 1 for r in stats.win_rate_by_channel.values())
    if stats.average_cycle_days is not None:
        assert stats.average_cycle_days >= 0
