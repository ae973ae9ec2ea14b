from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.dates import format_date_token, parse_date

THU = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", THU),
        ("Tomorrow", date(2026, 11, 27)),
        ("demain", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("fri", date(2026, 11, 27)),  # the next Friday: tomorrow
        ("thu", date(2026, 12, 3)),  # same weekday → a week later, never today
        ("monday", date(2026, 11, 30)),
        ("+3d", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 10)),
        ("-1w", date(2026, 11, 19)),
        ("+1m", date(2026, 12, 26)),
        ("+1y", date(2027, 11, 26)),
        ("2026-12-01", date(2026, 12, 1)),
        ("01/12", date(2026, 12, 1)),
        ("15/01", date(2027, 1, 15)),  # already passed this year → next year
        ("26/11", THU),
        ("3/2/27", date(2027, 2, 3)),
        ("03.02.2027", date(2027, 2, 3)),
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert parse_date(text, THU) == expected


def test_month_end_arithmetic_clips_to_the_last_day() -> None:
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize("text", ["", "soon", "31/02", "2026-13-01", "+3x", "32/01", "+99999y"])
def test_bad_dates_are_errors_with_a_hint(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_date(text, THU)
    assert str(err.value)


@given(st.text(max_size=20), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_parse_date_never_raises_anything_but_value_error(text: str, today: date) -> None:
    with contextlib.suppress(ValueError):
        parse_date(text, today)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-400, 400))
def test_format_date_token_reads_back(today: date, delta: int) -> None:
    day = today + timedelta(days=delta)
    assert parse_date(format_date_token(day, today), today) == day


def test_an_offset_counts_from_the_date_it_is_given_and_nothing_else_does() -> None:
    today, start = date(2026, 11, 24), date(2027, 1, 15)
    assert parse_date("+6m", today, offsets_from=start) == date(2027, 7, 15)
    assert parse_date("+2w", today, offsets_from=start) == date(2027, 1, 29)
    # names, weekdays and calendar dates keep counting from today
    assert parse_date("tomorrow", today, offsets_from=start) == date(2026, 11, 25)
    assert parse_date("fri", today, offsets_from=start) == date(2026, 11, 27)
    assert parse_date("+6m", today) == date(2027, 5, 24)
