"""What an import reads to match its rows against the database, and the one change it makes in
place (details filled in on an existing contact); all in the import's transaction.

Each read is one query over a whole table (fast, even for 100 000 activities): the import keeps
the rows in memory to match every line of its file without a query per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from pipeline_tui.store.tables import table


def known_clients(conn: sa.Connection) -> list[tuple[int, str]]:
    """(id, name) of every client, by id."""
    client = table("client")
    query = sa.select(client.c.id, client.c.name).order_by(client.c.id)
    return [(client_id, name) for client_id, name in conn.execute(query)]


@dataclass(slots=True)
class KnownContact:
    """A contact as an import matches it: who, whether opted out, and the details it can still
    be given (the import fills them in as it goes)."""

    id: int
    client_id: int | None
    email: str | None
    profile_url: str | None
    role: str | None
    phone: str | None
    opted_out: bool
    full_name: str


def known_contacts(conn: sa.Connection) -> list[KnownContact]:
    """Every contact, by id."""
    contact = table("contact")
    query = sa.select(
        contact.c.id,
        contact.c.client_id,
        contact.c.email,
        contact.c.profile_url,
        contact.c.role,
        contact.c.phone,
        contact.c.do_not_contact,
        contact.c.first_name,
        contact.c.last_name,
    ).order_by(contact.c.id)
    return [
        KnownContact(
            row.id,
            row.client_id,
            row.email,
            row.profile_url,
            row.role,
            row.phone,
            bool(row.do_not_contact),
            f"{row.first_name} {row.last_name}".strip(),
        )
        for row in conn.execute(query)
    ]


def known_deals(conn: sa.Connection) -> list[tuple[int, int, str, int | None]]:
    """(id, client id, title, contact id) of every deal."""
    deal = table("deal")
    query = sa.select(deal.c.id, deal.c.client_id, deal.c.title, deal.c.contact_id)
    return [(row.id, row.client_id, row.title, row.contact_id) for row in conn.execute(query)]


ActivityKey = tuple[str, str, date | None, date | None, int | None, int | None, int | None]
"""What tells an activity from another: kind, subject, due and done dates, client, contact, deal."""


def known_activity_keys(conn: sa.Connection) -> set[ActivityKey]:
    """The key of every activity."""
    a = table("activity")
    query = sa.select(
        a.c.kind, a.c.subject, a.c.due_on, a.c.done_on, a.c.client_id, a.c.contact_id, a.c.deal_id
    )
    return {tuple(row) for row in conn.execute(query)}  # type: ignore[misc]


def fill_in_contact(conn: sa.Connection, contact_id: int, changes: dict[str, object]) -> None:
    """Write the details an import filled in on an existing contact."""
    contact = table("contact")
    conn.execute(contact.update().where(contact.c.id == contact_id).values(**changes))
