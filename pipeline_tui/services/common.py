"""Small helpers shared by the services: domain checks worded for the user, name hints."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import TypeVar

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import N_, _

V = TypeVar("V")

# "there is no deal #12": one message per kind of record, so each language can make it agree.
NO_SUCH = {
    "client": N_("there is no client #{id}"),
    "contact": N_("there is no contact #{id}"),
    "deal": N_("there is no deal #{id}"),
    "mission": N_("there is no mission #{id}"),
    "activity": N_("there is no activity #{id}"),
    "cadence": N_("there is no cadence #{id}"),
    "sequence": N_("there is no sequence #{id}"),
    "transition step": N_("there is no transition step #{id}"),
    "offboarding": N_("there is no offboarding #{id}"),
}
NONE_NAMED = {
    "client": N_("no client named {name}"),
    "contact": N_("no contact named {name}"),
    "deal": N_("no deal named {name}"),
    "mission": N_("no mission named {name}"),
    "sequence": N_("no sequence named {name}"),
}
SEVERAL_NAMED = {
    "client": N_("{count} clients are named {name}: {records}; name one by its #id"),
    "contact": N_("{count} contacts are named {name}: {records}; name one by its #id"),
    "deal": N_("{count} deals are named {name}: {records}; name one by its #id"),
    "mission": N_("{count} missions are named {name}: {records}; name one by its #id"),
    "sequence": N_("{count} sequences are named {name}: {records}; name one by its #id"),
}


def checked(check: Callable[..., V], *args: object, **kwargs: object) -> V:
    """Run a domain check, turning its ValueError into the user-facing InvalidInput."""
    try:
        return check(*args, **kwargs)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc


def close_matches(name: str, candidates: list[str], n: int = 3) -> list[str]:
    lowered = {c.lower(): c for c in candidates}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.5)
    contains = [c for c in candidates if name.lower() in c.lower() and c.lower() not in hits]
    return [lowered[h] for h in hits] + contains[: max(0, n - len(hits))]


def did_you_mean(hints: str) -> str:
    """``; did you mean: Acme, Acme Labs?`` after a name not found, or nothing without hints."""
    return _("; did you mean: {names}?").format(names=hints) if hints else ""


def none_named(what: str, name: str, hints: str) -> NotFound:
    """``no client named 'Acm'; did you mean: Acme?`` (``what``: a key of ``NONE_NAMED``); the
    hints are kept on the error too (``hints``), for a caller that joins several look-ups."""
    error = NotFound(_(NONE_NAMED[what]).format(name=repr(name)) + did_you_mean(hints))
    error.hints = hints
    return error


def not_found_with_hints(what: str, name: str, candidates: list[str]) -> NotFound:
    return none_named(what, name, ", ".join(close_matches(name, candidates)))


def reject_unknown(fields: Iterable[str], known: Iterable[str], what: str) -> None:
    """A caller's mistake, not the user's: a field the record does not have."""
    unknown = set(fields) - set(known)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")  # not shown: a bug


R = TypeVar("R")


def found(row: R | None, what: str, row_id: int) -> R:
    """``row`` as read, or NotFound worded as the writes' look-ups word it ("there is no deal
    #12")."""
    if row is None:
        raise NotFound(_(NO_SUCH[what]).format(id=row_id))
    return row
