"""Case studies: a client's agreement, and a Markdown draft of the mission for the user to edit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.case_study import CaseStudyFacts, case_study_markdown, split_outcomes
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked, found
from pipeline_tui.services.offboarding import tick_item_in
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries import case_studies as queries
from pipeline_tui.store.queries.clients import client_names
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import case_studies as writes
from pipeline_tui.store.writes.offboardings import offboarding_of_mission

if TYPE_CHECKING:
    from pipeline_tui.store.models import CaseStudy

CASE_STUDY_ITEM = "case_study"


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
    clean_role = None if role is None else checked(clean_text, role, _("the role"), max_len=200)
    clean_outcomes = (
        None
        if outcomes is None
        else checked(clean_text, outcomes, _("the outcomes"), max_len=8000, multiline=True)
    )
    with store.session() as session:
        study = writes.record_case_study(
            session, mission_id, agreed_on=agreed_on, role=clean_role, outcomes=clean_outcomes
        )
        if agreed_on is not None:
            offboarding_id = offboarding_of_mission(session, mission_id)
            if offboarding_id is not None:
                tick_item_in(session, offboarding_id, CASE_STUDY_ITEM, agreed_on)
        return study


def case_study_mission_id(source: ReadSource, client_id: int) -> int:
    """The client's mission to write about: the latest one it agreed to, else its latest one."""
    with source.read() as q:
        name = found(client_names(q, [client_id]).get(client_id), "client", client_id)
        mission_id = queries.case_study_mission_id(q, client_id)
    if mission_id is None:
        raise InvalidInput(
            _("{client} has no mission to write a case study about").format(client=name)
        )
    return mission_id


def case_study_draft(source: ReadSource, mission_id: int) -> str:
    """The Markdown draft for a mission whose client agreed to a case study."""
    with source.read() as q:
        facts = found(queries.draft_facts(q, mission_id), "mission", mission_id)
    if not facts.agreed:
        raise InvalidInput(
            _(
                "{client} has not agreed to a case study of {mission} yet: "
                "record the agreement first"
            ).format(client=facts.client_name, mission=repr(facts.mission_title))
        )
    contact = facts.contact_name
    if contact is not None and facts.contact_role:
        contact = f"{contact}, {facts.contact_role}"
    return case_study_markdown(
        CaseStudyFacts(
            client=facts.client_name,
            industry=facts.industry,
            mission=facts.mission_title,
            start_on=facts.start_on,
            end_on=facts.actual_end_on or facts.planned_end_on,
            role=facts.role,
            outcomes=split_outcomes(facts.outcomes),
            contact=contact,
        )
    )
