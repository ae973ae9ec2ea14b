"""Surveys: sent to a client, answered later or not; an exit survey ticks its offboarding."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from pipeline_tui.store.models import Offboarding, Survey
from pipeline_tui.store.writes.rows import get_or_fail


def load_survey(session: Session, survey_id: int) -> Survey:
    """The survey ``survey_id``; NotFound when there is none."""
    return get_or_fail(session, Survey, survey_id, "survey")


def insert_survey(session: Session, values: Mapping[str, Any]) -> Survey:
    survey = Survey(**values)
    session.add(survey)
    return survey


def open_offboarding_ids(session: Session, client_id: int) -> list[int]:
    """The client's offboardings not closed yet (an exit survey ticks their item)."""
    return list(
        session.exec(
            select(Offboarding.id).where(
                Offboarding.client_id == client_id, col(Offboarding.closed_on).is_(None)
            )
        )
    )


def delete_survey(session: Session, survey_id: int) -> None:
    session.delete(load_survey(session, survey_id))
