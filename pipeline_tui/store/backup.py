"""Consistent online copies of a SQLite database (the backup API), readable by the user only."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine

from pipeline_tui.errors import DatabaseError, InvalidInput
from pipeline_tui.files import private_path

# Pages copied per step (4 MiB at SQLite's default page size): writers of other processes get the
# database between two steps, and ``progress`` hears of each.
STEP_PAGES = 1024


def backup_sqlite(
    engine: Engine, target: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
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
            _copy(engine, temporary, progress)
    except InvalidInput as exc:
        raise DatabaseError(f"the backup was not written: {exc}") from exc
    return target


def _copy(engine: Engine, temporary: Path, progress: Callable[[int, int], None] | None) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        dest = sqlite3.connect(temporary)
        try:
            source.backup(dest, pages=STEP_PAGES, progress=step)
            # A standalone file: no WAL beside it that a copy could forget.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"the backup failed: {exc}") from exc
    finally:
        raw.close()
