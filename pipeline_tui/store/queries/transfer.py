"""What getting data out reads: the calendar's due activities, and the contacts a name, an email
or an id points to (before erasing one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.reader import Reader


@dataclass(frozen=True, slots=True)
class DueActivity:
    """An open activity with a due date, as a calendar event shows it."""

    id: int
    kind: str
    channel: str
    subject: str
    due_on: date
    client: str | None
    contact: str | None
    deal: str | None
    revision: int = 0  # how many times the activity changed (the event's SEQUENCE)


def due_activities(q: Reader, until: date | None = None) -> list[DueActivity]:
    """Every open activity with a due date (overdue ones included), up to ``until`` when given,
    by due date then id."""
    window = "" if until is None else "AND a.due_on <= :until"
    rows = q.rows(
        f"""SELECT a.id, a.kind, a.channel, a.subject, a.due_on, cl.name,
                  trim(co.first_name || ' ' || co.last_name), d.title, a.revision
           FROM activity a
           LEFT OUTER JOIN client cl ON cl.id = a.client_id
           LEFT OUTER JOIN contact co ON co.id = a.contact_id
           LEFT OUTER JOIN deal d ON d.id = a.deal_id
           WHERE a.done_on IS NULL AND a.due_on IS NOT NULL
             {window}
           ORDER BY a.due_on, a.id""",
        {} if until is None else {"until": until},
    )
    to_day = q.day
    return [
        DueActivity(id, kind, channel, subject, to_day(due), client, contact, deal, revision)
        for id, kind, channel, subject, due, client, contact, deal, revision in rows
    ]


@dataclass(frozen=True, slots=True)
class ContactMatch:
    """A contact as the user can recognise it in a list of candidates."""

    id: int
    name: str
    email: str | None
    client: str | None

    def __str__(self) -> str:
        parts = [f"#{self.id} {self.name}"]
        if self.email:
            parts.append(f"<{self.email}>")
        if self.client:
            parts.append(f"({self.client})")
        return " ".join(parts)


_MATCHES = """SELECT co.id, co.first_name, co.last_name, co.email, cl.name
              FROM contact co LEFT OUTER JOIN client cl ON cl.id = co.client_id"""


def _matches(q: Reader, where: str, value: object) -> list[ContactMatch]:
    rows = q.rows(f"{_MATCHES} WHERE {where} ORDER BY co.id", {"value": value})
    return [
        ContactMatch(id, f"{first} {last}".strip(), email, client)
        for id, first, last, email, client in rows
    ]


def contacts_with_id(q: Reader, contact_id: int) -> list[ContactMatch]:
    """The contact ``contact_id`` (none or one)."""
    return _matches(q, "co.id = :value", contact_id)


def contacts_with_email(q: Reader, email: str) -> list[ContactMatch]:
    """The contacts whose email is ``email`` (lower case: SQL's ``lower`` compares)."""
    return _matches(q, "lower(co.email) = :value", email)


def contacts_named(q: Reader, name: str) -> list[ContactMatch]:
    """The contacts whose full name is ``name`` (lower case, as SQL's ``lower`` writes it)."""
    return _matches(q, "trim(lower(co.first_name || ' ' || co.last_name)) = :value", name)


def contact_names(q: Reader) -> list[str]:
    """Every contact's full name."""
    rows = q.rows("SELECT first_name, last_name FROM contact")
    return [f"{first} {last}".strip() for first, last in rows]
