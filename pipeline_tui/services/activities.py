"""Activities: what was done and what is due — the agenda.

The forms name an activity's client, contact and deal as the user typed them (``#12`` or the
exact name, ``services.resolve``): ``log_activity`` and ``edit_activity`` resolve them inside
their one transaction, fill the client from the contact or the deal, and refuse links that do
not belong together (a contact at another client). A refusal is an ``InvalidInput`` or a
``NotFound`` naming close names, which the form shows under its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pipeline_tui.domain.log_target import fold
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.records import check_activity
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services import resolve
from pipeline_tui.services.common import checked, found, reject_unknown
from pipeline_tui.services.sequences import activity_done
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import activities as activity_queries
from pipeline_tui.store.queries import targets
from pipeline_tui.store.queries.activities import ActivityDetail
from pipeline_tui.store.queries.clients import all_client_names
from pipeline_tui.store.queries.contacts import full_names
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import activities as activity_writes
from pipeline_tui.store.writes.rows import apply_changes

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Activity

ACTIVITY_FIELDS = (
    "channel",
    "subject",
    "due_on",
    "done_on",
    "outcome",
    "notes",
    "client_id",
    "contact_id",
    "deal_id",
)


def add_activity(store: Store, kind: str, **fields: object) -> Activity:
    """Log a done activity (``done_on``) or plan one (``due_on``).

    The channel defaults from the kind (a call is on the phone); the client is taken from the deal
    or the contact when not given.
    """
    with store.session() as session:
        return add_activity_in(session, kind, **fields)


def add_activity_in(session: Session, kind: str, **fields: object) -> Activity:
    """``add_activity`` inside the caller's transaction (for use-cases that write more)."""
    reject_unknown(fields, ACTIVITY_FIELDS, "activity")
    values = checked(check_activity, kind, fields)
    activity = activity_writes.insert_activity(session, {"kind": kind, **values})
    activity_done(session, activity)  # a reply stops the lead's sequences
    return activity


def complete_activity(
    store: Store, activity_id: int, on: date, outcome: str | None = None
) -> Activity:
    """Mark an activity done on ``on``."""
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        if activity.done_on is not None:
            raise InvalidInput(
                _("the activity was already done on {day}").format(day=activity.done_on)
            )
        clean = checked(clean_text, outcome, _("the outcome"), max_len=300) if outcome else None
        activity = activity_writes.complete_activity(session, activity, on, clean)
        activity_done(session, activity)  # a reply stops the lead's sequences
        return activity


def reschedule_activity(store: Store, activity_id: int, due_on: date) -> Activity:
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        if activity.done_on is not None:
            raise InvalidInput(_("a done activity cannot be rescheduled"))
        return activity_writes.reschedule_activity(session, activity, due_on)


def postpone_activity(store: Store, activity_id: int, days: int = 1) -> Activity:
    """Move an open activity's due date ``days`` later than it is (an overdue one stays
    overdue when that is still in the past: this is "+1 day", not "tomorrow")."""
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        if activity.done_on is not None or activity.due_on is None:
            raise InvalidInput(_("only an open activity with a due date can be postponed"))
        due_on = activity.due_on + timedelta(days=days)
        return activity_writes.reschedule_activity(session, activity, due_on)


def get_activity(store: Store, activity_id: int) -> Activity:
    """The activity as recorded (the model ``add_activity`` returns)."""
    with store.session() as session:
        return activity_writes.load_activity(session, activity_id)


EDITABLE = ("kind", *ACTIVITY_FIELDS)


def update_activity(store: Store, activity_id: int, **changes: object) -> Activity:
    """Change what an activity was or is (kind, channel, subject, dates, outcome, notes, links),
    checked as a new one is (``domain.records.check_activity``). Every change bumps its
    ``revision``: the calendar event's SEQUENCE (``services.transfer.ics``)."""
    with store.session() as session:
        return _update_in(session, activity_id, changes)


def _update_in(session: Session, activity_id: int, changes: dict[str, object]) -> Activity:
    reject_unknown(changes, EDITABLE, "activity")
    activity = activity_writes.load_activity(session, activity_id)
    current = {name: getattr(activity, name) for name in EDITABLE if name != "kind"}
    merged = {**current, **{k: v for k, v in changes.items() if k != "kind"}}
    kind = str(changes.get("kind", activity.kind))
    if "kind" in changes and "channel" not in changes:
        merged.pop("channel")  # the new kind's own channel
    values = checked(check_activity, kind, merged)
    was = (activity.done_on, activity.outcome)
    activity = apply_changes(session, activity, {"kind": kind, **values})
    if (activity.done_on, activity.outcome) != was:
        activity_done(session, activity)  # now done with a reply: the sequences stop
    return activity


