"""Surveys: satisfaction surveys of current clients, exit surveys of former ones.

A satisfaction survey's answer feeds the churn risk (``store.queries.risk.risk_facts`` reads the
``satisfaction`` rows); an exit survey is kept on the former client. The product sends no mail:
``survey_message`` fills the editable template, and the UI copies the text, or the CLI writes a
``.eml`` file or prints a ``mailto:`` URL for the user's own mail client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.playbook import (
    DEFAULT_SURVEY_TEMPLATES,
    MessageTemplate,
    check_survey,
    eml_text,
    fill_message,
    mailto_url,
)
from pipeline_tui.domain.revenue import is_active
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.domain.vocabulary import SURVEY_KINDS
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.offboarding import tick_item_in
from pipeline_tui.services.settings import load_settings, save_setting
from pipeline_tui.store.database import Store, reader_in
from pipeline_tui.store.models import Client, Contact, Mission, Offboarding, Survey
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.writes.rows import get_or_fail

EXIT_ITEM = "exit_survey"


def _running_mission(session: Session, client_id: int, on: date) -> Mission | None:
    missions = session.exec(
        select(Mission)
        .where(Mission.client_id == client_id, Mission.start_on <= on)
        .order_by(col(Mission.start_on).desc(), col(Mission.id).desc())
    )
    return next(
        (m for m in missions if m.actual_end_on is None or m.actual_end_on >= on),
        None,
    )


def _ended_mission(session: Session, client_id: int) -> Mission | None:
    return session.exec(
        select(Mission)
        .where(Mission.client_id == client_id, col(Mission.actual_end_on).is_not(None))
        .order_by(col(Mission.actual_end_on).desc(), col(Mission.id).desc())
    ).first()


def _mission_for(session: Session, client: Client, kind: str, on: date) -> Mission:
    if kind == "satisfaction":
        mission = _running_mission(session, client.id, on)
        if mission is None:
            raise InvalidInput(
                f"{client.name} has no mission running on {format_day(on)}: a satisfaction "
                "survey is for a current client (an exit survey is for a former one)"
            )
        return mission
    mission = _ended_mission(session, client.id)
    if mission is None:
        raise InvalidInput(
            f"{client.name} has no ended mission: an exit survey is for a former client"
        )
    return mission


def record_survey(
    store: Store,
    client_id: int,
    *,
    kind: str = "satisfaction",
    scale: str = "csat",
    sent_on: date,
    answered_on: date | None = None,
    score: int | None = None,
    comment: str | None = None,
    contact_id: int | None = None,
    today: date,
) -> Survey:
    """Record a survey sent on ``sent_on`` (and its answer, if any).

    A satisfaction survey needs a mission running on ``sent_on``; an exit survey needs an ended
    mission, and ticks the exit-survey item of the client's open offboarding.
    """
    checked(check_survey, kind, scale, score, sent_on, answered_on)
    if sent_on > today:
        raise InvalidInput("a survey is recorded once sent: the sent date is after today")
    if answered_on is not None and answered_on > today:
        raise InvalidInput("the answer date is after today")
    clean_comment = checked(clean_text, comment, "the comment", max_len=4000) or None
    with store.session() as session:
        client = get_or_fail(session, Client, client_id, "client")
        _mission_for(session, client, kind, sent_on)
        if contact_id is not None:
            contact = get_or_fail(session, Contact, contact_id, "contact")
            if contact.client_id != client_id:
                raise InvalidInput(f"{contact.full_name} is not a contact at {client.name}")
        survey = Survey(
            client_id=client_id,
            contact_id=contact_id,
            kind=kind,
            scale=scale,
            sent_on=sent_on,
            answered_on=answered_on,
            score=score,
            comment=clean_comment,
        )
        session.add(survey)
        if kind == "exit":
            for offboarding_id in session.exec(
                select(Offboarding.id).where(
                    Offboarding.client_id == client_id, col(Offboarding.closed_on).is_(None)
                )
            ):
                tick_item_in(session, offboarding_id, EXIT_ITEM, sent_on)
        return survey


def answer_survey(
    store: Store,
    survey_id: int,
    *,
    answered_on: date,
    score: int,
    comment: str | None = None,
    today: date,
) -> Survey:
    """The answer to a survey sent earlier."""
    if answered_on > today:
        raise InvalidInput("the answer date is after today")
    with store.session() as session:
        survey = get_or_fail(session, Survey, survey_id, "survey")
        checked(check_survey, survey.kind, survey.scale, score, survey.sent_on, answered_on)
        survey.answered_on = answered_on
        survey.score = score
        if comment is not None:
            survey.comment = checked(clean_text, comment, "the comment", max_len=4000) or None
        session.add(survey)
        return survey


def client_surveys(store: Store, client_id: int) -> list[Survey]:
    """A client's surveys, newest first."""
    with store.session() as session:
        return list(
            session.exec(
                select(Survey)
                .where(Survey.client_id == client_id)
                .order_by(col(Survey.sent_on).desc(), col(Survey.id).desc())
            )
        )


