"""Clients and their contacts: create, read, update; the client a name designates.

A client's status (prospect, active, former) is derived from its missions on the day asked:
``store.queries.clients.clients_with_status``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.records import clean_client, clean_contact
from pipeline_tui.domain.removal import Removal
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.common import checked, found, reject_unknown
from pipeline_tui.services.resolve import find_client_in
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import dependents
from pipeline_tui.store.queries.clients import ClientRecord, ClientStatus
from pipeline_tui.store.queries.contacts import ContactRecord
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import clients as client_writes
from pipeline_tui.store.writes import contacts as contact_writes
from pipeline_tui.store.writes.conflicts import refused_as

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Client, Contact

CLIENT_FIELDS = ("name", "industry", "website", "notes")
CONTACT_FIELDS = (
    "client_id",
    "first_name",
    "last_name",
    "role",
    "email",
    "phone",
    "profile_url",
    "notes",
)


def _new_client(name: str, fields: dict[str, object]) -> dict[str, object]:
    reject_unknown(fields, CLIENT_FIELDS, "client")
    return checked(clean_client, {"name": name, **fields})


def _name_taken(name: object) -> str:
    return _("a client named {name} already exists").format(name=repr(name))


def add_client(store: Store, name: str, **fields: object) -> Client:
    """Create a client (an organisation); names are unique."""
    values = _new_client(name, fields)
    with refused_as(_name_taken(values["name"])), store.session() as session:
        return client_writes.insert_client(session, values)


def add_client_in(session: Session, name: str, **fields: object) -> Client:
    """``add_client`` inside the caller's transaction; a duplicate name raises IntegrityError."""
    return client_writes.insert_client(session, _new_client(name, fields))


def update_client(store: Store, client_id: int, **changes: object) -> Client:
    reject_unknown(changes, CLIENT_FIELDS, "client")
    clean = checked(clean_client, changes)
    with refused_as(_name_taken(clean.get("name"))), store.session() as session:
        return client_writes.change_client(session, client_id, clean)


def get_client(store: Store, client_id: int) -> Client:
    """The client as recorded (the model ``add_client`` and ``update_client`` return)."""
    with store.session() as session:
        return client_writes.load_client(session, client_id)


def find_client(source: ReadSource, name: str) -> ClientRecord:
    """The client with this name (case-insensitive); the error lists close matches."""
    with source.read() as q:
        return find_client_in(q, name)


def list_clients(source: ReadSource, today: date, *, archived: bool = False) -> list[ClientStatus]:
    """Every client with its status on ``today``, by name (the archived ones when
    ``archived``)."""
    with source.read() as q:
        return client_queries.clients_with_status(q, today, archived=archived)


def client_removal(source: ReadSource, client_id: int) -> Removal:
    """What deleting the client takes with it; a client with missions is archived instead."""
    with source.read() as q:
        client = found(client_queries.client_record(q, client_id), "client", client_id)
        counts = dependents.client_dependents(q, client_id)
    return Removal("client", client_id, client.name, counts, archived=counts["mission"] > 0)


def remove_client(store: Store, client_id: int, today: date, *, for_good: bool = False) -> Removal:
    """Archive the client when it has missions (its history stays in the figures), unless
    ``for_good``; else delete it with its contacts, deals, activities… One transaction."""
    removal = client_removal(store, client_id)
    with store.session() as session:
        if removal.archived and not for_good:
            client_writes.archive_client(session, client_id, today)
        else:
            client_writes.delete_client(session, client_id)
    return replace(removal, archived=removal.archived and not for_good)


def restore_client(store: Store, client_id: int) -> Client:
    """Show an archived client in the lists again."""
    with store.session() as session:
        return client_writes.archive_client(session, client_id, None)


_URL_TAKEN = N_("another contact already has this profile URL")


def _new_contact(first_name: str, fields: dict[str, object]) -> dict[str, object]:
    reject_unknown(fields, CONTACT_FIELDS, "contact")
    return checked(clean_contact, {"first_name": first_name, **fields})


