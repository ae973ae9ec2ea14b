"""Missions: what the numbers need of each (``MissionFacts``), which one is running, and the
missions as recorded (lists, a client's detail, the mission a survey is about)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.revenue import MissionFacts
from pipeline_tui.store.reader import Reader, day


def running_condition(alias: str = "m") -> str:
    """SQL for "the mission runs on :today": ``domain.revenue.is_active`` written in SQL (started
    on or before the day; no actual end and still active, or an actual end on or after it)."""
    return (
        f"({alias}.start_on <= :today"
        f" AND (({alias}.actual_end_on IS NULL AND {alias}.status = 'active')"
        f" OR {alias}.actual_end_on >= :today))"
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


@dataclass(frozen=True, slots=True, kw_only=True)
class MissionRecord(MissionFacts):
    """A mission as recorded: what the numbers see of it (``domain.revenue.MissionFacts``), its
    title, and why and how it ended."""

    title: str
    end_reason: str | None
    end_note: str | None


_RECORD = """
    SELECT m.id, m.client_id, m.title, m.start_on, m.planned_end_on, m.actual_end_on,
           m.day_rate_cents, m.days_per_month, m.fixed_monthly_cents, m.status, m.end_reason,
           m.end_note
    FROM mission m"""


def _records(q: Reader, sql: str, params: dict[str, object]) -> list[MissionRecord]:
    return [
        MissionRecord(
            cid,
            day(start),
            day(planned),
            day(actual),
            rate,
            _float(days),
            fixed,
            id,
            status,
            title=title,
            end_reason=reason,
            end_note=note,
        )
        for id, cid, title, start, planned, actual, rate, days, fixed, status, reason, note in (
            q.rows(sql, params)
        )
    ]


def missions(q: Reader, client_id: int | None = None) -> list[MissionRecord]:
    """Every mission (of one client), by start date, then id."""
    where = "" if client_id is None else " WHERE m.client_id = :client_id"
    return _records(q, f"{_RECORD}{where} ORDER BY m.start_on, m.id", {"client_id": client_id})


def client_missions(q: Reader, client_id: int) -> list[MissionRecord]:
    """A client's missions as its detail lists them: the latest started first."""
    return _records(
        q,
        f"{_RECORD} WHERE m.client_id = :client_id ORDER BY m.start_on DESC, m.id DESC",
        {"client_id": client_id},
    )


def running_mission(q: Reader, client_id: int, today: date) -> MissionRecord | None:
    """The client's mission running on ``today`` (:func:`running_condition`), the latest
    started if several."""
    found = _records(
        q,
        f"""{_RECORD} WHERE m.client_id = :client_id AND {running_condition()}
            ORDER BY m.start_on DESC, m.id DESC LIMIT 1""",
        {"client_id": client_id, "today": today},
    )
    return found[0] if found else None


def renewed_mission(q: Reader, deal_id: int) -> MissionRecord | None:
    """The mission deal ``deal_id`` renews (``deal.renewal_of_mission_id``), or None."""
    found = _records(
        q,
        f"{_RECORD} JOIN deal d ON d.renewal_of_mission_id = m.id WHERE d.id = :deal_id",
        {"deal_id": deal_id},
    )
    return found[0] if found else None


def last_ended_mission(q: Reader, client_id: int) -> MissionRecord | None:
    """The client's mission that ended last (an actual end recorded), or None."""
    found = _records(
        q,
        f"""{_RECORD} WHERE m.client_id = :client_id AND m.actual_end_on IS NOT NULL
            ORDER BY m.actual_end_on DESC, m.id DESC LIMIT 1""",
        {"client_id": client_id},
    )
    return found[0] if found else None


def mission_titles(q: Reader, mission_ids: list[int]) -> dict[int, str]:
    """The titles of these missions, by id."""
    ids = sorted(set(mission_ids))
    if not ids:
        return {}
    return dict(q.rows("SELECT id, title FROM mission WHERE id IN :ids", {"ids": ids}))


def mission_record(q: Reader, mission_id: int) -> MissionRecord | None:
    """The mission ``mission_id``, or None."""
    found = _records(q, f"{_RECORD} WHERE m.id = :id", {"id": mission_id})
    return found[0] if found else None