def survey_json(s: Survey) -> dict[str, object]:
    return {
        "id": s.id,
        "kind": s.kind,
        "scale": s.scale,
        "sent_on": s.sent_on.isoformat(),
        "answered_on": s.answered_on.isoformat() if s.answered_on else None,
        "score": s.score,
        "comment": s.comment,
    }


# --- messages -----------------------------------------------------------------------------------


def survey_templates(store: Store) -> dict[str, MessageTemplate]:
    """The templates in effect: the user's, else the default, per kind."""
    stored = load_settings(store).survey_templates
    return {
        kind: MessageTemplate(**stored[kind]) if kind in stored else DEFAULT_SURVEY_TEMPLATES[kind]
        for kind in SURVEY_KINDS
    }


def save_survey_template(store: Store, kind: str, *, subject: str, body: str) -> None:
    """Replace the message template of one survey kind."""
    current = {
        k: {"subject": t.subject, "body": t.body} for k, t in survey_templates(store).items()
    }
    current[kind] = {"subject": subject, "body": body}
    save_setting(store, "survey_templates", current)


@dataclass(frozen=True)
class SurveyMessage:
    """A survey message ready to copy, or to open in the user's mail client."""

    kind: str
    client_name: str
    contact_name: str | None
    to: str | None
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)

    @property
    def eml(self) -> str:
        return eml_text(self.to, self.subject, self.body)


def survey_message(
    store: Store, client_id: int, *, kind: str = "satisfaction", today: date
) -> SurveyMessage:
    """The survey message for a client, to its first reachable contact (opted-out ones never)."""
    if kind not in SURVEY_KINDS:
        raise InvalidInput(f"a survey is {' or '.join(SURVEY_KINDS)}, not {kind!r}")
    template = survey_templates(store)[kind]
    with store.session() as session:
        client = get_or_fail(session, Client, client_id, "client")
        mission = _mission_for(session, client, kind, today)
        contacts = list(
            session.exec(
                select(Contact)
                .where(Contact.client_id == client_id, col(Contact.do_not_contact).is_(False))
                .order_by(Contact.id)
            )
        )
    contact = next((c for c in contacts if c.email), contacts[0] if contacts else None)
    values = {
        "client": client.name,
        "contact": contact.first_name if contact else "there",
        "mission": mission.title,
    }
    try:
        subject = fill_message(template.subject, **values)
        body = fill_message(template.body, **values)
    except ValueError as exc:
        raise InvalidInput(f"the {kind} survey template: {exc}") from exc
    return SurveyMessage(
        kind=kind,
        client_name=client.name,
        contact_name=contact.full_name if contact else None,
        to=contact.email if contact else None,
        subject=subject,
        body=body,
    )


# --- gaps -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyGap:
    """A current client not surveyed for too long (or never)."""

    client_id: int
    client_name: str
    last_sent_on: date | None
    days: int | None  # since the last satisfaction survey was sent; None: never surveyed


def survey_gaps(store: Store, today: date, *, days: int | None = None) -> list[SurveyGap]:
    """Current clients whose last satisfaction survey was sent more than ``days`` ago, or never.

    ``days`` defaults to the ``survey_gap_days`` setting (90). Never-surveyed clients first, then
    the longest gaps.
    """
    limit = load_settings(store).survey_gap_days if days is None else days
    if limit < 1:
        raise InvalidInput("the survey gap is at least one day")
    with store.session() as session:
        q = reader_in(session)
        active = sorted(
            {m.client_id for m in mission_queries.mission_facts(q) if is_active(m, today)}
        )
        if not active:
            return []
        last = dict(
            session.exec(
                select(Survey.client_id, func.max(Survey.sent_on))
                .where(
                    col(Survey.client_id).in_(active),
                    Survey.kind == "satisfaction",
                    Survey.sent_on <= today,
                )
                .group_by(Survey.client_id)
            ).all()
        )
        names = client_queries.client_names(q, active)
    gaps = []
    for client_id in active:
        sent = last.get(client_id)
        age = None if sent is None else (today - sent).days
        if age is None or age > limit:
            gaps.append(SurveyGap(client_id, names[client_id], sent, age))
    return sorted(gaps, key=lambda g: (g.days is not None, -(g.days or 0), g.client_name.lower()))
