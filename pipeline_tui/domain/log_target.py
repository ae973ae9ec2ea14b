"""Who a log line is about: the contact or the client its words name (``pipeline-tui log``).

Names are compared folded: case, accents and spacing do not count. An exact name wins: a
contact's "first last" or "last first" (several such contacts is an error listing them), else
the one client of that name. Otherwise the one contact or client whose name contains every word;
several is an error listing the candidates. No match at all is the caller's to word: it has the
hints to give.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline_tui.i18n import _

MAX_CANDIDATES = 5
"""At most this many candidates are listed in an error."""


@dataclass(frozen=True, slots=True)
class Named:
    """A contact or a client as a log line may name it."""

    kind: str  # contact | client
    id: int
    name: str  # as shown, and the name the words of a partial name are looked for in
    also: tuple[str, ...] = ()  # other spellings it answers to exactly ("Benali Karim")
    where: str | None = None  # a contact's client, shown among the candidates

    @property
    def label(self) -> str:
        return f"{self.name} ({self.where})" if self.where else self.name


def contact_named(
    contact_id: int, first_name: str, last_name: str, client_name: str | None
) -> Named:
    """A contact, named by its first and last name in either order."""
    full_name = f"{first_name} {last_name}".strip()
    return Named("contact", contact_id, full_name, (f"{last_name} {first_name}",), client_name)


def client_named(client_id: int, name: str) -> Named:
    return Named("client", client_id, name)


def fold(text: str) -> str:
    """``text`` without case, accents or extra spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def match_target(target: str, contacts: Sequence[Named], clients: Sequence[Named]) -> Named | None:
    """The one contact or client ``target`` names (module docstring), None when none does;
    ValueError, listing the candidates, when several do."""
    wanted = fold(target)
    exact_contacts = [c for c in contacts if wanted in (fold(c.name), *map(fold, c.also))]
    if len(exact_contacts) == 1:
        return exact_contacts[0]
    if len(exact_contacts) > 1:
        labels = [c.label for c in exact_contacts[:MAX_CANDIDATES]]
        raise ValueError(
            _("{target} names several contacts: {contacts}").format(
                target=repr(target), contacts="; ".join(labels)
            )
        )
    exact_clients = [c for c in clients if fold(c.name) == wanted]
    if len(exact_clients) == 1:
        return exact_clients[0]
    words = wanted.split()
    found = [c for c in (*contacts, *clients) if all(w in fold(c.name) for w in words)]
    if len(found) == 1:
        return found[0]
    if found:
        labels = "; ".join(c.label for c in found[:MAX_CANDIDATES])
        if len(found) > MAX_CANDIDATES:
            said = _("{target} could be: {names} and {count} more — type more of the name")
        else:
            said = _("{target} could be: {names} — type more of the name")
        raise ValueError(
            said.format(target=repr(target), names=labels, count=len(found) - MAX_CANDIDATES)
        )
    return None
