"""Dates typed by people: ``today``, ``tomorrow``, ``fri``, ``+3d``, ``+2w``, ``+1m``, ISO, dd/mm.

Shared by the quick-add and quick-log parsers, the forms and the CLI, so a date means the same
everywhere. Errors are ValueErrors worded for the person who typed the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from pipeline_tui.domain.years import check_in_years
from pipeline_tui.i18n import N_, _

WEEKDAYS: dict[str, int] = {
    "mon": 0,
    "monday": 0,
    "lundi": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "mardi": 1,
    "wed": 2,
    "wednesday": 2,
    "mercredi": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "jeudi": 3,
    "fri": 4,
    "friday": 4,
    "vendredi": 4,
    "sat": 5,
    "saturday": 5,
    "samedi": 5,
    "sun": 6,
    "sunday": 6,
    "dimanche": 6,
}

NAMED: dict[str, int] = {
    "today": 0,
    "tod": 0,
    "aujourdhui": 0,
    "tomorrow": 1,
    "tom": 1,
    "tmr": 1,
    "demain": 1,
    "yesterday": -1,
    "hier": -1,
}

_OFFSET = re.compile(r"^([+-])(\d{1,4})([dwmy])$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")

HINT = N_("today, tomorrow, a weekday (fri), +3d, +2w, +1m, 2026-12-01 or 01/12")
"""How a date can be typed (a message: ``_(HINT)``)."""


def parse_date(text: str, today: date, *, offsets_from: date | None = None) -> date:
    """The date ``text`` names, relative to ``today``, within ``domain.years``' range.

    A weekday is the next one strictly after today (``fri`` on a Friday is a week later); ``dd/mm``
    without a year is the next such day from today on (this year, or next year if it has passed).
    An offset (``+6m``) counts from ``offsets_from`` when it is given (a mission's end from its
    start), else from today.
    """
    return check_in_years(_named_date(text, today, offsets_from or today))


def _named_date(text: str, today: date, base: date) -> date:
    raw = text.strip().lower().replace("'", "").replace("’", "")
    if not raw:
        raise ValueError(_("no date given (try {hint})").format(hint=_(HINT)))
    if raw in NAMED:
        return today + timedelta(days=NAMED[raw])
    if raw in WEEKDAYS:
        ahead = (WEEKDAYS[raw] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    offset = _OFFSET.match(raw)
    if offset:
        sign = 1 if offset[1] == "+" else -1
        n = sign * int(offset[2])
        unit = offset[3]
        try:
            if unit == "d":
                return base + timedelta(days=n)
            if unit == "w":
                return base + timedelta(weeks=n)
            if unit == "m":
                return base + relativedelta(months=n)
            return base + relativedelta(years=n)
        except (OverflowError, ValueError) as exc:
            raise ValueError(_("{text} is too far away").format(text=repr(text))) from exc
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            raise ValueError(_("{text} is not a real date").format(text=repr(text))) from exc
    day_month = _DAY_MONTH.match(raw)
    if day_month:
        day, month, year = int(day_month[1]), int(day_month[2]), day_month[3]
        try:
            if year is not None:
                full_year = int(year) + (2000 if len(year) == 2 else 0)
                return date(full_year, month, day)
            candidate = date(today.year, month, day)
            if candidate < today:
                candidate = date(today.year + 1, month, day)
            return candidate
        except ValueError as exc:
            raise ValueError(
                _("{text} is not a real date (day/month)").format(text=repr(text))
            ) from exc
    raise ValueError(
        _("{text} is not a date I understand (try {hint})").format(text=repr(text), hint=_(HINT))
    )


def format_date_token(day: date, today: date) -> str:
    """The shortest text that ``parse_date`` reads back as ``day`` (for echoing a parse)."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return day.isoformat()


def end_after_months(start: date, months: float) -> date:
    """The last day of ``months`` whole months from ``start`` (3 months from 1 Dec: 28 Feb)."""
    whole = int(months)
    if whole != months or whole < 1:
        raise ValueError(_("a number of months is a whole number, at least 1"))
    return start + relativedelta(months=whole) - timedelta(days=1)
