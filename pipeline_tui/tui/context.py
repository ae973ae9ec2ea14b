"""What every screen is given: the run's configuration and where to read and write.

The app creates one ``TuiContext`` and hands it to every screen it builds (constructor argument);
a screen never reaches up into the app for data. The context is filled as start-up goes on
(``tui/app.py``): first the read path, then the store, opened behind the dashboard. A screen built
before the store was open sees it as soon as it is, because it asks the context when it needs it.

This module is the TUI's composition root: the one place under ``tui/`` that opens the store (it
imports it when it opens it, never at import time, so that the first frame paints before
SQLAlchemy is loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.config import Config

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.reader import ReadSource

WriteGate = Callable[[str | None], bool]


class StoreNotOpen(RuntimeError):
    """A screen asked for the store before it was open (a bug: ask ``can_write`` first)."""


class TuiContext:
    """The configuration, the read path, the store, and what the screens share about them.

    - ``config`` and ``today``: the run's configuration (``today`` may be fixed by ``--today``);
    - ``reads``: where display reads go: the fast read path (``store.reader``) once it is open,
      else the store;
    - ``store``: None until the store is open; ``require_store()`` for a screen that writes;
    - ``can_write(action)``: True once the store is open; otherwise the app says why, and keeps
      ``action`` (an action string) to run once it is;
    - ``data_version``: counts the writes (``DataChanged``) so far: what a screen's data is as of.
    """

    def __init__(
        self, config: Config, store: Store | None = None, *, write_gate: WriteGate | None = None
    ) -> None:
        self.config = config
        self.store = store
        self.read_path: ReadSource | None = None
        self.data_version = 0
        self._write_gate = write_gate

    @property
    def today(self) -> date:
        return self.config.today

    @property
    def reads(self) -> ReadSource:
        source = self.read_path or self.store
        if source is None:
            raise StoreNotOpen("nothing is open to read from yet")  # not shown: a programming error
        return source

    def require_store(self) -> Store:
        if self.store is None:
            raise StoreNotOpen("the store is not open yet")  # not shown: a programming error
        return self.store

    def can_write(self, action: str | None = None) -> bool:
        if self._write_gate is not None:
            return self._write_gate(action)
        return self.store is not None


def open_read_path(config: Config) -> ReadSource | None:
    """The fast read path for ``config`` (``sqlite3`` alone), or None: open the store instead."""
    from pipeline_tui.store.reader import open_read_store

    return open_read_store(config)


def open_store(config: Config) -> Store:
    """The store for ``config``: created, or brought to the current schema, if need be."""
    from pipeline_tui.store import database

    return database.open_store(config)
