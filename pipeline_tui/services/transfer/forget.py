"""Erasing a contact's personal data for good (the right to erasure).

``forget_contact`` keeps the contact's row, so that the activities, deals and surveys linked to it
still count (the figures of ``status`` do not move), but empties everything personal in it: name,
role, email, phone, profile URL and notes; the row becomes "Erased contact" and is opted out, so
nothing is ever scheduled for it again (its running sequences stop, reason ``opt_out``, and their
open steps go). Free text elsewhere that names the person is cleaned too: in the contact's own
activities, the first name, last name, full name, email, phone and profile URL are replaced by
``[erased]`` in the subject, outcome and notes; in every other text column of the database (other
activities, deals, signals, surveys, notes…), the full name, email, phone and profile URL are.
Unique names (a client's name) are left alone.

The change runs in ``store.dialect.erasing_for_good``, so on SQLite no copy of the old values stays
in free pages or in the write-ahead log. Backups and exports made before keep their copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import _
from pipeline_tui.services.common import NO_SUCH, close_matches, none_named
from pipeline_tui.services.transfer.report import table_count
from pipeline_tui.store.database import Store
from pipeline_tui.store.dialect import erasing_for_good
from pipeline_tui.store.queries.transfer import (
    ContactMatch,
    contact_names,
    contacts_named,
    contacts_with_email,
    contacts_with_id,
)
from pipeline_tui.store.writes.erasure import (
    clean_activity_texts,
    clean_texts_containing,
    contact_to_erase,
    empty_contact,
    stop_sequences,
)

__all__ = ["ContactMatch", "ForgetReport", "forget_contact", "resolve_contact"]

ERASED_NAME = "Erased contact"  # not shown: stored data, compared to find erased contacts
ERASED_TEXT = "[erased]"
_OWN_TEXT_COLUMNS = ("subject", "outcome", "notes")


@dataclass
class ForgetReport:
    contact: ContactMatch
    cleaned: dict[str, int] = field(default_factory=dict)  # rows whose text was cleaned, by table

    def summary(self) -> str:
        lines = [
            _("Erased the personal data of contact #{id} for good.").format(id=self.contact.id)
        ]
        if self.cleaned:
            texts = ", ".join(table_count(t, n) for t, n in sorted(self.cleaned.items()))
            lines.append("  " + _("texts naming them cleaned: {texts}").format(texts=texts))
        lines.append(
            "  " + _("their activities, deals and surveys stay, anonymous, so the figures hold")
        )
        return "\n".join(lines)


def resolve_contact(store: Store, text: str) -> ContactMatch:
    """The one contact ``text`` names: ``12`` or ``#12`` (an id), an email, or the exact name.

    Raises NotFound (with close names as hints) or InvalidInput listing the candidates when the
    name is shared.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidInput(_("name the contact: an id (#12), an email, or the exact name"))
    with store.read() as q:
        if re.fullmatch(r"#?\d+", wanted):
            found = contacts_with_id(q, int(wanted.lstrip("#")))
            if not found:
                raise NotFound(_(NO_SUCH["contact"]).format(id=wanted.lstrip("#")))
        elif "@" in wanted:
            found = contacts_with_email(q, wanted.lower())
            if not found:
                raise NotFound(_("no contact has the email {email}").format(email=wanted))
        else:
            found = contacts_named(q, wanted.lower())
            if not found:
                raise none_named(
                    "contact", wanted, ", ".join(close_matches(wanted, contact_names(q)))
                )
    if len(found) > 1:
        listed = "; ".join(str(m) for m in found)
        raise InvalidInput(
            _("{count} contacts are named {name}: {listed}. Name one by its id or email").format(
                count=len(found), name=repr(wanted), listed=listed
            )
        )
    return found[0]


def _replacer(needles: list[str], words: list[str]):
    parts = [re.escape(n) for n in sorted(needles, key=len, reverse=True)]
    parts += [rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True)]
    if not parts:
        return lambda text: text
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED_TEXT, text)


def forget_contact(store: Store, contact_id: int, *, today: date) -> ForgetReport:
    """Erase the contact's personal data for good; see the module's docstring."""
    with erasing_for_good(store) as conn:
        found = contact_to_erase(conn, contact_id)
        if found is None:
            raise NotFound(_(NO_SUCH["contact"]).format(id=contact_id))
        match, person = found
        full_name = f"{person.first_name} {person.last_name}".strip()
        needles = [
            v for v in (person.email, person.phone, person.profile_url) if v and len(v.strip()) >= 3
        ]
        if person.first_name.strip() and person.last_name.strip():
            needles.append(full_name)
        words = [w for w in (person.first_name.strip(), person.last_name.strip()) if len(w) >= 2]
        if full_name == ERASED_NAME:  # already erased: run again only to clear old copies
            words = []
        empty_contact(
            conn, contact_id, name=ERASED_NAME, opted_out_on=person.do_not_contact_on or today
        )
        # opted out: its running sequences stop (their open steps go; nothing else is deleted)
        stop_sequences(conn, contact_id, on=today)
        cleaned: dict[str, int] = {}
        own = _replacer(needles, words)
        for name in _OWN_TEXT_COLUMNS:
            clean_activity_texts(conn, contact_id, name, own, cleaned)
        if needles:
            anywhere = _replacer(needles, [])
            clean_texts_containing(conn, needles, anywhere, cleaned, sparing_contact=contact_id)
    return ForgetReport(match, cleaned)
