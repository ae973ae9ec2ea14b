"""What imported rows are matched against: the clients, contacts, deals and activities already in
the database, plus the ones created earlier in the same import.

- a company is the existing client whose name has the same ``company_key`` (case, accents,
  punctuation and legal form ignored), else a new client named as the file writes it;
- a person is the existing contact with the same profile URL (``profile_key``), else the same
  email address (case-insensitive), else a new contact; an existing contact only gets the details
  it lacks (email, profile URL, role, phone, company), never overwritten ones;
- a deal is the one with the same title at the same client; an activity is the one with the same
  kind, subject, dates and links.

Loaded once per import (a few queries over the whole tables: fast, even for 100k activities).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pipeline_tui.domain.companies import company_key, profile_key
from pipeline_tui.i18n import _
from pipeline_tui.services.common import NONE_NAMED
from pipeline_tui.store.bulk import BulkWriter
from pipeline_tui.store.imports import (
    ActivityKey,
    KnownContact,
    fill_in_contact,
    known_activity_keys,
    known_clients,
    known_contacts,
    known_deals,
)
from pipeline_tui.store.tables import Connection


class Rejected(Exception):
    """A row that cannot be imported; the message says why (it goes into the report)."""


@dataclass
class ContactIn:
    """A person as read from a file (already checked)."""

    first_name: str
    last_name: str = ""
    company: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    notes: str | None = None
    opted_out_on: date | None = None


class Directory:
    def __init__(self, conn: Connection, writer: BulkWriter, now: datetime) -> None:
        self.conn = conn
        self.writer = writer
        self.now = now
        self.updated = 0
        self.clients: dict[str, int] = {}
        for client_id, name in known_clients(conn):
            self.clients.setdefault(company_key(name), client_id)
        self.contacts: dict[int, KnownContact] = {}
        self.by_profile: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        for known in known_contacts(conn):
            self._remember(known)
        self._deals: dict[tuple[int, str], list[tuple[int, int | None]]] | None = None
        self._deals_by_title: dict[str, list[tuple[int, int, int | None]]] = {}
        self._activities: set[ActivityKey] | None = None

    # - clients

    def client_for(self, name: str) -> int:
        """The id (or placeholder) of the client this company name means, created if new."""
        key = company_key(name)
        if key in self.clients:
            return self.clients[key]
        client_id = self.writer.add(
            "client",
            {
                "name": name,
                "industry": None,
                "website": None,
                "notes": None,
                "created_at": self.now,
            },
        )
        self.clients[key] = client_id
        return client_id

    def existing_client(self, name: str) -> int | None:
        return self.clients.get(company_key(name))

    # - contacts

    def _remember(self, known: KnownContact) -> None:
        self.contacts[known.id] = known
        if known.profile_url:
            self.by_profile.setdefault(profile_key(known.profile_url), known.id)
        if known.email:
            self.by_email.setdefault(known.email.casefold(), known.id)
        self.by_name.setdefault(known.full_name.casefold(), []).append(known.id)

    def match(self, person: ContactIn) -> int | None:
        if person.profile_url:
            found = self.by_profile.get(profile_key(person.profile_url))
            if found is not None:
                return found
        if person.email:
            return self.by_email.get(person.email.casefold())
        return None

    def add_contact(self, person: ContactIn) -> str:
        """Create the person, or fill in what an existing contact lacks.

        Returns ``"created"``, ``"updated"`` or ``"unchanged"``.
        """
        found = self.match(person)
        if found is not None:
            return "updated" if self._fill_in(self.contacts[found], person) else "unchanged"
        client_id = self.client_for(person.company) if person.company else None
        contact_id = self.writer.add(
            "contact",
            {
                "client_id": client_id,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "role": person.role,
                "email": person.email,
                "phone": person.phone,
                "profile_url": person.profile_url,
                "do_not_contact": person.opted_out_on is not None,
                "do_not_contact_on": person.opted_out_on,
                "notes": person.notes,
                "created_at": self.now,
            },
        )
        self._remember(
            KnownContact(
                contact_id,
                client_id,
                person.email,
                person.profile_url,
                person.role,
                person.phone,
                person.opted_out_on is not None,
                f"{person.first_name} {person.last_name}".strip(),
            )
        )
        return "created"

    def _fill_in(self, known: KnownContact, person: ContactIn) -> bool:
        changes: dict[str, object] = {}
        if person.profile_url and not known.profile_url:
            changes["profile_url"] = known.profile_url = person.profile_url
            self.by_profile.setdefault(profile_key(person.profile_url), known.id)
        if person.email and not known.email and person.email.casefold() not in self.by_email:
            changes["email"] = known.email = person.email
            self.by_email[person.email.casefold()] = known.id
        if person.role and not known.role:
            changes["role"] = known.role = person.role
        if person.phone and not known.phone:
            changes["phone"] = known.phone = person.phone
        if person.company and known.client_id is None:
            changes["client_id"] = known.client_id = self.client_for(person.company)
        if not changes:
            return False
        if self.writer.conn is not None and known.id > 0:
            self.writer.flush()  # a new client must exist before a contact refers to it
            if "client_id" in changes:
                changes["client_id"] = self.writer.real_id(changes["client_id"])  # type: ignore[arg-type]
            fill_in_contact(self.conn, known.id, changes)
        self.updated += 1
        return True

    def find_contact(self, text: str, client_id: int | None = None) -> int:
        """A contact named in a cell: by email (with an ``@``), else by full name."""
        text = text.strip()
        if "@" in text:
            found = self.by_email.get(text.casefold())
            if found is None:
                raise Rejected(_("no contact has the email {email}").format(email=text))
            return found
        ids = self.by_name.get(text.casefold(), [])
        if client_id is not None and len(ids) > 1:
            ids = [i for i in ids if self.contacts[i].client_id == client_id] or ids
        if not ids:
            raise Rejected(_(NONE_NAMED["contact"]).format(name=repr(text)))
        if len(ids) > 1:
            raise Rejected(
                _("{count} contacts are named {name}: give an email instead").format(
                    count=len(ids), name=repr(text)
                )
            )
        return ids[0]

    def contact(self, contact_id: int) -> KnownContact:
        return self.contacts[contact_id]

    # - deals

    def _load_deals(self) -> None:
        self._deals = {}
        for deal_id, client_id, title, contact_id in known_deals(self.conn):
            self._note_deal(deal_id, client_id, title, contact_id)

    def _note_deal(self, deal_id: int, client_id: int, title: str, contact_id: int | None) -> None:
        assert self._deals is not None
        self._deals.setdefault((client_id, title.casefold()), []).append((deal_id, contact_id))
        self._deals_by_title.setdefault(title.casefold(), []).append(
            (deal_id, client_id, contact_id)
        )

    def has_deal(self, client_id: int, title: str) -> bool:
        if self._deals is None:
            self._load_deals()
        assert self._deals is not None
        return (client_id, title.casefold()) in self._deals

    def note_deal(self, deal_id: int, client_id: int, title: str, contact_id: int | None) -> None:
        if self._deals is None:
            self._load_deals()
        self._note_deal(deal_id, client_id, title, contact_id)

    def find_deal(self, title: str, client_id: int | None) -> tuple[int, int, int | None]:
        """(deal id, client id, contact id) of the deal with this title (at this client)."""
        if self._deals is None:
            self._load_deals()
        found = self._deals_by_title.get(title.strip().casefold(), [])
        if client_id is not None:
            found = [d for d in found if d[1] == client_id]
        if not found:
            raise Rejected(_("no deal titled {title}").format(title=repr(title.strip())))
        if len(found) > 1:
            raise Rejected(
                _("{count} deals are titled {title}: name the client too").format(
                    count=len(found), title=repr(title.strip())
                )
            )
        return found[0]

    # - activities

    def has_activity(self, key: ActivityKey) -> bool:
        if self._activities is None:
            self._activities = known_activity_keys(self.conn)
        return key in self._activities

    def note_activity(self, key: ActivityKey) -> None:
        self.has_activity(key)
        assert self._activities is not None
        self._activities.add(key)
