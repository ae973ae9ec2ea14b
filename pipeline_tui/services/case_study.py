"""Case studies: a client's agreement, and a Markdown draft of the mission for the user to edit."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from pipeline_tui.domain.playbook import CaseStudyFacts, case_study_markdown, split_outcomes
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.offboarding import tick_item_in
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import CaseStudy, Client, Contact, Mission, Offboarding
from pipeline_tui.store.writes.rows import get_or_fail

CASE_STUDY_ITEM = "case_study"


def _case_study(session: Session, mission_id: int) -> CaseStudy | None:
    return session.exec(select(CaseStudy).where(CaseStudy.mission_id == mission_id)).first()


def record_case_study(
    store: Store,
    mission_id: int,
    *,
    agreed_on: date | None = None,
    role: str | None = None,
    outcomes: str | None = None,
) -> CaseStudy:
    """Record the client's agreement (``agreed_on``), the user's role and the outcomes (one per
    line); None keeps what was recorded. An agreement ticks the offboarding's case-study item."""
    clean_role = None if role is None else checked(clean_text, role, "the role", max_len=200)
    clean_outcomes = (
        None if outcomes is None else checked(clean_text, outcomes, "the outcomes", max_len=8000)
    )
    with store.session() as session:
        get_or_fail(session, Mission, mission_id, "mission")
        study = _case_study(session, mission_id) or CaseStudy(mission_id=mission_id)
        if agreed_on is not None:
            study.agreed_on = agreed_on
        if clean_role is not None:
            study.role = clean_role or None
        if clean_outcomes is not None:
            study.outcomes = clean_outcomes or None
        session.add(study)
        if agreed_on is not None:
            offboarding_id = session.exec(
                select(Offboarding.id).where(Offboarding.mission_id == mission_id)
            ).first()
            if offboarding_id is not None:
                tick_item_in(session, offboarding_id, CASE_STUDY_ITEM, agreed_on)
        return study


def case_study_mission_id(store: Store, client_id: int) -> int:
    """The client's mission to write about: the latest one it agreed to, else its latest one."""
    with store.session() as session:
        name = get_or_fail(session, Client, client_id, "client").name
        agreed = session.exec(
            select(Mission.id)
            .join(CaseStudy, col(CaseStudy.mission_id) == Mission.id)
            .where(Mission.client_id == client_id, col(CaseStudy.agreed_on).is_not(None))
            .order_by(col(Mission.start_on).desc())
        ).first()
        if agreed is not None:
            return agreed
        latest = session.exec(
            select(Mission.id)
            .where(Mission.client_id == client_id)
            .order_by(col(Mission.start_on).desc(), col(Mission.id).desc())
        ).first()
    if latest is None:
        raise InvalidInput(f"{name} has no mission to write a case study about")
    return latest


def case_study_draft(store: Store, mission_id: int) -> str:
    """The Markdown draft for a mission whose client agreed to a case study."""
    with store.session() as session:
        mission = get_or_fail(session, Mission, mission_id, "mission")
        client = get_or_fail(session, Client, mission.client_id, "client")
        study = _case_study(session, mission_id)
        if study is None or study.agreed_on is None:
            raise InvalidInput(
                f"{client.name} has not agreed to a case study of {mission.title!r} yet: "
                "record the agreement first"
            )
        contact = session.exec(
            select(Contact)
            .where(Contact.client_id == client.id, col(Contact.do_not_contact).is_(False))
            .order_by(Contact.id)
        ).first()
    return case_study_markdown(
        CaseStudyFacts(
            client=client.name,
            industry=client.industry,
            mission=mission.title,
            start_on=mission.start_on,
            end_on=mission.actual_end_on or mission.planned_end_on,
            role=study.role,
            outcomes=split_outcomes(study.outcomes),
            contact=f"{contact.full_name}, {contact.role}"
            if contact and contact.role
            else (contact.full_name if contact else None),
        )
    )
