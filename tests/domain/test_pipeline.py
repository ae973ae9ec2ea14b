"""Deal probability, weighted pipeline, coverage and rotting deals (domain.pipeline)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.pipeline import (
    DealFacts,
    average_open_monthly_cents,
    coverage,
    deal_probability,
    last_touched_on,
    rotting_deals,
    weighted_pipeline_cents,
    worst_loss_coverage,
)
from pipeline_tui.domain.vocabulary import DEFAULT_STAGE_PROBABILITIES

TODAY = date(2026, 11, 26)


def deal(
    id: int = 1,
    stage: str = "lead",
    value: int = 1_000_00,
    *,
    probability: int | None = None,
    created_on: date = date(2026, 11, 1),
    last_activity_on: date | None = None,
    stage_changed_on: date | None = None,
) -> DealFacts:
    return DealFacts(
        id=id,
        client_id=100 + id,
        stage=stage,
        monthly_value_cents=value,
        probability=probability,
        channel="emailing",
        created_on=created_on,
        last_activity_on=last_activity_on,
        stage_changed_on=stage_changed_on,
    )


# --- deal_probability ------------------------------------------------------------------------


def test_stage_probability_and_override() -> None:
    assert deal_probability(deal(stage="proposal"), DEFAULT_STAGE_PROBABILITIES) == 60
    overridden = deal(stage="proposal", probability=35)
    assert deal_probability(overridden, DEFAULT_STAGE_PROBABILITIES) == 35
    assert deal_probability(deal(stage="proposal", probability=0)) == 0  # 0 is an override too
    assert deal_probability(deal(stage="meeting"), {"meeting": 55}) == 55
    assert deal_probability(deal(stage="meeting"), {"lead": 5}) == 40  # falls back to defaults
    assert deal_probability(deal(stage="mystery")) == 0
    assert deal_probability(deal(probability=140)) == 100  # clamped


# --- weighted pipeline -----------------------------------------------------------------------


def test_weighted_pipeline() -> None:
    deals = [
        deal(1, "proposal", 5_000_00),  # 5_000_00 × 60 % = 300_000
        deal(2, "lead", 3_333_33),  # 3_333_33 × 10 % = 33_333.3
        deal(3, "won", 9_000_00),  # not pipeline
        deal(4, "lost", 9_000_00),  # not pipeline
    ]
    # 300_000 + 33_333.3 = 333_333.3 → 333_333
    assert weighted_pipeline_cents(deals, DEFAULT_STAGE_PROBABILITIES) == 333_333


def test_weighted_pipeline_uses_override() -> None:
    # 2_000_00 × 25 % = 50_000 (the stage's 80 % is overridden)
    assert weighted_pipeline_cents([deal(1, "negotiation", 2_000_00, probability=25)]) == 50_000


def test_weighted_pipeline_rounds_once_half_up() -> None:
    deals = [deal(i, "lead", 5) for i in range(3)]
    # 3 × (5 × 10 %) = 3 × 0.5 = 1.5 → 2 (rounding each deal first would give 3 × 1 = 3)
    assert weighted_pipeline_cents(deals) == 2
    # one deal: 0.5 → 1 (banker's rounding would give 0)
    assert weighted_pipeline_cents(deals[:1]) == 1


def test_no_open_deals() -> None:
    assert weighted_pipeline_cents([]) == 0
    assert weighted_pipeline_cents([deal(stage="won")]) == 0
    assert average_open_monthly_cents([deal(stage="lost")]) is None


def test_average_open_monthly() -> None:
    deals = [deal(1, "lead", 1_000_00), deal(2, "meeting", 2_000_01), deal(3, "won", 9)]
    # (100_000 + 200_001) ÷ 2 = 150_000.5 → 150_001
    assert average_open_monthly_cents(deals) == 150_001


# --- coverage --------------------------------------------------------------------------------


def test_coverage() -> None:
    # 333_333 ÷ 250_000 = 1.333332
    assert coverage(333_333, 250_000) == pytest.approx(1.333332)
    assert coverage(0, 250_000) == 0.0


def test_zero_revenue_at_risk_gives_no_coverage() -> None:
    assert coverage(333_333, 0) is None
    assert coverage(0, 0) is None
    assert coverage(333_333, -5) is None  # negative at risk: treated as nothing at risk


def test_negative_pipeline_counts_as_zero() -> None:
    assert coverage(-100, 1_000) == 0.0


def test_worst_loss_coverage() -> None:
    # losing Acme, 8_400_00 a month; weighted pipeline 6_048_00 → 604_800 ÷ 840_000 = 0.72
    assert worst_loss_coverage(6_048_00, 8_400_00) == pytest.approx(0.72)
    assert worst_loss_coverage(6_048_00, 0) is None  # no client


@settings(max_examples=200, deadline=None)
@given(st.integers(), st.integers())
def test_coverage_never_raises(weighted: int, denominator: int) -> None:
    for ratio in (coverage(weighted, denominator), worst_loss_coverage(weighted, denominator)):
        if denominator <= 0:
            assert ratio is None
        else:
            assert ratio is not None
            assert ratio >= 0.0
            assert not math.isnan(ratio)


def test_coverage_of_absurd_numbers() -> None:
    assert coverage(10**400, 1) == math.inf


# --- rotting deals ---------------------------------------------------------------------------


def test_rotting_deals() -> None:
    deals = [
        deal(1, "lead", last_activity_on=TODAY - timedelta(days=20)),  # 20 > 14: rotting
        deal(2, "lead", last_activity_on=TODAY - timedelta(days=14)),  # 14, not > 14: fine
        deal(  # activity 30 days ago but stage changed 3 days ago: fine
            3,
            "proposal",
            last_activity_on=TODAY - timedelta(days=30),
            stage_changed_on=TODAY - timedelta(days=3),
        ),
        deal(4, "meeting", created_on=TODAY - timedelta(days=40)),  # never touched: 40 days
        deal(5, "won", created_on=TODAY - timedelta(days=400)),  # closed: never rots
    ]
    rotting = rotting_deals(deals, TODAY)
    assert [(r.deal.id, r.idle_days, r.allowed_days) for r in rotting] == [(4, 40, 14), (1, 20, 14)]
    assert rotting[0].overdue_days == 26  # 40 − 14


def test_rotting_days_per_stage() -> None:
    d = deal(1, "negotiation", last_activity_on=TODAY - timedelta(days=10))
    assert rotting_deals([d], TODAY, {"negotiation": 7})[0].idle_days == 10
    assert rotting_deals([d], TODAY, {"lead": 7}) == []  # negotiation keeps its default 14


def test_last_touched_is_the_latest_date() -> None:
    d = deal(created_on=date(2026, 1, 1), last_activity_on=date(2026, 3, 1))
    assert last_touched_on(d) == date(2026, 3, 1)