def remove_activity(store: Store, activity_id: int) -> None:
    """Delete an activity."""
    with store.session() as session:
        activity_writes.delete_activity(session, activity_id)


# --- the forms: links named as typed ------------------------------------------------------------


@dataclass(frozen=True)
class LinkNames:
    """The names an activity form offers as you type: clients, contacts, deal titles."""

    clients: tuple[str, ...]
    contacts: tuple[str, ...]
    deals: tuple[str, ...]


def _distinct(names: list[str]) -> tuple[str, ...]:
    return tuple(sorted({n for n in names if n}, key=fold))


def link_names(source: ReadSource) -> LinkNames:
    """Every client name, contact full name and deal title, each once, in folded order."""
    with source.read() as q:
        return LinkNames(
            _distinct([name for _, name in all_client_names(q)]),
            _distinct(full_names(q)),
            _distinct([deal.name for deal in targets.deal_targets(q)]),
        )


def activity_detail(source: ReadSource, activity_id: int) -> ActivityDetail:
    """The activity with the names of its client, contact and deal (what its form shows)."""
    with source.read() as q:
        return found(activity_queries.activity_detail(q, activity_id), "activity", activity_id)


def _named_links(
    session: Session, client: str | None, contact: str | None, deal: str | None
) -> dict[str, int | None]:
    """The ids the typed names designate; the client filled from the contact or the deal; a
    contact or a deal of another client refused."""
    q = reader_in(session)
    client_id = resolve.client_in(q, client) if client and client.strip() else None
    contact_id = resolve.contact_in(q, contact) if contact and contact.strip() else None
    deal_id = resolve.deal_in(q, deal) if deal and deal.strip() else None
    owners = activity_writes.link_owners(session, contact_id=contact_id, deal_id=deal_id)
    for what, owner in owners.items():
        if owner is None:
            continue
        if client_id is None:
            client_id = owner
        elif owner != client_id:
            message = (
                _("the contact {name} is not with the client {client}")
                if what == "contact"
                else _("the deal {name} is not with the client {client}")
            )
            named = contact if what == "contact" else deal
            raise InvalidInput(message.format(name=repr(named), client=repr(client)))
    return {"client_id": client_id, "contact_id": contact_id, "deal_id": deal_id}


def log_activity(
    store: Store,
    kind: str,
    *,
    client: str | None = None,
    contact: str | None = None,
    deal: str | None = None,
    **fields: object,
) -> Activity:
    """``add_activity`` with its client, contact and deal named as the user typed them (module
    docstring); everything in one transaction."""
    with store.session() as session:
        links = _named_links(session, client, contact, deal)
        return add_activity_in(session, kind, **fields, **links)


def edit_activity(
    store: Store,
    activity_id: int,
    *,
    client: str | None = None,
    contact: str | None = None,
    deal: str | None = None,
    **changes: object,
) -> Activity:
    """``update_activity`` from the edit form: every field as the form shows it, the links named
    as typed (an empty name unlinks); one transaction."""
    with store.session() as session:
        links = _named_links(session, client, contact, deal)
        return _update_in(session, activity_id, {**changes, **links})


def activity_removal(source: ReadSource, activity_id: int) -> tuple[str, list[str]]:
    """What the confirmation before deleting an activity says: the question and the facts."""
    detail = activity_detail(source, activity_id)
    a = detail.activity
    title = a.subject or label(a.kind)
    facts = []
    if a.done_on is not None:
        facts.append(_("done on {day}").format(day=format_day(a.done_on)))
    elif a.due_on is not None:
        facts.append(_("due on {day}").format(day=format_day(a.due_on)))
    who = ", ".join(n for n in (detail.contact_name, detail.client_name) if n)
    if who:
        facts.append(_("with {names}").format(names=who))
    if detail.deal_title:
        facts.append(_("about the deal {title}").format(title=repr(detail.deal_title)))
    if detail.in_sequence:
        facts.append(_("a step of a sequence: its sequence loses that step"))
    return _("Delete the activity {title}?").format(title=repr(title)), facts
