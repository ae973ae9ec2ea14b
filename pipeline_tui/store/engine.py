"""The engine factory: one place that knows how to open the store.

For SQLite it creates the file readable by the user only (0600), turns on WAL, foreign keys and a
busy timeout, and makes every transaction explicit (``BEGIN`` … ``COMMIT``), DDL included, so that a
failed write or migration leaves the file as it was. Other URLs (PostgreSQL) go through unchanged.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pipeline_tui.config import Config, default_data_dir
from pipeline_tui.errors import DatabaseError
from pipeline_tui.store.sqlite_open import connect_sqlite, read_only_uri


def prepare_sqlite_file(path: Path) -> None:
    """Make sure ``path`` can be opened as the database, creating it (mode 0600) if new."""
    if path.is_dir():
        raise DatabaseError(f"cannot open the database {path}: it is a folder, not a file")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseError(f"cannot open the database {path}: permission denied")
        return
    parent = path.parent
    if parent == default_data_dir():
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not parent.exists():
        raise DatabaseError(
            f"cannot create the database {path}: the folder {parent} does not exist"
        )
    if not parent.is_dir():
        raise DatabaseError(f"cannot create the database {path}: {parent} is not a folder")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the database {path}: the folder {parent} is not writable "
            f"({exc.strerror})"
        ) from exc
    os.close(fd)
    os.chmod(path, 0o600)  # whatever the umask said


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below open transactions, DDL included.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # No journal-mode switch here: it rewrites the file's header, and a file may turn
            # out not to be ours (``use_wal`` runs once the schema says it is).
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return on_connect


WRITE_OPTION = "pipeline_tui_write"
"""Execution option of the connections that write (``Store.session`` and ``Store.connection``)."""


def create_store_engine(config: Config) -> Engine:
    """An engine for ``config.db_url``; for SQLite, the file is prepared and pragmas are set."""
    path = config.sqlite_path
    if path is not None:
        prepare_sqlite_file(path)
    if not config.db_url.startswith("sqlite"):
        try:
            return sa.create_engine(config.db_url, pool_pre_ping=True)
        except ModuleNotFoundError as exc:
            raise DatabaseError(
                f"the database driver {exc.name!r} is not installed; for PostgreSQL: "
                "pip install 'pipeline-tui[postgres]'"
            ) from exc

    connect_args = {"timeout": config.busy_timeout_ms / 1000, "check_same_thread": False}
    if path is not None and read_only_uri(path) is not None:
        engine = sa.create_engine(
            "sqlite://",
            creator=lambda: connect_sqlite(path, **connect_args),
            poolclass=sa.pool.QueuePool,
        )
    else:
        engine = sa.create_engine(config.db_url, connect_args=connect_args)
    event.listen(engine, "connect", _sqlite_pragmas(config.busy_timeout_ms))

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # A write takes the write lock when it starts (IMMEDIATE), so that the busy timeout
        # applies: a deferred transaction that reads and then writes after another writer
        # committed gets "database is locked" at once, which SQLite never retries.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def use_wal(engine: Engine) -> None:
    """Put a pipeline-tui SQLite database in WAL mode (readers never wait for the writer); the
    mode stays in the file. Called only once the file is known to be ours."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        mode = driver.execute("PRAGMA journal_mode").fetchone()[0]
        if mode not in ("wal", "memory"):
            driver.execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()
