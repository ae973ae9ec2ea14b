"""Adding a lead typed on the quick-add line: client, contact, deal and first follow-up, at once.

``add_lead`` writes everything in one transaction; ``lead_preview`` says beforehand, with the same
matching rules, which client and contact already exist. A client is matched by name (case- and
accent-insensitively); a contact by email anywhere, else by name at that client.

A day rate typed without days a month takes the ``default_days_per_month`` setting, read in the
same transaction. ``@renewal`` (or ``renewal_of``: a mission's id or title, the CLI's
``--renewal-of``) makes the deal the renewal of one of the client's missions, chosen by
``domain.renewal``; when there is none to renew the preview says so in one line and saving
refuses (InvalidInput), writing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.lead_draft import LeadDraft, default_title, describe, name_from_email
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.quickadd_words import fold
from pipeline_tui.domain.renewal import mission_named, mission_to_renew
from pipeline_tui.domain.vocabulary import KIND_CHANNEL
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _, english, said_twice
from pipeline_tui.services.activities import add_activity_in
from pipeline_tui.services.clients import add_client_in, add_contact_in
from pipeline_tui.services.deals import add_deal_in
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.queries.contacts import ContactRecord
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.reader import Reader, ReadSource
from pipeline_tui.store.writes import clients as client_writes
from pipeline_tui.store.writes import contacts as contact_writes
from pipeline_tui.store.writes.conflicts import Conflict, conflicts

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Activity, Client, Contact, Deal

# A follow-up goes out on the lead's channel when it is one you can write on; otherwise by email.
FOLLOW_UP_CHANNELS = ("emailing", "phone", "social")


@dataclass(frozen=True)
class AddedLead:
    """What ``add_lead`` wrote: each row, and whether it was created or already there."""

    client: Client
    client_created: bool
    contact: Contact | None
    contact_created: bool
    deal: Deal
    follow_up: Activity | None  # None: no date given, or the contact opted out
    warnings: tuple[str, ...] = ()
    renews: str | None = None  # the title of the mission the deal renews

    def as_json(self) -> dict[str, object]:
        return {
            "client_id": self.client.id,
            "client_created": self.client_created,
            "contact_id": self.contact.id if self.contact else None,
            "contact_created": self.contact_created,
            "deal_id": self.deal.id,
            "follow_up_id": self.follow_up.id if self.follow_up else None,
            "follow_up_on": self.follow_up.due_on.isoformat() if self.follow_up else None,
            "renewal_of_mission_id": self.deal.renewal_of_mission_id,
            "warnings": [english(w) for w in self.warnings],
        }


@dataclass(frozen=True)
class LeadPreview:
    """What saving a draft would reuse: ``str()`` is a one-line summary for the quick-add bar."""

    client_id: int | None  # the existing client, or None: it will be created
    client_name: str  # as stored when it exists, else as typed
    contact_id: int | None  # the existing contact, or None: created (when there is one)
    contact_name: str | None  # None: the lead has no contact
    contact_opted_out: bool
    currency: str
    lines: tuple[str, ...]  # ``describe`` with "(existing client)"… marks, then the warnings
    warnings: tuple[str, ...] = ()
    monthly_value_cents: int | None = None  # with the default days a month of the settings
    renews_mission_id: int | None = None  # the mission the deal renews (@renewal, renewal_of)
    renewal_error: str | None = None  # why the renewal asked for cannot be: nothing is saved

    @property
    def client_status(self) -> str:
        return _("existing client") if self.client_id is not None else _("new client")

    @property
    def contact_status(self) -> str | None:
        if self.contact_name is None:
            return None
        return _("existing contact") if self.contact_id is not None else _("new contact")

    def __str__(self) -> str:
        parts = [_("{name}: {status}").format(name=self.client_name, status=self.client_status)]
        if self.contact_name is not None:
            parts.append(
                _("{name}: {status}").format(name=self.contact_name, status=self.contact_status)
            )
        return " · ".join(parts) + "".join(f"\n⚠ {w}" for w in self.warnings)


@dataclass
class _Match:
    client: ClientRecord | None = None
    contact: ContactRecord | None = None
    notes: list[str] = field(default_factory=list)  # warnings about the match


@dataclass(frozen=True)
class _Renewal:
    """The mission the deal renews, with the preview's words; or why there is none."""

    mission: MissionRecord | None = None
    words: str | None = None  # the preview's "Renewal: …" text
    error: str | None = None  # nothing can be saved


