"""The day's agenda with a limit: the first N of each list and how many more, read in bounded
queries (two keyset pages and one count), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.services.today import compute_today, today_json

LATER = date(2027, 6, 1)  # every open activity of the small demo is overdue by then


@pytest.mark.parametrize("day", [LATER, date(2026, 11, 26)])
def test_a_limit_keeps_the_first_items_of_each_list_and_counts_the_rest(demo, day: date) -> None:
    every = compute_today(demo.store, day)
    assert every.overdue_more == every.due_today_more == 0 and every.limit is None
    for limit in (1, 3, 500):
        limited = compute_today(demo.store, day, limit=limit)
        assert limited.overdue == every.overdue[:limit]
        assert limited.due_today == every.due_today[:limit]
        assert limited.overdue_more == max(len(every.overdue) - limit, 0)
        assert limited.due_today_more == max(len(every.due_today) - limit, 0)
        assert limited.rotting == every.rotting  # cut by the text alone
        assert limited.risk_alerts == every.risk_alerts


def test_the_json_of_a_limited_agenda_says_how_many_were_left_out(demo) -> None:
    every = today_json(compute_today(demo.store, LATER))
    limited = today_json(compute_today(demo.store, LATER, limit=5))
    assert len(every["overdue"]) > 5
    assert limited["overdue"] == every["overdue"][:5]
    assert limited["overdue_more"] == len(every["overdue"]) - 5
    assert every["overdue_more"] == every["due_today_more"] == 0
    assert set(limited) == set(every)
