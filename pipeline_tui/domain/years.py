"""The years a date the user gives may fall in.

Plans, cadences, reviews and calendars reach weeks and months around a date, and Python's calendar
ends at 9999: a date kept within these years never overflows anything computed from it.
"""

from __future__ import annotations

from datetime import date

from pipeline_tui.i18n import _

FIRST_YEAR, LAST_YEAR = 1900, 2999


def check_in_years(day: date, what: str | None = None) -> date:
    """``day`` if it falls within FIRST_YEAR–LAST_YEAR, else ValueError worded for the user
    (``what``: the date's name, translated; "the date" when None)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            _("{what} {day} is outside the years {first}–{last}").format(
                what=what or _("the date"), day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return day