def _renewal(
    q: Reader, draft: LeadDraft, client: ClientRecord | None, today: date, renewal_of: str | None
) -> _Renewal:
    """Which mission ``@renewal`` or ``renewal_of`` names (read-only; none asked: empty)."""
    if not draft.renewal and renewal_of is None:
        return _Renewal()
    name = client.name if client else draft.company
    found = mission_queries.client_missions(q, client.id) if client else []
    if renewal_of is not None:
        try:
            mission = mission_named(found, renewal_of, name)
        except ValueError as exc:
            return _Renewal(error=str(exc))
        return _Renewal(
            mission, _("renews {mission} (#{id})").format(mission=mission.title, id=mission.id)
        )
    mission, running = mission_to_renew(found, today)
    if mission is None:
        why = (
            _("@renewal: {client} is a new client to renew; nothing is saved")
            if client is None
            else _("@renewal: {client} has no running mission to renew; nothing is saved")
        )
        return _Renewal(error=why.format(client=name))
    if mission.planned_end_on:
        words = _("renews {mission} (ends {day})").format(
            mission=mission.title, day=format_day(mission.planned_end_on)
        )
    else:
        words = _("renews {mission} (open-ended)").format(mission=mission.title)
    if running > 1:
        words += _("; of {count} running missions, the one ending first").format(count=running)
    return _Renewal(mission, words)


def _find_client(q: Reader, name: str) -> ClientRecord | None:
    found = client_queries.client_named(q, name.lower())
    if found is not None:
        return found
    # SQLite's lower() folds ASCII only ("École"); compare folded names in Python, and only
    # take an accent-insensitive match when it is unambiguous.
    wanted = fold(name)
    rows = client_queries.all_client_names(q)
    exact = [cid for cid, other in rows if other.casefold() == name.casefold()]
    loose = [cid for cid, other in rows if fold(other) == wanted]
    ids = exact or loose
    return client_queries.client_record(q, ids[0]) if len(ids) == 1 else None


def _same_name(contact: ContactRecord, first: str, last: str) -> bool:
    return fold(contact.first_name) == fold(first) and fold(contact.last_name) == fold(last)


def _match(q: Reader, draft: LeadDraft) -> _Match:
    """The existing client and contact the draft refers to (read-only)."""
    match = _Match(client=_find_client(q, draft.company))
    client_id = match.client.id if match.client else None
    if draft.email is not None:
        by_email = contact_queries.contacts_with_email(q, draft.email.lower())
        # The one at this client if there are several, else the oldest.
        here = [c for c in by_email if c.client_id is not None and c.client_id == client_id]
        contact = here[0] if here else (by_email[0] if by_email else None)
        if contact is not None:
            match.contact = contact
            if contact.client_id not in (None, client_id):
                other = client_queries.client_names(q, [contact.client_id]).get(contact.client_id)
                note = (
                    said_twice(
                        "{email} is {name}'s address at {client}; the deal is linked to them",
                        email=draft.email,
                        name=contact.full_name,
                        client=other,
                    )
                    if other
                    else said_twice(
                        "{email} is {name}'s address at another client; the deal is linked to them",
                        email=draft.email,
                        name=contact.full_name,
                    )
                )
                match.notes.append(note)
            return match
    if draft.first_name is not None and client_id is not None:
        same = [
            c
            for c in contact_queries.contacts_at(q, client_id)
            if _same_name(c, draft.first_name, draft.last_name)
        ]
        usable = [c for c in same if draft.email is None or c.email is None]
        if usable:
            match.contact = usable[0]
        elif same:
            match.notes.append(
                said_twice(
                    "{name} at {client} has another address ({email}); a new contact is created",
                    name=same[0].full_name,
                    client=draft.company,
                    email=same[0].email,
                )
            )
    return match


