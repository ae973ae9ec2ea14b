"""The record a user's words designate: ``#12`` or an exact name, case and accents ignored.

One rule for every command and form (``domain.naming``): an unknown name is ``NotFound`` listing
close names, several records of that name is ``Ambiguous`` listing them with their ids (both exit
1 on the command line). Each ``resolve_*`` reads in its own transaction; the ``*_in`` variants take
the caller's ``Reader`` (``store.database.reader_in(session)`` inside a write).

``find_client_in`` is the older look-up of the what-if and ``services.clients.find_client``: a
name, case ignored, close names as hints (kept here, on the read path, away from the writes).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

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


# What each kind of record is designated by, and where its names come from.
_TARGETS: dict[str, Callable[[Reader], list[Named]]] = {
    "client": targets.client_targets,  # its name (archived clients too)
    "contact": targets.contact_targets,  # "first last" or "last first"
    "mission": targets.mission_targets,  # its title
    "deal": targets.deal_targets,  # its title
}


def resolve_in(q: Reader, text: str, what: str) -> int:
    """The id of the record of kind ``what`` (a key of ``_TARGETS``) that ``text`` designates,
    inside the caller's read transaction."""
    return pick(text, what, _TARGETS[what](q))


def resolve(source: ReadSource, text: str, what: str) -> int:
    """``resolve_in`` in a read transaction of its own."""
    with source.read() as q:
        return resolve_in(q, text, what)


client_in = partial(resolve_in, what="client")
contact_in = partial(resolve_in, what="contact")
mission_in = partial(resolve_in, what="mission")
deal_in = partial(resolve_in, what="deal")

resolve_client = partial(resolve, what="client")
resolve_contact = partial(resolve, what="contact")
resolve_mission = partial(resolve, what="mission")
resolve_deal = partial(resolve, what="deal")


def find_client_in(q: Reader, name: str) -> ClientRecord:
    """The client with this name (case-insensitive); the error lists close matches."""
    found = client_queries.client_named(q, name.strip().lower())
    if found is not None:
        return found
    names = [other for _, other in client_queries.all_client_names(q)]
    raise not_found_with_hints("client", name, names)
