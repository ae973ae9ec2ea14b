"""Money, percentages, numbers and dates as the current language writes them.

French: ``16 450 €``, ``72 %``, ``5 nov. 2026``, ``jeu. 5 nov.``; English: ``€16,450``,
``72%``, ``5 Nov 2026``, ``Thu 5 Nov``. The patterns, symbols and month and day names are
Babel's locale data (CLDR). English is written without importing Babel, by code that a test
holds equal to Babel's English on every kind of value (``tests/i18n/test_formats.py``): the
default language pays nothing at start, the others load Babel once.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from pipeline_tui.i18n.core import DEFAULT_LANGUAGE, current_language

LOCALES = {"en": "en", "fr": "fr_FR"}

_EN_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_PLACES = tuple(Decimal(1).scaleb(-n) for n in range(4))  # 1, 0.1, 0.01, 0.001


def _english() -> bool:
    return current_language() == DEFAULT_LANGUAGE


@cache
def _locale(language: str):
    from babel import Locale

    return Locale.parse(LOCALES[language])


@cache
def _money_pattern(language: str, decimals: bool):
    from babel.numbers import parse_pattern

    pattern = _locale(language).currency_formats["standard"].pattern
    if not decimals:
        pattern = pattern.replace("0.00", "0")
    return parse_pattern(pattern)


def money(cents: int | None, currency: str = "EUR", *, decimals: bool = False) -> str:
    """``840000`` → ``€8,400`` / ``8 400 €`` (``€8,400.00`` / ``8 400,00 €`` with decimals);
    whole units are rounded half up; None → ``—``."""
    if cents is None:
        return "—"
    if decimals:
        amount = Decimal(cents) / 100
    else:
        units = (abs(cents) + 50) // 100
        amount = Decimal(-units if cents < 0 else units)
    if _english() and currency in _EN_SYMBOLS:
        sign = "-" if amount < 0 else ""
        body = f"{abs(amount):,.2f}" if decimals else f"{abs(amount):,}"
        return f"{sign}{_EN_SYMBOLS[currency]}{body}"
    language = current_language()
    return _money_pattern(language, decimals).apply(
        amount, _locale(language), currency=currency, currency_digits=False
    )


def money_short(cents: int | None, currency: str = "EUR") -> str:
    """An amount in a few characters, for a narrow column: ``€950``, ``€8.6k``, ``€1.2M``
    (``950 €``, ``8,6 k€``, ``1,2 M€`` in French), rounded half up; None → ``—``."""
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ""
    units = (abs(cents) + 50) // 100
    whole, tenth, suffix = units, 0, ""
    if units >= 1_000:
        whole, tenth, suffix = _scaled(units, 1_000, "k")
        if units >= 999_500 and whole >= 1_000:  # "1000k" and over: in millions
            whole, tenth, suffix = _scaled(units, 1_000_000, "M")
    if _english():
        symbol = _EN_SYMBOLS.get(currency, currency + " ")
        body = f"{whole}.{tenth}" if tenth else f"{whole:,}"
        return f"{sign}{symbol}{body}{suffix}"
    symbols = _locale(current_language()).number_symbols.get("latn", {})
    body = f"{whole}{symbols.get('decimal', '.')}{tenth}" if tenth else number(whole)
    symbol = _symbol(currency)
    return f"{sign}{body}\u00a0{suffix}{symbol}" if suffix else f"{sign}{body}\u00a0{symbol}"


def _scaled(units: int, scale: int, suffix: str) -> tuple[int, int, str]:
    """``units`` in ``scale``: one decimal under 10 (none when it is 0), whole numbers above."""
    tenths = (units * 10 + scale // 2) // scale
    if tenths < 100:
        return tenths // 10, tenths % 10, suffix
    return (units + scale // 2) // scale, 0, suffix


def _symbol(currency: str) -> str:
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(currency, locale=_locale(current_language()))


def currency_symbol(currency: str = "EUR") -> str:
    """The symbol the current language writes for ``currency``: ``€``, ``$`` / ``$US``."""
    if _english() and currency in _EN_SYMBOLS:
        return _EN_SYMBOLS[currency]
    return _symbol(currency)


def percent(value: float | None, *, decimals: int = 0, missing: str = "—") -> str:
    """0.723 → ``72%`` / ``72 %``; None (undefined, e.g. nothing at risk) → ``missing``."""
    if value is None:
        return missing
    if _english():  # as Babel: the ratio as written, ×100, rounded half to even
        shown = (Decimal(repr(value)) * 100).quantize(_PLACES[decimals], ROUND_HALF_EVEN)
        return f"{shown:,.{decimals}f}%"
    from babel.numbers import format_percent

    pattern = _locale(current_language()).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return format_percent(value, format=pattern, locale=_locale(current_language()))


def number(value: int | float, *, decimals: int = 0) -> str:
    """A count or a measure with the language's grouping: ``1,234`` / ``1 234``."""
    if _english():
        if isinstance(value, float):  # as Babel: the number as written, rounded half to even
            value = Decimal(repr(value)).quantize(_PLACES[decimals], ROUND_HALF_EVEN)
        return f"{value:,.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(current_language()))


# English dates from the same CLDR patterns, field by field (what Babel's English writes)
_EN_DATE_FIELDS = {
    "d": lambda day: str(day.day),
    "MMM": lambda day: _EN_MONTHS[day.month - 1],
    "y": lambda day: str(day.year),
    "EEE": lambda day: _EN_DAYS[day.weekday()],
}


def _date(day: date, pattern: str) -> str:
    """``day`` in a CLDR pattern of space-separated fields (``EEE d MMM y``)."""
    if _english():
        return " ".join(_EN_DATE_FIELDS[field](day) for field in pattern.split())
    from babel.dates import format_date

    return format_date(day, pattern, locale=_locale(current_language()))


def day_month_year(day: date) -> str:
    """``5 Nov 2026`` / ``5 nov. 2026``."""
    return _date(day, "d MMM y")


def day_month(day: date) -> str:
    """``5 Nov`` / ``5 nov.``."""
    return _date(day, "d MMM")


def month_year(day: date) -> str:
    """``Nov 2026`` / ``nov. 2026``."""
    return _date(day, "MMM y")


def weekday(day: date) -> str:
    """``Thu`` / ``jeu.``."""
    return _date(day, "EEE")


def weekday_day_month_year(day: date) -> str:
    """``Thu 5 Nov 2026`` / ``jeu. 5 nov. 2026``."""
    return _date(day, "EEE d MMM y")


def weekday_day_month(day: date) -> str:
    """``Thu 5 Nov`` / ``jeu. 5 nov.``."""
    return _date(day, "EEE d MMM")
