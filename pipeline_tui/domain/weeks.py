"""ISO 8601 weeks: Monday to Sunday, named ``2026-W53``.

The weekly review, the plan streak and the CLI's ``--week`` speak in ISO weeks. A week belongs to
the ISO year of its Thursday, so ``2026-W53`` runs from Monday 28 Dec 2026 to Sunday 3 Jan 2027 and
1 Jan 2027 is in ``2026-W53``, not in a week of 2027.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline_tui.i18n import _

_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_label(day: date) -> str:
    """``2026-W53`` for any day of that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December, which is always in the year's last week."""
    return date(year, 12, 28).isocalendar()[1]


def parse_week(text: str) -> date:
    """The Monday of the ISO week ``text`` names (``2026-W53``, ``2026W05``, ``2026-w5``).

    Raises ValueError, worded for the person who typed it, for anything else, including a week 53
    in a year that has only 52.
    """
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(
            _("{text} is not an ISO week; write it as YYYY-Www, e.g. 2026-W48").format(
                text=repr(text)
            )
        )
    year, week = int(match[1]), int(match[2])
    if not 1 <= year <= 9998:
        raise ValueError(_("{text}: the year is out of range").format(text=repr(text)))
    last = weeks_in_year(year)
    if not 1 <= week <= last:
        raise ValueError(
            _("{text}: {year} has weeks 1 to {last}").format(text=repr(text), year=year, last=last)
        )
    return date.fromisocalendar(year, week, 1)


def shift_week(monday: date, weeks: int) -> date:
    """The Monday ``weeks`` weeks later (earlier when negative)."""
    return monday + timedelta(weeks=weeks)
