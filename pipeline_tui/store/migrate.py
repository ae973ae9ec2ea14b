"""Bringing a database to the schema this code expects.

At every start ``ensure_schema`` reads the stored Alembic revision with one plain query. When it is
already the head revision nothing else happens: Alembic (about half a second to import) is only
imported when there is something to upgrade. The revisions this code knows are read from the
migration files' text, so no Alembic import is needed to know them either, and this module imports
no SQLAlchemy until it is asked about an engine (the read path checks the revision without it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_tui.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

VERSION_TABLE = "alembic_version"
_REVISION = re.compile(r"^revision(?:: str)?\s*=\s*['\"]([0-9a-zA-Z_]+)['\"]", re.M)
_DOWN_REVISION = re.compile(
    r"^down_revision(?:: [^=]+)?\s*=\s*(?:['\"]([0-9a-zA-Z_]+)['\"]|None)", re.M
)


def migrations_dir() -> Path:
    """The Alembic environment: inside the installed package, or top-level in a source tree."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "migrations", package.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise DatabaseError("the migrations are missing from this installation of pipeline-tui")


@dataclass(frozen=True)
class Revisions:
    head: str
    known: frozenset[str]


@cache
def known_revisions() -> Revisions:
    """Every revision shipped with this code, and the head (the one nothing builds on)."""
    revisions: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if rev and down:
            revisions[rev.group(1)] = down.group(1)
    parents = {down for down in revisions.values() if down}
    heads = [rev for rev in revisions if rev not in parents]
    if len(heads) != 1:
        raise DatabaseError(f"the shipped migrations have {len(heads)} heads; expected one")
    return Revisions(head=heads[0], known=frozenset(revisions))


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, or None for a database without one."""
    import sqlalchemy as sa

    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _has_tables(engine: Engine) -> bool:
    import sqlalchemy as sa

    with engine.connect() as conn:
        return bool(sa.inspect(conn).get_table_names())


def ensure_schema(engine: Engine, sqlite_path: Path | None) -> str | None:
    """Upgrade the database to head if needed; return the path of the backup written, if any."""
    revisions = known_revisions()
    current = stored_revision(engine)
    if current == revisions.head:
        return None
    if current is not None and current not in revisions.known:
        raise DatabaseError(
            f"the database is at revision {current}, which this version of pipeline-tui does "
            "not know: it was written by a newer version. Upgrade pipeline-tui to open it."
        )
    if current is None and _has_tables(engine):
        raise DatabaseError(
            "this database has tables but no pipeline-tui version: it is not a pipeline-tui "
            "database, and it was left untouched"
        )
    backup = None
    if current is not None and sqlite_path is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = sqlite_path.with_name(f"{sqlite_path.name}.{current}.{stamp}.bak")
        from pipeline_tui.store.backup import backup_sqlite

        backup_sqlite(engine, backup)
    upgrade(engine)
    return str(backup) if backup else None


def alembic_config(engine: Engine):
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    engine.dispose()  # connections may hold the old schema in their statement cache
