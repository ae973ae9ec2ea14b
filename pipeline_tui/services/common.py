"""Small helpers shared by the services: domain checks worded for the user, name hints."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import TypeVar

from pipeline_tui.errors import InvalidInput, NotFound

V = TypeVar("V")


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


def not_found_with_hints(what: str, name: str, candidates: list[str]) -> NotFound:
    hints = close_matches(name, candidates)
    suffix = f"; did you mean: {', '.join(hints)}?" if hints else ""
    return NotFound(f"no {what} named {name!r}{suffix}")


def reject_unknown(fields: Iterable[str], known: Iterable[str], what: str) -> None:
    """A caller's mistake, not the user's: a field the record does not have."""
    unknown = set(fields) - set(known)
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


R = TypeVar("R")


def found(row: R | None, what: str, row_id: int) -> R:
    """``row`` as read, or NotFound worded as the writes' look-ups word it ("there is no deal
    #12")."""
    if row is None:
        raise NotFound(f"there is no {what} #{row_id}")
    return row
