"""Case studies: a client's agreement to one of a mission, the role and the outcomes."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from pipeline_tui.store.models import CaseStudy, Mission
from pipeline_tui.store.writes.rows import get_or_fail


def record_case_study(
    session: Session,
    mission_id: int,
    *,
    agreed_on: date | None,
    role: str | None,
    outcomes: str | None,
) -> CaseStudy:
    """Record what is given of the mission's case study (None keeps what was recorded; an empty
    role or outcomes text clears it)."""
    get_or_fail(session, Mission, mission_id, "mission")
    study = session.exec(select(CaseStudy).where(CaseStudy.mission_id == mission_id)).first()
    study = study or CaseStudy(mission_id=mission_id)
    if agreed_on is not None:
        study.agreed_on = agreed_on
    if role is not None:
        study.role = role or None
    if outcomes is not None:
        study.outcomes = outcomes or None
    session.add(study)
    return study
