"""Missions: what the numbers need of each (``MissionFacts``), and which one is running."""

from __future__ import annotations

from datetime import date

from pipeline_tui.domain.revenue import MissionFacts
from pipeline_tui.store.reader import Reader, day


def running_condition(alias: str = "m") -> str:
    """SQL for "the mission runs on :today": ``domain.revenue.is_active`` written in SQL (started
    on or before the day, no actual end or an actual end on or after it)."""
    return (
        f"({alias}.start_on <= :today"
        f" AND ({alias}.actual_end_on IS NULL OR {alias}.actual_end_on >= :today))"
    )


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def mission_facts(q: Reader, client_id: int | None = None) -> list[MissionFacts]:
    """Every mission (of one client), as the numbers see it."""
    sql = (
        "SELECT id, client_id, start_on, planned_end_on, actual_end_on,"
        " day_rate_cents, days_per_month, fixed_monthly_cents, status FROM mission"
    )
    if client_id is not None:
        sql += " WHERE client_id = :client_id"
    sql += " ORDER BY id"
    return [
        MissionFacts(
            cid, day(start), day(planned), day(actual), rate, _float(days), fixed, id, status
        )
        for id, cid, start, planned, actual, rate, days, fixed, status in q.rows(
            sql, {"client_id": client_id}
        )
    ]


def running_client_ids(q: Reader, today: date) -> list[int]:
    """The clients with a mission running on ``today``."""
    return [
        client_id
        for (client_id,) in q.rows(
            f"SELECT DISTINCT m.client_id FROM mission m WHERE {running_condition()}"
            " ORDER BY m.client_id",
            {"today": today},
        )
    ]
