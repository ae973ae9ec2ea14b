"""Missions: the engagements that bring revenue in."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import END_REASONS
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Mission
from pipeline_tui.store.writes.rows import get_or_fail

MISSION_FIELDS = (
    "title",
    "start_on",
    "planned_end_on",
    "day_rate_cents",
    "days_per_month",
    "fixed_monthly_cents",
)


def _check_mission(m: Mission) -> None:
    checked(clean_text, m.title, "the mission title", required=True)
    by_day = m.day_rate_cents is not None or m.days_per_month is not None
    if by_day and m.fixed_monthly_cents is not None:
        raise InvalidInput("a mission is priced by day rate or by a fixed monthly amount, not both")
    if by_day and (m.day_rate_cents is None or m.days_per_month is None):
        raise InvalidInput("a day-rate mission needs both the day rate and the days per month")
    if not by_day and m.fixed_monthly_cents is None:
        raise InvalidInput("a mission needs a day rate × days per month, or a fixed monthly amount")
    if (m.day_rate_cents or 0) < 0 or (m.fixed_monthly_cents or 0) < 0:
        raise InvalidInput("amounts cannot be negative")
    if m.days_per_month is not None and not 0 < m.days_per_month <= 31:
        raise InvalidInput("days per month must be between 0 and 31")
    if m.planned_end_on is not None and m.planned_end_on < m.start_on:
        raise InvalidInput("the planned end is before the start")


def add_mission(
    store: Store, client_id: int, title: str, start_on: date, **fields: object
) -> Mission:
    """Create an active mission for a client."""
    unknown = set(fields) - set(MISSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown mission fields: {sorted(unknown)}")
    mission = Mission(client_id=client_id, title=title.strip(), start_on=start_on, **fields)
    _check_mission(mission)
    with store.session() as session:
        get_or_fail(session, Client, client_id, "client")
        session.add(mission)
    return mission


def update_mission(store: Store, mission_id: int, **changes: object) -> Mission:
    unknown = set(changes) - set(MISSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown mission fields: {sorted(unknown)}")
    with store.session() as session:
        mission = get_or_fail(session, Mission, mission_id, "mission")
        for key, value in changes.items():
            setattr(mission, key, value)
        _check_mission(mission)
        session.add(mission)
    return mission


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
    with store.session() as session:
        return end_mission_in(session, mission_id, on, early=early, reason=reason, note=note)


def end_mission_in(
    session: Session,
    mission_id: int,
    on: date,
    *,
    early: bool = False,
    reason: str | None = None,
    note: str | None = None,
) -> Mission:
    """``end_mission`` inside the caller's transaction."""
    if early:
        if reason is None:
            raise InvalidInput("ending a mission early needs a reason")
        checked(check_choice, reason, END_REASONS, "the end reason")
    mission = get_or_fail(session, Mission, mission_id, "mission")
    if on < mission.start_on:
        raise InvalidInput("the end date is before the mission's start")
    mission.actual_end_on = on
    mission.status = "ended_early" if early else "ended"
    mission.end_reason = reason if early else None
    mission.end_note = note
    session.add(mission)
    return mission


def get_mission(store: Store, mission_id: int) -> Mission:
    with store.session() as session:
        return get_or_fail(session, Mission, mission_id, "mission")


def list_missions(store: Store, client_id: int | None = None) -> list[Mission]:
    query = select(Mission).order_by(Mission.start_on, Mission.id)
    if client_id is not None:
        query = query.where(Mission.client_id == client_id)
    with store.session() as session:
        return list(session.exec(query))
