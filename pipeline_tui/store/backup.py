"""Consistent online copies of a SQLite database (the backup API), readable by the user only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from pipeline_tui.errors import DatabaseError, InvalidInput
from pipeline_tui.files import private_path


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the database behind ``engine`` to ``target`` while others may keep using it.

    The copy is made into a temporary file beside the target and linked into place when it is
    complete: a killed backup leaves nothing under the final name (and its leftover is removed by
    the next one); an existing file is never overwritten."""
    if engine.dialect.name != "sqlite":
        raise DatabaseError("backup copies SQLite databases; use your server's tools for others")
    target = Path(target).expanduser().absolute()
    if not target.parent.is_dir():
        raise DatabaseError(f"cannot write the backup {target}: the folder does not exist")
    if target.exists() or target.is_symlink():
        raise DatabaseError(f"cannot write the backup {target}: the file already exists")
    try:
        with private_path(target, replace=False) as temporary:
            _copy(engine, temporary)
    except InvalidInput as exc:
        raise DatabaseError(f"the backup was not written: {exc}") from exc
    return target


def _copy(engine: Engine, temporary: Path) -> None:
    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        dest = sqlite3.connect(temporary)
        try:
            source.backup(dest)
            # A standalone file: no WAL beside it that a copy could forget.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"the backup failed: {exc}") from exc
    finally:
        raw.close()
