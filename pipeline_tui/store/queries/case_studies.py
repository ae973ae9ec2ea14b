"""Case studies: which of a client's missions to write about, and what a draft is made of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.reader import Reader, day, first_value


def case_study_mission_id(q: Reader, client_id: int) -> int | None:
    """The client's mission to write about: the latest one (by start) it agreed to a case study
    of, else its latest one; None when it has no mission."""
    return first_value(
        q,
        "SELECT m.id FROM mission m LEFT JOIN case_study cs ON cs.mission_id = m.id"
        " WHERE m.client_id = :client_id"
        " ORDER BY CASE WHEN cs.agreed_on IS NULL THEN 1 ELSE 0 END, m.start_on DESC, m.id DESC"
        " LIMIT 1",
        {"client_id": client_id},
    )


@dataclass(frozen=True, slots=True)
class CaseStudyDraftFacts:
    """A mission, its client, the recorded case study (if any) and the first contact that may
    be asked for a quote."""

    mission_id: int
    mission_title: str
    start_on: date
    planned_end_on: date | None
    actual_end_on: date | None
    client_id: int
    client_name: str
    industry: str | None
    agreed_on: date | None
    role: str | None
    outcomes: str | None
    contact_name: str | None
    contact_role: str | None

    @property
    def agreed(self) -> bool:
        return self.agreed_on is not None


def draft_facts(q: Reader, mission_id: int) -> CaseStudyDraftFacts | None:
    """What the draft of ``mission_id`` is made of; None when there is no such mission."""
    rows = q.rows(
        "SELECT m.id, m.title, m.start_on, m.planned_end_on, m.actual_end_on,"
        " c.id, c.name, c.industry, cs.agreed_on, cs.role, cs.outcomes"
        " FROM mission m JOIN client c ON c.id = m.client_id"
        " LEFT JOIN case_study cs ON cs.mission_id = m.id"
        " WHERE m.id = :id",
        {"id": mission_id},
    )
    if not rows:
        return None
    mid, title, start, planned, actual, cid, client, industry, agreed, role, outcomes = rows[0]
    contact = q.rows(
        "SELECT first_name, last_name, role FROM contact"
        " WHERE client_id = :client_id AND do_not_contact = :no ORDER BY id LIMIT 1",
        {"client_id": cid, "no": False},
    )
    contact_name = contact_role = None
    if contact:
        first, last, contact_role = contact[0]
        contact_name = f"{first} {last}".strip()
    return CaseStudyDraftFacts(
        mission_id=mid,
        mission_title=title,
        start_on=q.day(start),
        planned_end_on=day(planned),
        actual_end_on=day(actual),
        client_id=cid,
        client_name=client,
        industry=industry,
        agreed_on=day(agreed),
        role=role,
        outcomes=outcomes,
        contact_name=contact_name,
        contact_role=contact_role,
    )
