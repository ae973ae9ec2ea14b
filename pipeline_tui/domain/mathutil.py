"""Small exact-arithmetic helpers shared by the domain computations.

Money is integer cents; every amount that needs rounding is rounded **once, at the end**, half
away from zero ("round half up" for the non-negative amounts the product deals with), never with
Python's banker's rounding.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pipeline_tui.i18n import formats

# Tolerance used when taking the ceiling of a float quotient, so that 1 / 0.1 = 10.000000000000002
# gives 10 and not 11.
CEIL_TOLERANCE = 1e-9


def round_half_up(value: int | Fraction | Decimal | float) -> int:
    """Round to the nearest integer, halves away from zero: 2.5 → 3, 3.5 → 4, -2.5 → -3.

    Floats are read through their shortest decimal ``repr`` (so 1.005 is treated as the decimal
    1.005 the user typed, not its binary approximation); Fractions and Decimals are exact.
    """
    if isinstance(value, bool):
        raise TypeError("round_half_up() does not take a bool")  # not shown: a programming error
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return divide_half_up(value.numerator, value.denominator)
    decimal = value if isinstance(value, Decimal) else Decimal(repr(value))
    return int(decimal.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def divide_half_up(numerator: int, denominator: int) -> int:
    """``round_half_up(numerator ÷ denominator)`` in integers (``denominator`` > 0), without
    building a Fraction: 250 ÷ 100 → 3, −250 ÷ 100 → −3."""
    magnitude = abs(numerator)
    rounded = (2 * magnitude + denominator) // (2 * denominator)
    return -rounded if numerator < 0 else rounded


def ceil_div(numerator: int, denominator: int) -> int:
    """Exact integer ceiling of ``numerator / denominator`` (``denominator`` > 0)."""
    return -(-numerator // denominator)


def tolerant_ceil(value: float) -> int:
    """Ceiling of a float quotient, ignoring float noise below ``CEIL_TOLERANCE``.

    ``tolerant_ceil(1 / 0.1)`` is 10 (the quotient is 10.000000000000002 in floating point).
    Non-decreasing in ``value``.
    """
    return math.ceil(value - CEIL_TOLERANCE)


def safe_ratio(numerator: int, denominator: int) -> float | None:
    """``numerator ÷ denominator`` as a float, or None when the denominator is ≤ 0.

    A negative numerator is treated as 0 (a negative pipeline does not exist). Never raises: a
    quotient too large for a float (absurd inputs, e.g. 10**400 ÷ 1) gives ``math.inf``.
    """
    if denominator <= 0:
        return None
    try:
        return max(numerator, 0) / denominator
    except OverflowError:
        return float("inf")


def format_day(day: date) -> str:
    """The date as the UI and the reasons write it: ``12 Nov 2026`` (``12 nov. 2026`` in French)."""
    return formats.day_month_year(day)
