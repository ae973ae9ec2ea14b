"""Monthly revenue, active missions and concentration (pipeline_tui.domain.revenue)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.revenue import (
    Concentration,
    MissionFacts,
    concentration,
    is_active,
    mission_monthly_cents,
    revenue_by_client,
)

TODAY = date(2026, 11, 26)


def mission(
    client_id: int = 1,
    *,
    start_on: date = date(2026, 1, 1),
    planned_end_on: date | None = None,
    actual_end_on: date | None = None,
    day_rate_cents: int | None = None,
    days_per_month: float | None = None,
    fixed_monthly_cents: int | None = None,
) -> MissionFacts:
    return MissionFacts(
        client_id,
        start_on,
        planned_end_on,
        actual_end_on,
        day_rate_cents,
        days_per_month,
        fixed_monthly_cents,
    )


# --- mission_monthly_cents ------------------------------------------------------------------


def test_day_rate_times_days() -> None:
    # 650_00 × 18 = 11_700_00
    assert mission_monthly_cents(mission(day_rate_cents=650_00, days_per_month=18)) == 11_700_00


def test_day_rate_rounds_half_up_not_bankers() -> None:
    # 650_05 × 18.5 = 1_170_090 + 32_502.5 = 1_202_592.5 → 1_202_593 (banker's would give …592)
    m = mission(day_rate_cents=650_05, days_per_month=18.5)
    assert mission_monthly_cents(m) == 1_202_593
    # 5 × 2.5 = 12.5 → 13 (banker's: 12)
    assert mission_monthly_cents(mission(day_rate_cents=5, days_per_month=2.5)) == 13


def test_days_read_as_typed_decimal() -> None:
    # 1_000 × 20.1 = 20_100 exactly (the binary float 20.1 is not used)
    assert mission_monthly_cents(mission(day_rate_cents=1_000, days_per_month=20.1)) == 20_100


def test_fixed_monthly_amount() -> None:
    assert mission_monthly_cents(mission(fixed_monthly_cents=8_400_00)) == 8_400_00


def test_day_rate_wins_over_fixed_and_unpriced_is_zero() -> None:
    both = mission(day_rate_cents=500_00, days_per_month=10, fixed_monthly_cents=1)
    # 500_00 × 10 = 5_000_00
    assert mission_monthly_cents(both) == 5_000_00
    # a day rate without days per month falls back to the fixed amount
    assert mission_monthly_cents(mission(day_rate_cents=500_00, fixed_monthly_cents=7)) == 7
    assert mission_monthly_cents(mission()) == 0


# --- is_active -------------------------------------------------------------------------------


def test_mission_ended_yesterday_is_not_active() -> None:
    assert not is_active(mission(actual_end_on=TODAY - timedelta(days=1)), TODAY)


def test_mission_ending_today_or_later_is_active() -> None:
    assert is_active(mission(actual_end_on=TODAY), TODAY)
    # early end recorded for a future date: still active until then
    assert is_active(mission(actual_end_on=TODAY + timedelta(days=10)), TODAY)


def test_start_date_bounds() -> None:
    assert is_active(mission(start_on=TODAY), TODAY)
    assert not is_active(mission(start_on=TODAY + timedelta(days=1)), TODAY)


def test_planned_end_passed_without_actual_end_is_active() -> None:
    assert is_active(mission(planned_end_on=TODAY - timedelta(days=30)), TODAY)


# --- revenue_by_client -----------------------------------------------------------------------


def test_revenue_by_client_sums_active_missions_only() -> None:
    missions = [
        mission(1, day_rate_cents=600_00, days_per_month=10),  # 6_000_00
        mission(1, fixed_monthly_cents=1_000_00),  # + 1_000_00 = 7_000_00
        mission(2, fixed_monthly_cents=3_000_00),
        mission(3, fixed_monthly_cents=9_999_00, actual_end_on=TODAY - timedelta(days=1)),
        mission(4, fixed_monthly_cents=5_000_00, start_on=TODAY + timedelta(days=1)),
        mission(5),  # unpriced: 0 → left out
    ]
    assert revenue_by_client(missions, TODAY) == {1: 7_000_00, 2: 3_000_00}


def test_revenue_by_client_empty() -> None:
    assert revenue_by_client([], TODAY) == {}


# --- concentration ---------------------------------------------------------------------------


def test_no_clients() -> None:
    c = concentration({})
    assert c == Concentration()
    # without revenue every concentration figure is undefined, not 0
    assert (c.total_cents, c.shares, c.top_client_id, c.top_share, c.hhi, c.dependent) == (
        0,
        {},
        None,
        None,
        None,
        None,
    )
    assert c.effective_clients is None and c.over_threshold is None


def test_effective_clients_and_the_dependence_threshold() -> None:
    c = concentration({1: 5_000_00, 2: 2_500_00, 3: 2_500_00})
    # hhi = 0.25 + 0.0625 + 0.0625 = 0.375 → 1 ÷ 0.375 = 2.67 equal clients
    assert c.effective_clients == pytest.approx(8 / 3)
    assert c.over_threshold is False  # 50 % < 5/6
    assert concentration({1: 5_000_00, 2: 1_000_00}).over_threshold is True  # 5/6 exactly
    assert concentration({1: 5_000_00, 2: 1_000_00}, threshold=0.9).over_threshold is False


def test_one_client() -> None:
    c = concentration({7: 8_400_00})
    assert c.shares == {7: 1.0}
    assert c.top_client_id == 7
    assert c.top_share == 1.0
    assert c.top_cents == 8_400_00
    assert c.hhi == 1.0  # 1² = 1
    assert c.dependent


def test_two_clients_60_40() -> None:
    c = concentration({1: 6_000_00, 2: 4_000_00})
    # total 10_000_00; shares 6/10 = 0.6 and 4/10 = 0.4
    assert c.total_cents == 10_000_00
    assert c.shares == pytest.approx({1: 0.6, 2: 0.4})
    # hhi = 0.6² + 0.4² = 0.36 + 0.16 = 0.52
    assert c.hhi == pytest.approx(0.52)
    assert c.top_client_id == 1
    assert c.dependent  # 0.6 > 0.5


def test_exactly_half_is_not_dependent() -> None:
    c = concentration({1: 5_000_00, 2: 3_000_00, 3: 2_000_00})
    # top share 5/10 = 0.5, not > 0.5; hhi = 0.25 + 0.09 + 0.04 = 0.38
    assert c.top_share == 0.5
    assert not c.dependent
    assert c.hhi == pytest.approx(0.38)


def test_three_equal_clients() -> None:
    c = concentration({1: 100, 2: 100, 3: 100})
    # each 1/3; hhi = 3 × (1/3)² = 1/3; tie on top → smallest id
    assert c.hhi == pytest.approx(1 / 3)
    assert c.top_client_id == 1
    assert not c.dependent


def test_non_positive_revenue_ignored() -> None:
    c = concentration({1: 1_000_00, 2: 0, 3: -500})
    assert c.shares == {1: 1.0}


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(1, 10_000), st.integers(1, 10**9), min_size=1, max_size=40))
def test_shares_sum_to_one_and_hhi_bounds(revenue: dict[int, int]) -> None:
    c = concentration(revenue)
    n = len(revenue)
    assert math.fsum(c.shares.values()) == pytest.approx(1.0, abs=1e-9)
    assert 1 / n - 1e-9 <= c.hhi <= 1.0 + 1e-9
    assert c.top_share == max(c.shares.values())
    assert c.total_cents == sum(revenue.values())
    assert c.dependent == (c.top_share > 0.5)
