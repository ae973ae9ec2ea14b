"""A write the database refuses for one of its constraints (a unique name already taken…), told
to the services without SQLAlchemy: they catch :class:`Conflict` and word it for the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from pipeline_tui.errors import InvalidInput


class Conflict(Exception):
    """The database refused the write; ``reason`` is the driver's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def conflicts() -> Iterator[None]:
    """Around a ``store.session()`` block: its integrity error (on a flush or on the commit)
    comes out as :class:`Conflict`, once the transaction is rolled back."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        raise Conflict(str(exc.orig)) from exc


@contextmanager
def refused_as(message: str) -> Iterator[None]:
    """:func:`conflicts` worded for the user: the refused write is ``InvalidInput(message)``
    (a name or a profile URL already taken)."""
    try:
        with conflicts():
            yield
    except Conflict as exc:
        raise InvalidInput(message) from exc
