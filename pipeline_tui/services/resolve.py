"""The record a user's words designate: ``#12`` or an exact name, case and accents ignored.

One rule for every command and form (``domain.naming``): an unknown name is ``NotFound`` listing
close names, several records of that name is ``Ambiguous`` listing them with their ids (both exit
1 on the command line). Each ``resolve_*`` reads in its own transaction; the ``*_in`` variants take
the caller's ``Reader`` (``store.database.reader_in(session)`` inside a write).

``find_client_in`` is the older look-up of the what-if and ``services.clients.find_client``: a
name, case ignored, close names as hints (kept here, on the read path, away from the writes).
"""

from __future__ import annotations

from pipeline_tui.domain.log_target import Named
from pipeline_tui.domain.naming import close_names, exact_matches, labelled, typed_id
from pipeline_tui.errors import Ambiguous, NotFound
from pipeline_tui.i18n import _
from pipeline_tui.services.common import NO_SUCH, SEVERAL_NAMED, none_named, not_found_with_hints
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import targets
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.reader import Reader, ReadSource


def pick(text: str, what: str, named: list[Named]) -> int:
    """The id of the one record of ``named`` that ``text`` designates (module docstring)."""
    wanted = typed_id(text)
    if wanted is not None:
        if any(n.id == wanted for n in named):
            return wanted
        raise NotFound(_(NO_SUCH[what]).format(id=wanted))
    found = exact_matches(text, named)
    if len(found) == 1:
        return found[0].id
    if found:
        raise Ambiguous(
            _(SEVERAL_NAMED[what]).format(
                count=len(found), name=repr(text.strip()), records=labelled(found)
            )
        )
    hints = close_names(text, named)
    raise none_named(what, text.strip(), labelled(hints) if hints else "")


def client_in(q: Reader, text: str) -> int:
    """``resolve_client`` inside the caller's read transaction."""
    return pick(text, "client", targets.client_targets(q))


def contact_in(q: Reader, text: str) -> int:
    return pick(text, "contact", targets.contact_targets(q))


def mission_in(q: Reader, text: str) -> int:
    return pick(text, "mission", targets.mission_targets(q))


def deal_in(q: Reader, text: str) -> int:
    return pick(text, "deal", targets.deal_targets(q))


def resolve_client(source: ReadSource, text: str) -> int:
    """The id of the client ``text`` designates (archived clients too)."""
    with source.read() as q:
        return client_in(q, text)


def resolve_contact(source: ReadSource, text: str) -> int:
    """The id of the contact ``text`` designates ("first last" or "last first")."""
    with source.read() as q:
        return contact_in(q, text)


def resolve_mission(source: ReadSource, text: str) -> int:
    """The id of the mission ``text`` designates (its title)."""
    with source.read() as q:
        return mission_in(q, text)


def resolve_deal(source: ReadSource, text: str) -> int:
    """The id of the deal ``text`` designates (its title)."""
    with source.read() as q:
        return deal_in(q, text)


def find_client_in(q: Reader, name: str) -> ClientRecord:
    """The client with this name (case-insensitive); the error lists close matches."""
    found = client_queries.client_named(q, name.strip().lower())
    if found is not None:
        return found
    names = [other for _, other in client_queries.all_client_names(q)]
    raise not_found_with_hints("client", name, names)
