"""What the board shows of a deal and a stage, from the domain: a stage's probability (the one a
deal without its own weighs), the days a deal sat in its stage, and money in a few characters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.money import format_money_short
from pipeline_tui.domain.pipeline import (
    DealFacts,
    days_in_stage,
    deal_probability,
    stage_probability,
)

TODAY = date(2026, 11, 24)


def _deal(**fields) -> DealFacts:
    values = dict(
        id=1,
        client_id=1,
        stage="proposal",
        monthly_value_cents=100_00,
        probability=None,
        channel="other",
        created_on=date(2026, 10, 1),
    )
    return DealFacts(**{**values, **fields})


def test_a_stage_probability_is_the_setting_then_the_default() -> None:
    assert stage_probability("proposal") == 60
    assert stage_probability("proposal", {"proposal": 45}) == 45
    assert stage_probability("lost") == 0
    assert stage_probability("proposal", {"proposal": 140}) == 100
    assert deal_probability(_deal(), {"proposal": 45}) == 45
    assert deal_probability(_deal(probability=35), {"proposal": 45}) == 35


def test_days_in_stage_count_from_the_last_move_else_the_creation() -> None:
    assert days_in_stage(_deal(), TODAY) == 54
    assert days_in_stage(_deal(stage_changed_on=date(2026, 11, 20)), TODAY) == 4
    assert days_in_stage(_deal(stage_changed_on=TODAY), TODAY) == 0


@pytest.mark.parametrize(
    ("cents", "shown"),
    [
        (0, "€0"),
        (950_00, "€950"),
        (999_49, "€999"),
        (999_50, "€1k"),
        (8_550_00, "€8.6k"),
        (8_000_00, "€8k"),
        (14_250_00, "€14k"),
        (99_950_00, "€100k"),
        (999_499_00, "€999k"),
        (999_500_00, "€1M"),
        (1_234_567_89, "€1.2M"),
        (-8_600_00, "-€8.6k"),
        (None, "—"),
    ],
)
def test_money_in_a_few_characters(cents, shown) -> None:
    assert format_money_short(cents) == shown


@given(st.integers(min_value=0, max_value=10**13))
def test_short_money_stays_short(cents: int) -> None:
    body = format_money_short(cents).removeprefix("€")
    assert len(body) <= 6 or body.endswith("M")
    assert "1000k" not in body
