"""Driver errors worded for the user (no SQLAlchemy needed: the read path uses ``sqlite3``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipeline_tui.errors import DatabaseError

FULL_BELOW = 1024 * 1024
"""Free bytes under which a failing write is put down to a full disk."""


def _folder(where: str) -> Path | None:
    path = Path(where)
    return path.parent if path.is_absolute() or path.exists() else None


def disk_full(folder: Path | None) -> bool:
    try:
        return folder is not None and shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def read_only_folder(folder: Path | None) -> bool:
    return folder is not None and folder.is_dir() and not os.access(folder, os.W_OK)


def describe_db_error(exc: BaseException, where: str) -> DatabaseError:
    """Word a driver error the way a user can act on it."""
    text = str(getattr(exc, "orig", exc) or exc)
    lowered = text.lower()
    folder = _folder(where)
    if "disk is full" in lowered or ("disk i/o error" in lowered and disk_full(folder)):
        return DatabaseError(
            f"the disk holding {where} is full: free some space and try again (nothing was written)"
        )
    if ("readonly" in lowered or "read-only" in lowered or "unable to open" in lowered) and (
        read_only_folder(folder)
    ):
        return DatabaseError(
            f"the folder {folder} is read-only: pipeline-tui needs to write beside {where} "
            "(its journal); copy the file to a writable folder, or use --db"
        )
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(
            f"the database {where} is locked by another program (another pipeline-tui, or a "
            "SQLite tool with an open transaction); close it and try again"
        )
    if "not a database" in lowered or "malformed" in lowered or "encrypted" in lowered:
        return DatabaseError(f"{where} is not a SQLite database (or it is damaged): {text}")
    if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"cannot open the database {where}: {text}")
    return DatabaseError(f"database error on {where}: {text}")
