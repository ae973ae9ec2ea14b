"""Consistent online copies of a SQLite database (the backup API), readable by the user only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from pipeline_tui.errors import DatabaseError


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the database behind ``engine`` to ``target`` while others may keep using it."""
    if engine.dialect.name != "sqlite":
        raise DatabaseError("backup copies SQLite databases; use your server's tools for others")
    target = Path(target).expanduser().absolute()
    if not target.parent.is_dir():
        raise DatabaseError(f"cannot write the backup {target}: the folder does not exist")
    if target.exists():
        raise DatabaseError(f"cannot write the backup {target}: the file already exists")
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise DatabaseError(f"cannot write the backup {target}: {exc.strerror}") from exc
    os.close(fd)
    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
            # A standalone file: no WAL beside it that a copy could forget.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise DatabaseError(f"the backup failed: {exc}") from exc
    finally:
        raw.close()
    os.chmod(target, 0o600)
    return target
