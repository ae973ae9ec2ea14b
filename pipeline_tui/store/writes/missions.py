"""Missions: the engagements of a client, and their end."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from pipeline_tui.store.models import Client, Mission
from pipeline_tui.store.writes.cascade import delete_cascading
from pipeline_tui.store.writes.rows import get_or_fail


def load_mission(session: Session, mission_id: int) -> Mission:
    """The mission ``mission_id``; NotFound when there is none."""
    return get_or_fail(session, Mission, mission_id, "mission")


def mission_client_id(session: Session, mission_id: int) -> int | None:
    """The client of mission ``mission_id``; None when there is no such mission."""
    mission = session.get(Mission, mission_id)
    return None if mission is None else mission.client_id


def insert_mission(session: Session, values: Mapping[str, Any]) -> Mission:
    """A new mission of an existing client (``values["client_id"]``)."""
    mission = Mission(**values)
    get_or_fail(session, Client, mission.client_id, "client")
    session.add(mission)
    return mission


def end_mission(
    session: Session,
    mission: Mission,
    on: date,
    *,
    status: str,
    reason: str | None,
    note: str | None,
) -> Mission:
    """Record the mission's actual end on ``on``, with its status and (early) reason."""
    mission.actual_end_on = on
    mission.status = status
    mission.end_reason = reason
    mission.end_note = note
    session.add(mission)
    return mission


def delete_mission(session: Session, mission_id: int) -> None:
    """Delete the mission and its offboarding and case study (``cascade``)."""
    delete_cascading(session, load_mission(session, mission_id))
