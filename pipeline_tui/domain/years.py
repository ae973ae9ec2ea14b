"""The years a date the user gives may fall in.

Plans, cadences, reviews and calendars reach weeks and months around a date, and Python's calendar
ends at 9999: a date kept within these years never overflows anything computed from it.
"""

from __future__ import annotations

from datetime import date

FIRST_YEAR, LAST_YEAR = 1900, 2999


def check_in_years(day: date, what: str = "the date") -> date:
    """``day`` if it falls within FIRST_YEAR–LAST_YEAR, else ValueError worded for the user."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{what} {day.isoformat()} is outside the years {FIRST_YEAR}–{LAST_YEAR}")
    return day
