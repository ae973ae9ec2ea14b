"""Opening a SQLite file with the driver, read-only where it cannot be written.

Standard library only: the fast read path (``store.reader``) opens files through it before
SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from pipeline_tui.store.errors import disk_full


def why_read_only(path: Path) -> str | None:
    """Why ``path`` must be opened read-only: "read-only" (the file, its folder or the whole
    filesystem cannot be written), "full" (the disk has no room for the WAL files SQLite needs
    even to read), or None: it can be written."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return "read-only"
    if disk_full(path.parent):
        return "full"
    return None


def read_only_uri(path: Path) -> str | None:
    """A ``file:`` URI that opens ``path`` for reading only, when it cannot be written
    (``why_read_only``); None when it can.

    Where a writer left WAL content beside the file, SQLite reads through it (``mode=ro``);
    where there is none (no ``-wal`` file, or an empty one), the file is read as it is
    (``immutable=1``: SQLite then needs no ``-shm`` file, which it could not create)."""
    if why_read_only(path) is None:
        return None
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "immutable=1"
    return f"file:{quote(str(path.resolve()))}?{mode}"


def refusal(path: Path) -> sqlite3.OperationalError:
    """The driver's words for a write refused on a file opened read-only (``describe_db_error``
    turns them into the user's)."""
    if why_read_only(path) == "full":
        return sqlite3.OperationalError("database or disk is full")
    return sqlite3.OperationalError("attempt to write a readonly database")


def connect_sqlite(path: Path, **kwargs: object) -> sqlite3.Connection:
    """The driver's connection to ``path``, read-only where it cannot be written."""
    uri = read_only_uri(path)
    if uri is not None:
        return sqlite3.connect(uri, uri=True, **kwargs)  # type: ignore[arg-type]
    return sqlite3.connect(path, **kwargs)  # type: ignore[arg-type]
