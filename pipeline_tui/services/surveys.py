"""Surveys: satisfaction surveys of current clients, exit surveys of former ones.

A satisfaction survey's answer feeds the churn risk (``store.queries.risk.risk_facts`` reads the
``satisfaction`` rows); an exit survey is kept on the former client. The product sends no mail:
``survey_message`` fills the editable template, and the UI copies the text, or the CLI writes a
``.eml`` file or prints a ``mailto:`` URL for the user's own mail client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.playbook import (
    DEFAULT_SURVEY_TEMPLATES,
    MessageTemplate,
    check_survey,
    eml_text,
    fill_message,
    mailto_url,
)
from pipeline_tui.domain.settings import AppSettings
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.domain.vocabulary import SURVEY_KINDS
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.common import checked, found
from pipeline_tui.services.offboarding import tick_item_in
from pipeline_tui.services.settings import load_settings, read_settings, save_setting
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries import surveys as survey_queries
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.queries.surveys import SurveyRecord
from pipeline_tui.store.reader import Reader, ReadSource
from pipeline_tui.store.writes import surveys as survey_writes
from pipeline_tui.store.writes.rows import apply_changes

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Survey

EXIT_ITEM = "exit_survey"

TEMPLATE_ERRORS = {
    "satisfaction": N_("the satisfaction survey template: {error}"),
    "exit": N_("the exit survey template: {error}"),
}


def _mission_for(q: Reader, client: ClientRecord, kind: str, on: date) -> MissionRecord:
    """The mission a survey of ``kind`` sent on ``on`` is about: the one running that day
    (satisfaction), or the one that ended last (exit)."""
    if kind == "satisfaction":
        mission = mission_queries.running_mission(q, client.id, on)
        if mission is None:
            raise InvalidInput(
                _(
                    "{client} has no mission running on {day}: a satisfaction survey is for a "
                    "current client (an exit survey is for a former one)"
                ).format(client=client.name, day=format_day(on))
            )
        return mission
    mission = mission_queries.last_ended_mission(q, client.id)
    if mission is None:
        raise InvalidInput(
            _("{client} has no ended mission: an exit survey is for a former client").format(
                client=client.name
            )
        )
    return mission


def _client(q: Reader, client_id: int) -> ClientRecord:
    return found(client_queries.client_record(q, client_id), "client", client_id)


def _check_not_after(
    today: date, *, sent_on: date | None = None, answered_on: date | None = None
) -> None:
    """A survey is recorded once sent, and its answer once received: neither date after today."""
    if sent_on is not None and sent_on > today:
        raise InvalidInput(_("a survey is recorded once sent: the sent date is after today"))
    if answered_on is not None and answered_on > today:
        raise InvalidInput(_("the answer date is after today"))


def _clean_comment(comment: str | None) -> str | None:
    return checked(clean_text, comment, _("the comment"), max_len=4000) or None


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
    _check_not_after(today, sent_on=sent_on, answered_on=answered_on)
    clean_comment = _clean_comment(comment)
    with store.session() as session:
        q = reader_in(session)
        client = _client(q, client_id)
        _mission_for(q, client, kind, sent_on)
        if contact_id is not None:
            contact = found(contact_queries.contact_record(q, contact_id), "contact", contact_id)
            if contact.client_id != client_id:
                raise InvalidInput(
                    _("{name} is not a contact at {client}").format(
                        name=contact.full_name, client=client.name
                    )
                )
        survey = survey_writes.insert_survey(
            session,
            {
                "client_id": client_id,
                "contact_id": contact_id,
                "kind": kind,
                "scale": scale,
                "sent_on": sent_on,
                "answered_on": answered_on,
                "score": score,
                "comment": clean_comment,
            },
        )
        if kind == "exit":
            for offboarding_id in survey_writes.open_offboarding_ids(session, client_id):
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
    _check_not_after(today, answered_on=answered_on)
    with store.session() as session:
        survey = survey_writes.load_survey(session, survey_id)
        checked(check_survey, survey.kind, survey.scale, score, survey.sent_on, answered_on)
        changes: dict[str, object] = {"answered_on": answered_on, "score": score}
        if comment is not None:
            changes["comment"] = _clean_comment(comment)
        return apply_changes(session, survey, changes)


def update_survey(
    store: Store,
    survey_id: int,
    *,
    sent_on: date,
    scale: str,
    answered_on: date | None = None,
    score: int | None = None,
    comment: str | None = None,
    today: date,
) -> Survey:
    """Correct a survey as recorded: its dates, scale, score and comment (its kind and client
    stay). The rules of ``record_survey``: nothing after today, a score in its scale,
    answered on or after the day it was sent, and a new sent date on which the survey makes
    sense (a mission running then for a satisfaction survey)."""
    _check_not_after(today, sent_on=sent_on, answered_on=answered_on)
    clean_comment = _clean_comment(comment)
    with store.session() as session:
        survey = survey_writes.load_survey(session, survey_id)
        checked(check_survey, survey.kind, scale, score, sent_on, answered_on)
        if sent_on != survey.sent_on:
            q = reader_in(session)
            _mission_for(q, _client(q, survey.client_id), survey.kind, sent_on)
        changes: dict[str, object] = {
            "sent_on": sent_on,
            "scale": scale,
            "answered_on": answered_on,
            "score": score,
            "comment": clean_comment,
        }
        return apply_changes(session, survey, changes)


def remove_survey(store: Store, survey_id: int) -> None:
    """Delete a survey (sent or answered) recorded by mistake."""
    with store.session() as session:
        survey_writes.delete_survey(session, survey_id)


def client_surveys(source: ReadSource, client_id: int) -> list[SurveyRecord]:
    """A client's surveys, newest first."""
    with source.read() as q:
        return survey_queries.client_surveys(q, client_id)


