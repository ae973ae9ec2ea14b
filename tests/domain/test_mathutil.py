"""The exact rounding helpers every amount goes through."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.mathutil import divide_half_up, round_half_up


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(250, 100, 3), (249, 100, 2), (-250, 100, -3), (-249, 100, -2), (0, 7, 0), (7, 2, 4)],
)
def test_halves_go_away_from_zero(numerator: int, denominator: int, expected: int) -> None:
    assert divide_half_up(numerator, denominator) == expected
    assert round_half_up(Fraction(numerator, denominator)) == expected


@given(st.integers(-(10**15), 10**15), st.integers(1, 10**6))
def test_the_integer_division_is_the_exact_rounding(numerator: int, denominator: int) -> None:
    exact = Fraction(numerator, denominator)
    away = math.floor(abs(exact) + Fraction(1, 2))
    assert divide_half_up(numerator, denominator) == (-away if exact < 0 else away)


@given(st.integers(0, 10**9), st.integers(0, 100))
def test_percent_of_cents_agrees_with_decimal_rounding(cents: int, percent: int) -> None:
    """The at-risk amount (``score ÷ 100 × cents``) as integers equals the Decimal rounding."""
    assert divide_half_up(percent * cents, 100) == round_half_up(Decimal(percent * cents) / 100)