def _contact_name(draft: LeadDraft) -> tuple[str, str] | None:
    if draft.first_name is not None:
        return draft.first_name, draft.last_name
    if draft.email is not None:
        return name_from_email(draft.email)
    return None


def _opt_out_warning(contact: Contact | ContactRecord) -> str:
    since = contact.do_not_contact_on
    if since:
        return said_twice(
            "{name} opted out of prospecting on {day}: no follow-up is scheduled",
            name=contact.full_name,
            day=lambda: format_day(since),
        )
    return said_twice(
        "{name} opted out of prospecting: no follow-up is scheduled", name=contact.full_name
    )


def lead_preview(
    source: ReadSource,
    draft: LeadDraft,
    today: date | None = None,
    *,
    renewal_of: str | None = None,
) -> LeadPreview:
    """Which client and contact of ``draft`` already exist, with the preview lines to show
    (one read: the same matching as ``add_lead``'s, which runs it in its own transaction).
    ``today`` (default: the system date) decides which mission is running for ``@renewal``."""
    with source.read() as q:
        match = _match(q, draft)
        settings = read_settings(q)
        renewal = _renewal(q, draft, match.client, today or date.today(), renewal_of)
    currency = settings.currency
    draft = draft.with_default_days(settings.default_days_per_month)
    warnings = list(match.notes)
    name = _contact_name(draft)
    contact_name = None
    if match.contact is not None:
        contact_name = match.contact.full_name
        if match.contact.do_not_contact:
            warnings.append(_opt_out_warning(match.contact))
    elif name is not None:
        contact_name = f"{name[0]} {name[1]}".strip()
    preview = LeadPreview(
        client_id=match.client.id if match.client else None,
        client_name=match.client.name if match.client else draft.company,
        contact_id=match.contact.id if match.contact else None,
        contact_name=contact_name,
        contact_opted_out=bool(match.contact and match.contact.do_not_contact),
        currency=currency,
        lines=(),
        warnings=tuple(warnings),
        monthly_value_cents=draft.monthly_value_cents,
        renews_mission_id=renewal.mission.id if renewal.mission else None,
        renewal_error=renewal.error,
    )
    # Show the names as they will be saved: the existing client's spelling, and its title.
    shown = draft
    if match.client is not None and match.client.name != draft.company:
        shown = replace(draft, company=match.client.name)
    if renewal.error is not None:  # the one ✗ line below says why, not "renews …"
        shown = replace(shown, renewal=False)
    lines = describe(
        shown,
        currency,
        client_status=preview.client_status,
        contact_status=preview.contact_status,
        renews=renewal.words,
    )
    refused = (f"✗ {renewal.error}",) if renewal.error else ()
    return replace(preview, lines=(*lines, *refused, *(f"⚠ {w}" for w in warnings)))


def add_lead(
    store: Store, draft: LeadDraft, today: date, *, renewal_of: str | None = None
) -> AddedLead:
    """Save ``draft`` in one transaction: the client and the contact (found or created), the deal
    at the draft's stage with its first history row (the renewal of the mission ``@renewal`` or
    ``renewal_of`` names), and the next follow-up — unless the contact opted out of prospecting,
    which is then a warning. InvalidInput, with nothing written, when the renewal asked for has
    no mission to renew.
    """
    try:
        with conflicts(), store.session() as session:
            return _add_lead_in(session, draft, today, renewal_of)
    except Conflict as exc:
        # Another program added the same client between our look-up and our write.
        raise InvalidInput(
            _("could not add the lead ({reason}); try again").format(reason=exc.reason)
        ) from exc


