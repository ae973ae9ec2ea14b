"""Erasing a contact's personal data: their row emptied, and the texts naming them cleaned.

Every function works inside the caller's ``store.dialect.erasing_for_good`` transaction (a core
connection, so that the changed values leave no copy behind); what counts as naming the person is
the caller's to say (the ``clean`` function each one applies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from pipeline_tui.store.queries.transfer import ContactMatch, contacts_with_id
from pipeline_tui.store.reader import EngineReader
from pipeline_tui.store.tables import model_tables, python_type, table

Clean = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class PersonalData:
    """What a contact's row says about the person (what an erasure looks for elsewhere)."""

    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    profile_url: str | None
    do_not_contact_on: date | None


def contact_to_erase(
    conn: sa.Connection, contact_id: int
) -> tuple[ContactMatch, PersonalData] | None:
    """The contact as the user knows it, and its personal data; None when there is no such
    contact."""
    found = contacts_with_id(EngineReader(conn), contact_id)
    if not found:
        return None
    contact = table("contact")
    person = conn.execute(sa.select(contact).where(contact.c.id == contact_id)).one()
    data = PersonalData(
        person.first_name,
        person.last_name,
        person.email,
        person.phone,
        person.profile_url,
        person.do_not_contact_on,
    )
    return found[0], data


def empty_contact(conn: sa.Connection, contact_id: int, *, name: str, opted_out_on: date) -> None:
    """The contact's row without anything personal: named ``name``, opted out since
    ``opted_out_on``."""
    contact = table("contact")
    conn.execute(
        contact.update()
        .where(contact.c.id == contact_id)
        .values(
            first_name=name,
            last_name="",
            role=None,
            email=None,
            phone=None,
            profile_url=None,
            notes=None,
            do_not_contact=True,
            do_not_contact_on=opted_out_on,
        )
    )


def clean_activity_texts(
    conn: sa.Connection, contact_id: int, column_name: str, clean: Clean, cleaned: dict[str, int]
) -> None:
    """``clean`` the text column ``column_name`` of the contact's own activities; ``cleaned``
    counts the rows changed per table."""
    activity = table("activity")
    where = activity.c.contact_id == contact_id
    _clean_column(conn, activity, activity.c[column_name], where, clean, cleaned)


def clean_texts_containing(
    conn: sa.Connection,
    needles: list[str],
    clean: Clean,
    cleaned: dict[str, int],
    *,
    sparing_contact: int,
) -> None:
    """``clean`` every free-text column of every table (the contact ``sparing_contact``'s row
    left out) in the rows that contain one of ``needles`` (ignoring case)."""
    for t in model_tables():
        if "id" not in t.c:
            continue
        for column in _text_columns(t):
            where = _like_any(column, needles)
            if t.name == "contact":
                where = sa.and_(where, t.c.id != sparing_contact)
            _clean_column(conn, t, column, where, clean, cleaned)


def _like_any(column: sa.Column, needles: list[str]) -> sa.ColumnElement[bool]:
    # LIKE is case-insensitive for ASCII on SQLite only; lower() on both sides covers PostgreSQL.
    # Python does the exact (case-insensitive) replacement on the rows this finds.
    return sa.or_(
        *(column.contains(n, autoescape=True) for n in needles),
        *(sa.func.lower(column).contains(n.lower(), autoescape=True) for n in needles),
    )


def _clean_column(
    conn: sa.Connection,
    t: sa.Table,
    column: sa.Column,
    where: sa.ColumnElement[bool],
    clean: Clean,
    cleaned: dict[str, int],
) -> None:
    key = t.c.id
    rows = conn.execute(sa.select(key, column).where(where)).all()
    limit = getattr(column.type, "length", None)
    for row_id, text in rows:
        if text is None:
            continue
        new = clean(text)
        if limit:
            new = new[:limit]
        if new != text:
            conn.execute(t.update().where(key == row_id).values({column.name: new}))
            cleaned[t.name] = cleaned.get(t.name, 0) + 1


def _text_columns(t: sa.Table) -> list[sa.Column]:
    """The free-text columns: text, neither a key nor unique (a client's name stays)."""
    return [
        c
        for c in t.columns
        if python_type(c) is str and not c.primary_key and not c.unique and not c.foreign_keys
    ]


def stop_sequences(conn: sa.Connection, contact_id: int, *, on: date) -> int:
    """What an opt-out does to the sequences, on the erasure's connection: the contact's running
    enrollments stop (reason ``opt_out``, never before their start) and their open steps are
    deleted; how many steps were."""
    enrollment, activity = table("sequence_enrollment"), table("activity")
    running = list(
        conn.execute(
            sa.select(enrollment.c.id, enrollment.c.started_on).where(
                enrollment.c.contact_id == contact_id, enrollment.c.stopped_on.is_(None)
            )
        )
    )
    if not running:
        return 0
    for enrollment_id, started_on in running:
        conn.execute(
            enrollment.update()
            .where(enrollment.c.id == enrollment_id)
            .values(stopped_on=max(on, started_on), stop_reason="opt_out")
        )
    result = conn.execute(
        activity.delete().where(
            activity.c.done_on.is_(None),
            activity.c.enrollment_id.in_([row[0] for row in running]),
        )
    )
    return result.rowcount or 0
