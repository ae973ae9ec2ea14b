"""Contacts: the people at the clients, as lists and details show them and as the quick-add line
matches them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """A contact as recorded (``do_not_contact``: opted out of prospecting, from
    ``do_not_contact_on`` when dated)."""

    id: int
    client_id: int | None
    first_name: str
    last_name: str
    role: str | None
    email: str | None
    phone: str | None
    profile_url: str | None
    do_not_contact: bool
    do_not_contact_on: date | None
    notes: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


_RECORD = """
    SELECT c.id, c.client_id, c.first_name, c.last_name, c.role, c.email, c.phone,
           c.profile_url, c.do_not_contact, c.do_not_contact_on, c.notes
    FROM contact c"""


def _records(q: Reader, sql: str, params: dict[str, object] | None = None) -> list[ContactRecord]:
    return [
        ContactRecord(*head, bool(opted_out), day(opted_out_on), notes)
        for (*head, opted_out, opted_out_on, notes) in q.rows(sql, params)
    ]


def contacts(q: Reader, client_id: int | None = None) -> list[ContactRecord]:
    """Every contact (at one client), by last name, first name, then id."""
    where = "" if client_id is None else " WHERE c.client_id = :client_id"
    return _records(
        q,
        f"{_RECORD}{where} ORDER BY c.last_name, c.first_name, c.id",
        {"client_id": client_id},
    )


def client_contacts(q: Reader, client_id: int) -> list[ContactRecord]:
    """A client's contacts as its detail lists them: by last name, then in the order added."""
    return _records(
        q,
        f"{_RECORD} WHERE c.client_id = :client_id ORDER BY c.last_name, c.id",
        {"client_id": client_id},
    )


def contacts_at(q: Reader, client_id: int, *, reachable: bool = False) -> list[ContactRecord]:
    """A client's contacts (only those who did not opt out, when ``reachable``), in the order
    added."""
    sql = f"{_RECORD} WHERE c.client_id = :client_id"
    if reachable:
        sql += " AND c.do_not_contact = :no"
    return _records(q, f"{sql} ORDER BY c.id", {"client_id": client_id, "no": False})


def contact_record(q: Reader, contact_id: int) -> ContactRecord | None:
    """The contact ``contact_id``, or None."""
    found = _records(q, f"{_RECORD} WHERE c.id = :id", {"id": contact_id})
    return found[0] if found else None


def contacts_with_email(q: Reader, lowered: str) -> list[ContactRecord]:
    """The contacts whose ``lower(email)`` is ``lowered`` (lowered by the caller), oldest first."""
    return _records(q, f"{_RECORD} WHERE lower(c.email) = :email ORDER BY c.id", {"email": lowered})


def full_names(q: Reader) -> list[str]:
    """Every contact's full name (first and last name), by id."""
    return [
        f"{first} {last}".strip()
        for first, last in q.rows("SELECT first_name, last_name FROM contact ORDER BY id")
    ]


def names_by_client(q: Reader) -> dict[int, list[str]]:
    """The full names of each client's contacts (contacts at no client left out)."""
    names: dict[int, list[str]] = {}
    for client_id, first, last in q.rows(
        "SELECT client_id, first_name, last_name FROM contact"
        " WHERE client_id IS NOT NULL ORDER BY client_id, id"
    ):
        names.setdefault(client_id, []).append(f"{first} {last}".strip())
    return names