def add_contact(store: Store, first_name: str, **fields: object) -> Contact:
    """Create a contact, usually at a client (``client_id``)."""
    values = _new_contact(first_name, fields)
    taken = _("a contact with the profile URL {url} already exists").format(
        url=str(fields.get("profile_url")).strip()
    )
    with refused_as(taken), store.session() as session:
        return contact_writes.insert_contact(session, values)


def add_contact_in(session: Session, first_name: str, **fields: object) -> Contact:
    """``add_contact`` inside the caller's transaction."""
    return contact_writes.insert_contact(session, _new_contact(first_name, fields))


def update_contact(store: Store, contact_id: int, **changes: object) -> Contact:
    reject_unknown(changes, CONTACT_FIELDS, "contact")
    clean = checked(clean_contact, changes)
    with refused_as(_(_URL_TAKEN)), store.session() as session:
        return contact_writes.change_contact(session, contact_id, clean)


def set_do_not_contact(store: Store, contact_id: int, on: date | None) -> Contact:
    """Opt a contact out of prospecting from ``on``; ``None`` lifts the opt-out.

    Opting out stops the contact's running sequences and cancels the outreach planned for them
    (``services.sequences.opt_out_contact``).
    """
    with store.session() as session:
        return _set_opt_out_in(session, contact_id, on)


def _set_opt_out_in(session: Session, contact_id: int, on: date | None) -> Contact:
    """``set_do_not_contact`` inside the caller's transaction."""
    from pipeline_tui.services.sequences import opt_out_contact

    contact = contact_writes.set_opt_out(session, contact_id, on)
    if on is not None:
        opt_out_contact(session, contact_id, on)
    return contact


def edit_contact(
    store: Store,
    contact_id: int,
    changes: dict[str, object],
    *,
    do_not_contact: bool | None = None,
    today: date,
) -> Contact:
    """The contact form's save: its fields and, when the opt-out box changed, the opt-out (dated
    ``today``, as ``set_do_not_contact`` records it), in one transaction: one step to undo."""
    reject_unknown(changes, CONTACT_FIELDS, "contact")
    clean = checked(clean_contact, changes)
    with refused_as(_(_URL_TAKEN)), store.session() as session:
        contact = contact_writes.change_contact(session, contact_id, clean)
        if do_not_contact is not None and do_not_contact != contact.do_not_contact:
            contact = _set_opt_out_in(session, contact_id, today if do_not_contact else None)
        return contact


def contact_names_by_client(source: ReadSource) -> dict[int, list[str]]:
    """Each client's contacts' full names: what ``/`` on the clients screen searches besides the
    client's own name."""
    with source.read() as q:
        return contact_queries.names_by_client(q)


def contact_removal(source: ReadSource, contact_id: int) -> Removal:
    """What deleting the contact leaves unlinked (its deals, activities and surveys stay)."""
    with source.read() as q:
        contact = found(contact_queries.contact_record(q, contact_id), "contact", contact_id)
        kept = dependents.contact_linked(q, contact_id)
    return Removal("contact", contact_id, contact.full_name, kept=kept)


def remove_contact(store: Store, contact_id: int) -> Removal:
    """Delete the contact (what was linked to it stays, unlinked), in one transaction."""
    removal = contact_removal(store, contact_id)
    with store.session() as session:
        contact_writes.delete_contact(session, contact_id)
    return removal


def get_contact(store: Store, contact_id: int) -> Contact:
    """The contact as recorded (the model ``add_contact`` and ``update_contact`` return)."""
    with store.session() as session:
        return contact_writes.load_contact(session, contact_id)


def list_contacts(source: ReadSource, client_id: int | None = None) -> list[ContactRecord]:
    """Every contact (at one client), by last name, first name, then id."""
    with source.read() as q:
        return contact_queries.contacts(q, client_id)
