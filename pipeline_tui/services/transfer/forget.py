"""Erasing a contact's personal data for good (the right to erasure).

``forget_contact`` keeps the contact's row, so that the activities, deals and surveys linked to it
still count (the figures of ``status`` do not move), but empties everything personal in it: name,
role, email, phone, profile URL and notes; the row becomes "Erased contact" and is opted out, so
nothing is ever scheduled for it again. Free text elsewhere that names the person is cleaned too:
in the contact's own activities, the first name, last name, full name, email, phone and profile URL
are replaced by ``[erased]`` in the subject, outcome and notes; in every other text column of the
database (other activities, deals, signals, surveys, notes…), the full name, email, phone and
profile URL are. Unique names (a client's name) are left alone.

The change runs in ``store.dialect.erasing_for_good``, so on SQLite no copy of the old values stays
in free pages or in the write-ahead log. Backups and exports made before keep their copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.common import close_matches
from pipeline_tui.services.transfer.tables import model_tables, python_type, table
from pipeline_tui.store.database import Store
from pipeline_tui.store.dialect import erasing_for_good

ERASED_NAME = "Erased contact"
ERASED_TEXT = "[erased]"
_OWN_TEXT_COLUMNS = ("subject", "outcome", "notes")


@dataclass(frozen=True)
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


@dataclass
class ForgetReport:
    contact: ContactMatch
    cleaned: dict[str, int] = field(default_factory=dict)  # rows whose text was cleaned, by table

    def summary(self) -> str:
        lines = [f"Erased the personal data of contact #{self.contact.id} for good."]
        if self.cleaned:
            texts = ", ".join(
                f"{n} in {t.replace('_', ' ')}" for t, n in sorted(self.cleaned.items())
            )
            lines.append(f"  texts naming them cleaned: {texts}")
        lines.append("  their activities, deals and surveys stay, anonymous, so the figures hold")
        return "\n".join(lines)


def _matches(conn: sa.Connection, where: sa.ColumnElement[bool]) -> list[ContactMatch]:
    contact, client = table("contact"), table("client")
    rows = conn.execute(
        sa.select(
            contact.c.id, contact.c.first_name, contact.c.last_name, contact.c.email, client.c.name
        )
        .outerjoin(client, client.c.id == contact.c.client_id)
        .where(where)
        .order_by(contact.c.id)
    )
    return [
        ContactMatch(r.id, f"{r.first_name} {r.last_name}".strip(), r.email, r.name) for r in rows
    ]


def resolve_contact(store: Store, text: str) -> ContactMatch:
    """The one contact ``text`` names: ``12`` or ``#12`` (an id), an email, or the exact name.

    Raises NotFound (with close names as hints) or InvalidInput listing the candidates when the
    name is shared.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidInput("name the contact: an id (#12), an email, or the exact name")
    contact = table("contact")
    full_name = sa.func.lower(contact.c.first_name + " " + contact.c.last_name)
    with store.connection() as conn:
        if re.fullmatch(r"#?\d+", wanted):
            found = _matches(conn, contact.c.id == int(wanted.lstrip("#")))
            if not found:
                raise NotFound(f"there is no contact #{wanted.lstrip('#')}")
        elif "@" in wanted:
            found = _matches(conn, sa.func.lower(contact.c.email) == wanted.lower())
            if not found:
                raise NotFound(f"no contact has the email {wanted}")
        else:
            found = _matches(conn, sa.func.trim(full_name) == wanted.lower())
            if not found:
                names = [
                    f"{f} {last}".strip()
                    for f, last in conn.execute(
                        sa.select(contact.c.first_name, contact.c.last_name)
                    )
                ]
                hints = close_matches(wanted, names)
                suffix = f"; did you mean: {', '.join(hints)}?" if hints else ""
                raise NotFound(f"no contact named {wanted!r}{suffix}")
    if len(found) > 1:
        listed = "; ".join(str(m) for m in found)
        raise InvalidInput(
            f"{len(found)} contacts are named {wanted!r}: {listed}. Name one by its id or email"
        )
    return found[0]


def _replacer(needles: list[str], words: list[str]):
    parts = [re.escape(n) for n in sorted(needles, key=len, reverse=True)]
    parts += [rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True)]
    if not parts:
        return lambda text: text
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED_TEXT, text)


def _like_any(column: sa.Column, needles: list[str]) -> sa.ColumnElement[bool]:
    # LIKE is case-insensitive for ASCII on SQLite only; lower() on both sides covers PostgreSQL.
    # Python does the exact (case-insensitive) replacement on the rows this finds.
    return sa.or_(
        *(column.contains(n, autoescape=True) for n in needles),
        *(sa.func.lower(column).contains(n.lower(), autoescape=True) for n in needles),
    )


def _clean_column(
    conn: sa.Connection, t: sa.Table, column: sa.Column, where, clean, cleaned: dict[str, int]
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
    return [
        c
        for c in t.columns
        if python_type(c) is str and not c.primary_key and not c.unique and not c.foreign_keys
    ]


def forget_contact(store: Store, contact_id: int, *, today: date) -> ForgetReport:
    """Erase the contact's personal data for good; see the module's docstring."""
    contact, activity = table("contact"), table("activity")
    with erasing_for_good(store) as conn:
        match = _matches(conn, contact.c.id == contact_id)
        if not match:
            raise NotFound(f"there is no contact #{contact_id}")
        person = conn.execute(sa.select(contact).where(contact.c.id == contact_id)).one()
        full_name = f"{person.first_name} {person.last_name}".strip()
        needles = [
            v for v in (person.email, person.phone, person.profile_url) if v and len(v.strip()) >= 3
        ]
        if person.first_name.strip() and person.last_name.strip():
            needles.append(full_name)
        words = [w for w in (person.first_name.strip(), person.last_name.strip()) if len(w) >= 2]
        if full_name == ERASED_NAME:  # already erased: run again only to clear old copies
            words = []
        conn.execute(
            contact.update()
            .where(contact.c.id == contact_id)
            .values(
                first_name=ERASED_NAME,
                last_name="",
                role=None,
                email=None,
                phone=None,
                profile_url=None,
                notes=None,
                do_not_contact=True,
                do_not_contact_on=person.do_not_contact_on or today,
            )
        )
        cleaned: dict[str, int] = {}
        own = _replacer(needles, words)
        for name in _OWN_TEXT_COLUMNS:
            column = activity.c[name]
            _clean_column(conn, activity, column, activity.c.contact_id == contact_id, own, cleaned)
        if needles:
            anywhere = _replacer(needles, [])
            for t in model_tables():
                if "id" not in t.c:
                    continue
                for column in _text_columns(t):
                    where = _like_any(column, needles)
                    if t.name == "contact":
                        where = sa.and_(where, t.c.id != contact_id)
                    _clean_column(conn, t, column, where, anywhere, cleaned)
    return ForgetReport(match[0], cleaned)