def _add_lead_in(
    session: Session, draft: LeadDraft, today: date, renewal_of: str | None
) -> AddedLead:
    q = reader_in(session)  # in this transaction: what the writes see
    match = _match(q, draft)
    renewal = _renewal(q, draft, match.client, today, renewal_of)
    if renewal.error is not None:
        raise InvalidInput(renewal.error)
    draft = draft.with_default_days(read_settings(q).default_days_per_month)
    warnings = list(match.notes)
    client_created = match.client is None
    if match.client is None:
        client = add_client_in(session, draft.company)
    else:
        client = client_writes.load_client(session, match.client.id)
    contact: Contact | None = None
    contact_created = False
    if match.contact is not None:
        # A contact found keeps what it has; it gets the client and the address it lacked.
        changes: dict[str, object] = {}
        if match.contact.client_id is None:
            changes["client_id"] = client.id
        if draft.email is not None and match.contact.email is None:
            changes["email"] = draft.email
        contact = contact_writes.change_contact(session, match.contact.id, changes)
    else:
        name = _contact_name(draft)
        if name is not None:
            contact = add_contact_in(
                session, name[0], last_name=name[1], email=draft.email, client_id=client.id
            )
            contact_created = True
    deal = add_deal_in(
        session,
        client.id,
        draft.title or default_title(client.name, contact.full_name if contact else None),
        on=today,
        stage=draft.stage,
        contact_id=contact.id if contact else None,
        monthly_value_cents=draft.monthly_value_cents or 0,
        duration_months=draft.duration_months,
        channel=draft.channel or "other",
        notes=draft.note,
        renewal_of_mission_id=renewal.mission.id if renewal.mission else None,
    )
    session.flush()
    follow_up = None
    if draft.next_on is None:
        warnings.append(said_twice("no follow-up date given (next:DATE): nothing is scheduled"))
    elif contact is not None and contact.do_not_contact:
        warnings.append(_opt_out_warning(contact))
    else:
        who = contact.full_name if contact else client.name
        channel = draft.channel if draft.channel in FOLLOW_UP_CHANNELS else None
        follow_up = add_activity_in(
            session,
            "follow_up",
            channel=channel or KIND_CHANNEL["follow_up"],
            subject=_("Follow up with {name} ({client})").format(name=who, client=client.name)
            if contact
            else _("Follow up with {name}").format(name=who),
            due_on=draft.next_on,
            client_id=client.id,
            contact_id=contact.id if contact else None,
            deal_id=deal.id,
        )
        session.flush()
    return AddedLead(
        client=client,
        client_created=client_created,
        contact=contact,
        contact_created=contact_created,
        deal=deal,
        follow_up=follow_up,
        warnings=tuple(warnings),
        renews=renewal.mission.title if renewal.mission else None,
    )


def describe_added(added: AddedLead) -> str:
    """One line saying what was saved: ``Deal #12 "Decathlon — Karim Benali"; new client
    Decathlon…``."""
    deal, title = added.deal.id, added.deal.title
    if added.renews is None:
        parts = [_('Deal #{id} "{title}"').format(id=deal, title=title)]
    else:
        parts = [
            _('Deal #{id} "{title}" (renews {mission})').format(
                id=deal, title=title, mission=added.renews
            )
        ]
    client = _("new client {name}") if added.client_created else _("client {name}")
    parts.append(client.format(name=added.client.name))
    if added.contact is not None:
        contact = _("new contact {name}") if added.contact_created else _("contact {name}")
        parts.append(contact.format(name=added.contact.full_name))
    if added.follow_up is not None and added.follow_up.due_on is not None:
        parts.append(_("follow-up on {day}").format(day=format_day(added.follow_up.due_on)))
    return "; ".join(parts)


def known_names(source: ReadSource) -> list[str]:
    """Client names and contact full names, for Tab completion on the quick-add line."""
    with source.read() as q:
        clients = [name for _, name in client_queries.all_client_names(q)]
        people = contact_queries.full_names(q)
    names = {*clients, *people}
    return sorted((n for n in names if n), key=fold)
