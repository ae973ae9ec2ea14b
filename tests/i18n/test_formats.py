"""English is written without Babel (``i18n/formats``): held here to Babel's English (CLDR)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline_tui.i18n import formats, using_language

DATES = {
    formats.day_month_year: "d MMM y",
    formats.day_month: "d MMM",
    formats.month_year: "MMM y",
    formats.weekday: "EEE",
    formats.weekday_day_month_year: "EEE d MMM y",
    formats.weekday_day_month: "EEE d MMM",
}


@pytest.mark.parametrize("shown", DATES, ids=lambda f: f.__name__)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_english_dates_are_babels(shown, day: date) -> None:
    with using_language("en"):
        assert shown(day) == format_date(day, DATES[shown], locale="en")


@given(cents=st.integers(-(10**12), 10**12), currency=st.sampled_from(["EUR", "USD", "GBP"]))
def test_english_money_is_babels(cents: int, currency: str) -> None:
    units = (abs(cents) + 50) // 100  # whole units, half up
    with using_language("en"):
        assert formats.money(cents, currency, decimals=True) == format_currency(
            Decimal(cents) / 100, currency, "¤#,##0.00", locale="en", currency_digits=False
        )
        assert formats.money(cents, currency) == format_currency(
            -units if cents < 0 else units, currency, "¤#,##0", locale="en", currency_digits=False
        )


@given(
    value=st.integers(-(10**12), 10**12)
    | st.integers(-(10**6), 10**6).map(lambda hundredths: hundredths / 100)  # 2.45: 2.4
    | st.floats(-1e9, 1e9, allow_nan=False),
    decimals=st.integers(0, 2),
)
@example(value=2.45, decimals=1)  # 2.4500000000000002 in binary: 2.5 by float rounding
def test_english_numbers_are_babels(value: float, decimals: int) -> None:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with using_language("en"):
        assert formats.number(value, decimals=decimals) == format_decimal(
            value, pattern, locale="en"
        )


@given(
    value=st.integers(-(10**7), 10**7).map(lambda bp: bp / 10_000)  # 0.0055: 1% / 0.6%
    | st.floats(-1e6, 1e6, allow_nan=False),
    decimals=st.integers(0, 3),
)
@example(value=0.0055, decimals=0)  # 0.55 as written, 0.5499… in binary: 1%, not 0%
@example(value=0.0055, decimals=1)  # 0.6% (half to even), not 0.5%
def test_english_percentages_are_babels(value: float, decimals: int) -> None:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    with using_language("en"):
        assert formats.percent(value, decimals=decimals) == format_percent(
            value, pattern, locale="en"
        )
