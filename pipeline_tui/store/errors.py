"""Driver errors worded for the user (no SQLAlchemy needed: the read path uses ``sqlite3``)."""

from __future__ import annotations

from pipeline_tui.errors import DatabaseError


def describe_db_error(exc: BaseException, where: str) -> DatabaseError:
    """Word a driver error the way a user can act on it."""
    text = str(getattr(exc, "orig", exc) or exc)
    lowered = text.lower()
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