def survey_json(s: Survey | SurveyRecord) -> dict[str, object]:
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


def survey_templates(source: ReadSource) -> dict[str, MessageTemplate]:
    """The templates in effect: the user's, else the default, per kind."""
    return _templates(load_settings(source))


def _templates(settings: AppSettings) -> dict[str, MessageTemplate]:
    stored = settings.survey_templates
    return {
        kind: MessageTemplate(**stored[kind]) if kind in stored else _default_template(kind)
        for kind in SURVEY_KINDS
    }


def _default_template(kind: str) -> MessageTemplate:
    """The built-in template of ``kind`` in the language spoken (the user's own is kept as
    written)."""
    default = DEFAULT_SURVEY_TEMPLATES[kind]
    return MessageTemplate(subject=_(default.subject), body=_(default.body))


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
    source: ReadSource, client_id: int, *, kind: str = "satisfaction", today: date
) -> SurveyMessage:
    """The survey message for a client, to its first reachable contact (opted-out ones never)."""
    if kind not in SURVEY_KINDS:
        raise InvalidInput(
            _("a survey is {kinds}, not {kind}").format(
                kinds=_(" or ").join(SURVEY_KINDS), kind=repr(kind)
            )
        )
    with source.read() as q:
        template = _templates(read_settings(q))[kind]
        client = _client(q, client_id)
        mission = _mission_for(q, client, kind, today)
        contacts = contact_queries.contacts_at(q, client_id, reachable=True)
    contact = next((c for c in contacts if c.email), contacts[0] if contacts else None)
    values = {
        "client": client.name,
        "contact": contact.first_name if contact else _("there"),
        "mission": mission.title,
    }
    try:
        subject = fill_message(template.subject, **values)
        body = fill_message(template.body, **values)
    except ValueError as exc:
        raise InvalidInput(_(TEMPLATE_ERRORS[kind]).format(error=exc)) from exc
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


def survey_gaps(source: ReadSource, today: date, *, days: int | None = None) -> list[SurveyGap]:
    """Current clients whose last satisfaction survey was sent more than ``days`` ago, or never.

    ``days`` defaults to the ``survey_gap_days`` setting (90). Never-surveyed clients first, then
    the longest gaps.
    """
    with source.read() as q:
        limit = read_settings(q).survey_gap_days if days is None else days
        if limit < 1:
            raise InvalidInput(_("the survey gap is at least one day"))
        active = mission_queries.running_client_ids(q, today)
        if not active:
            return []
        last = survey_queries.last_satisfaction_sent(q, active, today)
        names = client_queries.client_names(q, active)
    gaps = []
    for client_id in active:
        sent = last.get(client_id)
        age = None if sent is None else (today - sent).days
        if age is None or age > limit:
            gaps.append(SurveyGap(client_id, names[client_id], sent, age))
    return sorted(gaps, key=lambda g: (g.days is not None, -(g.days or 0), g.client_name.lower()))
