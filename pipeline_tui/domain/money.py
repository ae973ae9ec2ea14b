"""Money: integer cents in, integer cents out; parsing and formatting for people."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pipeline_tui.i18n import _, formats

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
        raise ValueError(
            _("{text} is not an amount (try 650, 650.50 or 6 500 €)").format(text=repr(text))
        )
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
        raise ValueError(_("{text} is not an amount").format(text=repr(text))) from exc
    if match["k"]:
        value *= 1000
    if value.adjusted() > 11:  # before quantize, which cannot hold more than 28 digits
        raise ValueError(_("{text} is too large an amount").format(text=repr(text)))
    cents = (value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if cents > 10**13:
        raise ValueError(_("{text} is too large an amount").format(text=repr(text)))
    return int(cents)


def format_money(cents: int | None, currency: str = "EUR", *, decimals: bool = False) -> str:
    """``840000`` → ``€8,400`` in English, ``8 400 €`` in French (with decimals ``€8,400.00``,
    ``8 400,00 €``); None → ``—``. The current language decides (``i18n.formats.money``)."""
    return formats.money(cents, currency, decimals=decimals)


def format_money_short(cents: int | None, currency: str = "EUR") -> str:
    """An amount in at most a few characters, for where width is short (a narrow board column):
    ``€950``, ``€8.6k``, ``€14k``, ``€1.2M`` (``8,6 k€`` in French), rounded half up;
    None → ``—``."""
    return formats.money_short(cents, currency)
