"""Money: integer cents in, integer cents out; parsing and formatting for people."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CURRENCY_SYMBOLS: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}

_MONEY = re.compile(
    r"^\s*(?P<num>[0-9][0-9\s\u00a0\u202f.,']*)\s*(?P<k>[kK])?\s*(?:€|eur|EUR)?\s*$"
)


def parse_money(text: str) -> int:
    """Parse an amount typed by a person into cents: ``650``, ``650.50``, ``6 500,00 €``, ``8k``.

    A comma or a dot followed by one or two digits at the end is the decimal separator; other
    commas, dots, spaces and apostrophes group thousands. Raises ValueError with a clear message.
    """
    match = _MONEY.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not an amount (try 650, 650.50 or 6 500 €)")
    raw = re.sub(r"[\s\u00a0\u202f']", "", match["num"])
    decimals = re.search(r"[.,](\d{1,2})$", raw)
    if decimals:
        whole = re.sub(r"[.,]", "", raw[: decimals.start()])
        raw = f"{whole or '0'}.{decimals.group(1)}"
    else:
        raw = re.sub(r"[.,]", "", raw)
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not an amount") from exc
    if match["k"]:
        value *= 1000
    if value.adjusted() > 11:  # before quantize, which cannot hold more than 28 digits
        raise ValueError(f"{text!r} is too large an amount")
    cents = (value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if cents > 10**13:
        raise ValueError(f"{text!r} is too large an amount")
    return int(cents)


def format_money(cents: int | None, currency: str = "EUR", *, decimals: bool = False) -> str:
    """``840000`` → ``€8,400`` (``€8,400.00`` with decimals); None → ``—``."""
    if cents is None:
        return "—"
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    if decimals:
        body = f"{cents // 100:,}.{cents % 100:02d}"
    else:
        body = f"{(cents + 50) // 100:,}"
    return f"{sign}{symbol}{body}"


def format_money_short(cents: int | None, currency: str = "EUR") -> str:
    """An amount in at most a few characters, for where width is short (a narrow board column):
    ``€950``, ``€8.6k``, ``€14k``, ``€1.2M``, rounded half up; None → ``—``."""
    if cents is None:
        return "—"
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if cents < 0 else ""
    units = (abs(cents) + 50) // 100
    body = str(units)
    if units >= 1_000:
        body = _scaled(units, 1_000, "k")
        if units >= 999_500 and len(body) > 4:  # "1000k" and over: in millions
            body = _scaled(units, 1_000_000, "M")
    return f"{sign}{symbol}{body}"


def _scaled(units: int, scale: int, suffix: str) -> str:
    """``units`` in ``scale``: one decimal under 10 (none when it is 0), whole numbers above."""
    tenths = (units * 10 + scale // 2) // scale
    if tenths < 100:
        whole, tenth = divmod(tenths, 10)
        return f"{whole}.{tenth}{suffix}" if tenth else f"{whole}{suffix}"
    return f"{(units + scale // 2) // scale:,}{suffix}"
