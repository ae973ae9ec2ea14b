"""Clients and their contacts: create, read, update; the derived client status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlmodel import Session, col, func, select

from pipeline_tui.domain.validate import clean_email, clean_text
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked, not_found_with_hints
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Contact, Mission
from pipeline_tui.store.writes.rows import get_or_fail

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


def _clean_client(values: dict[str, object]) -> dict[str, object]:
    out = dict(values)
    if "name" in out:
        out["name"] = checked(clean_text, out["name"], "the client name", required=True)
    for key in ("industry", "website"):
        if key in out:
            out[key] = checked(clean_text, out[key], key, max_len=300) or None
    return out


def add_client(store: Store, name: str, **fields: object) -> Client:
    """Create a client (an organisation); names are unique."""
    try:
        with store.session() as session:
            return add_client_in(session, name, **fields)
    except sa_exc.IntegrityError as exc:
        clean = _clean_client({"name": name})["name"]
        raise InvalidInput(f"a client named {clean!r} already exists") from exc


def add_client_in(session: Session, name: str, **fields: object) -> Client:
    """``add_client`` inside the caller's transaction; a duplicate name raises IntegrityError."""
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    client = Client(**_clean_client({"name": name, **fields}))
    session.add(client)
    session.flush()
    return client


def update_client(store: Store, client_id: int, **changes: object) -> Client:
    unknown = set(changes) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown client fields: {sorted(unknown)}")
    clean = _clean_client(changes)
    try:
        with store.session() as session:
            client = get_or_fail(session, Client, client_id, "client")
            for key, value in clean.items():
                setattr(client, key, value)
            session.add(client)
    except sa_exc.IntegrityError as exc:
        raise InvalidInput(f"a client named {clean.get('name')!r} already exists") from exc
    return client


def get_client(store: Store, client_id: int) -> Client:
    with store.session() as session:
        return get_or_fail(session, Client, client_id, "client")


def find_client(store: Store, name: str) -> Client:
    """The client with this name (case-insensitive); the error lists close matches."""
    with store.session() as session:
        found = session.exec(
            select(Client).where(func.lower(Client.name) == name.strip().lower())
        ).first()
        if found is not None:
            return found
        names = list(session.exec(select(Client.name)))
    raise not_found_with_hints("client", name, names)


@dataclass(frozen=True)
class ClientRow:
    client: Client
    status: str  # prospect | active | former


def client_status_expr(today: date):
    """SQL for the derived status: active with a running mission, former with ended ones."""
    running = (
        select(Mission.id)
        .where(
            Mission.client_id == Client.id,
            Mission.start_on <= today,
            sa.or_(col(Mission.actual_end_on).is_(None), col(Mission.actual_end_on) >= today),
        )
        .exists()
    )
    any_mission = select(Mission.id).where(Mission.client_id == Client.id).exists()
    return sa.case((running, "active"), (any_mission, "former"), else_="prospect")


def list_clients(store: Store, today: date) -> list[ClientRow]:
    """Every client with its status on ``today``, by name."""
    status = client_status_expr(today).label("status")
    with store.session() as session:
        rows = session.exec(select(Client, status).order_by(func.lower(Client.name))).all()
    return [ClientRow(client, state) for client, state in rows]


def _clean_contact(values: dict[str, object]) -> dict[str, object]:
    out = dict(values)
    if "first_name" in out:
        out["first_name"] = checked(
            clean_text, out["first_name"], "the first name", required=True, max_len=100
        )
    if "last_name" in out:
        out["last_name"] = checked(clean_text, out["last_name"], "the last name", max_len=100)
    if "email" in out:
        out["email"] = checked(clean_email, out["email"])
    for key in ("role", "phone", "profile_url"):
        if key in out:
            out[key] = checked(clean_text, out[key], key.replace("_", " "), max_len=500) or None
    return out


def add_contact(store: Store, first_name: str, **fields: object) -> Contact:
    """Create a contact, usually at a client (``client_id``)."""
    try:
        with store.session() as session:
            return add_contact_in(session, first_name, **fields)
    except sa_exc.IntegrityError as exc:
        raise InvalidInput(
            f"a contact with the profile URL {str(fields.get('profile_url')).strip()} "
            "already exists"
        ) from exc


def add_contact_in(session: Session, first_name: str, **fields: object) -> Contact:
    """``add_contact`` inside the caller's transaction."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    contact = Contact(**_clean_contact({"first_name": first_name, **fields}))
    if contact.client_id is not None:
        get_or_fail(session, Client, contact.client_id, "client")
    session.add(contact)
    session.flush()
    return contact


def update_contact(store: Store, contact_id: int, **changes: object) -> Contact:
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    clean = _clean_contact(changes)
    try:
        with store.session() as session:
            contact = get_or_fail(session, Contact, contact_id, "contact")
            for key, value in clean.items():
                setattr(contact, key, value)
            session.add(contact)
    except sa_exc.IntegrityError as exc:
        raise InvalidInput("another contact already has this profile URL") from exc
    return contact


def set_do_not_contact(store: Store, contact_id: int, on: date | None) -> Contact:
    """Opt a contact out of prospecting from ``on``; ``None`` lifts the opt-out.

    Opting out stops the contact's running sequences and cancels the outreach planned for them
    (``services.sequences.opt_out_contact``).
    """
    from pipeline_tui.services.sequences import opt_out_contact

    with store.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "contact")
        contact.do_not_contact = on is not None
        contact.do_not_contact_on = on
        session.add(contact)
        if on is not None:
            opt_out_contact(session, contact_id, on)
    return contact


def get_contact(store: Store, contact_id: int) -> Contact:
    with store.session() as session:
        return get_or_fail(session, Contact, contact_id, "contact")


def list_contacts(store: Store, client_id: int | None = None) -> list[Contact]:
    query = select(Contact).order_by(Contact.last_name, Contact.first_name, Contact.id)
    if client_id is not None:
        query = query.where(Contact.client_id == client_id)
    with store.session() as session:
        return list(session.exec(query))
