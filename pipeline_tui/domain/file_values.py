"""Values as spreadsheets and exports write them: dates, yes/no, numbers, percentages.

Unlike ``domain.dates`` (what a person types relative to today), these read what a file holds in
absolute terms: ``2024-03-12``, ``12/03/2024`` (day first, as in France), ``12 Mar 2024`` (the
LinkedIn export), ``12 mars 2024``, ``Mar 12, 2024``. Each parser returns the value or raises a
ValueError worded for the person who will fix the file.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from pipeline_tui.domain.companies import strip_accents
from pipeline_tui.domain.years import check_in_years
from pipeline_tui.i18n import N_, _

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january", "janv", "janvier"),
        ("feb", "february", "fev", "fevr", "fevrier"),
        ("mar", "march", "mars"),
        ("apr", "april", "avr", "avril"),
        ("may", "mai"),
        ("jun", "june", "juin"),
        ("jul", "july", "juil", "juillet"),
        ("aug", "august", "aout"),
        ("sep", "sept", "september", "septembre"),
        ("oct", "october", "octobre"),
        ("nov", "november", "novembre"),
        ("dec", "december", "decembre"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

DATE_HINT = N_("write it as 2024-03-12, 12/03/2024 or 12 Mar 2024")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(_("{text} is not a real date").format(text=repr(text))) from exc


@lru_cache(maxsize=4096)  # a file holds the same dates many times
def parse_file_date(text: str) -> date:
    """The date a file cell holds; numeric dates are read day first (12/03/2024 is 12 March),
    within ``domain.years``' range."""
    return check_in_years(_file_date(text))


def _file_date(text: str) -> date:
    raw = strip_accents(text.strip()).lower()
    if not raw:
        raise ValueError(_("no date given ({hint})").format(hint=_(DATE_HINT)))
    if match := _ISO.match(raw):
        return _real_date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _NUMERIC.match(raw):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _real_date(year, int(match[2]), int(match[1]), text)
    if match := _DAY_MONTH_YEAR.match(raw):
        day, month, year = match[1], match[2], match[3]
    elif match := _MONTH_DAY_YEAR.match(raw):
        month, day, year = match[1], match[2], match[3]
    else:
        raise ValueError(
            _("{text} is not a date ({hint})").format(text=repr(text.strip()), hint=_(DATE_HINT))
        )
    if month not in MONTHS:
        raise ValueError(
            _("{text}: {month} is not a month ({hint})").format(
                text=repr(text.strip()), month=repr(month), hint=_(DATE_HINT)
            )
        )
    return _real_date(int(year), MONTHS[month], int(day), text)


_TRUE = frozenset({"1", "y", "yes", "true", "x", "oui", "o", "vrai"})
_FALSE = frozenset({"0", "n", "no", "false", "non", "faux"})


def parse_bool(text: str) -> bool:
    raw = strip_accents(text.strip()).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(_("{text} is not yes or no").format(text=repr(text.strip())))


def parse_number(text: str) -> float:
    """``12``, ``12.5``, ``12,5`` (a decimal comma), ``1 200``."""
    raw = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"-?\d+,\d+", raw):
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(_("{text} is not a number").format(text=repr(text.strip()))) from exc


def parse_percent(text: str) -> int:
    """A whole percentage 0–100: ``80``, ``80 %``, ``80%``."""
    raw = text.strip().rstrip("%").strip()
    value = parse_number(raw) if raw else None
    if value is None or value != int(value) or not 0 <= value <= 100:
        raise ValueError(
            _("{text} is not a percentage between 0 and 100").format(text=repr(text.strip()))
        )
    return int(value)
