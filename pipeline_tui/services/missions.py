"""Missions: the engagements that bring revenue in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.records import check_end_on, check_end_reason, check_mission
from pipeline_tui.domain.removal import Removal
from pipeline_tui.domain.revenue import mission_monthly_cents
from pipeline_tui.services.common import checked, found, reject_unknown
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import dependents
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import missions as mission_writes
from pipeline_tui.store.writes.rows import apply_changes

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Mission

MISSION_FIELDS = (
    "title",
    "start_on",
    "planned_end_on",
    "day_rate_cents",
    "days_per_month",
    "fixed_monthly_cents",
)


def add_mission(
    store: Store, client_id: int, title: str, start_on: date, **fields: object
) -> Mission:
    """Create an active mission for a client. A day rate given without days per month takes the
    ``default_days_per_month`` setting (read in the same transaction)."""
    with store.session() as session:
        return add_mission_in(session, client_id, title, start_on, **fields)


def add_mission_in(
    session: Session, client_id: int, title: str, start_on: date, **fields: object
) -> Mission:
    """``add_mission`` inside the caller's transaction (a won deal opens its mission)."""
    reject_unknown(fields, MISSION_FIELDS, "mission")
    values = {"title": title.strip(), "start_on": start_on, **fields}
    if values.get("day_rate_cents") is not None and values.get("days_per_month") is None:
        values["days_per_month"] = read_settings(reader_in(session)).default_days_per_month
    checked(check_mission, values)
    return mission_writes.insert_mission(session, {"client_id": client_id, **values})


def update_mission(store: Store, mission_id: int, **changes: object) -> Mission:
    reject_unknown(changes, MISSION_FIELDS, "mission")
    with store.session() as session:
        mission = mission_writes.load_mission(session, mission_id)
        current = {name: getattr(mission, name) for name in MISSION_FIELDS}
        checked(check_mission, {**current, **changes})
        return apply_changes(session, mission, changes)


def end_mission(
    store: Store,
    mission_id: int,
    on: date,
    *,
    early: bool = False,
    reason: str | None = None,
    note: str | None = None,
) -> Mission:
    """End a mission on ``on``; an early end needs one of the DESIGN.md reasons."""
    checked(check_end_reason, early, reason)
    early_reason = reason if early else None
    with store.session() as session:
        return end_mission_in(session, mission_id, on, early_reason=early_reason, note=note)


def end_mission_in(
    session: Session, mission_id: int, on: date, *, early_reason: str | None, note: str | None
) -> Mission:
    """``end_mission`` inside the caller's transaction: an early end when ``early_reason`` (one
    of the DESIGN.md reasons) is given, else the planned end."""
    checked(check_end_reason, early_reason is not None, early_reason)
    mission = mission_writes.load_mission(session, mission_id)
    checked(check_end_on, on, mission.start_on)
    return mission_writes.end_mission(
        session,
        mission,
        on,
        status="ended" if early_reason is None else "ended_early",
        reason=early_reason,
        note=note,
    )


def get_mission(store: Store, mission_id: int) -> Mission:
    """The mission as recorded (the model ``add_mission`` and ``end_mission`` return)."""
    with store.session() as session:
        return mission_writes.load_mission(session, mission_id)


def list_missions(source: ReadSource, client_id: int | None = None) -> list[MissionRecord]:
    """Every mission (of one client), by start date."""
    with source.read() as q:
        return mission_queries.missions(q, client_id)


def mission_removal(source: ReadSource, mission_id: int) -> Removal:
    """What deleting the mission takes with it (its offboarding, its case study)."""
    with source.read() as q:
        found_mission = mission_queries.mission_record(q, mission_id)
        mission = found(found_mission, "mission", mission_id)
        counts = dependents.mission_dependents(q, mission_id)
    return Removal("mission", mission_id, mission.title, counts)


def remove_mission(store: Store, mission_id: int) -> Removal:
    """Delete the mission (its revenue leaves the figures) and what goes with it."""
    removal = mission_removal(store, mission_id)
    with store.session() as session:
        mission_writes.delete_mission(session, mission_id)
    return removal


def mission_json(m: MissionRecord, client_name: str) -> dict[str, object]:
    """A mission as ``mission list --json`` prints it (money in cents)."""
    return {
        "id": m.id,
        "client_id": m.client_id,
        "client": client_name,
        "title": m.title,
        "start_on": m.start_on.isoformat(),
        "planned_end_on": m.planned_end_on.isoformat() if m.planned_end_on else None,
        "actual_end_on": m.actual_end_on.isoformat() if m.actual_end_on else None,
        "day_rate_cents": m.day_rate_cents,
        "days_per_month": m.days_per_month,
        "fixed_monthly_cents": m.fixed_monthly_cents,
        "monthly_cents": mission_monthly_cents(m),
        "status": m.status,
    }
