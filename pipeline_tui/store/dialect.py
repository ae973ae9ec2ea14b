"""The few things that differ between SQLite and PostgreSQL, kept in this one corner.

Everything else in pipeline-tui is portable SQLAlchemy. Each function here checks the dialect and
does the plain, portable thing where its special part does not apply.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from pipeline_tui.errors import DatabaseError
from pipeline_tui.store.database import Store
from pipeline_tui.store.errors import describe_db_error


def reset_id_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """PostgreSQL only: after rows were inserted with explicit ids, move each table's id sequence
    past the largest id, so that the next row gets a new id. (SQLite needs nothing: a new row's
    id follows the largest one in the table.)"""
    if conn.dialect.name != "postgresql":
        return
    for t in tables:
        if "id" not in t.c:
            continue
        largest = sa.func.max(t.c.id)
        conn.execute(
            sa.select(
                sa.func.setval(
                    sa.func.pg_get_serial_sequence(t.name, "id"),
                    sa.func.coalesce(largest, 1),
                    largest.is_not(None),
                )
            ).select_from(t)
        )


@contextmanager
def erasing_for_good(store: Store) -> Iterator[sa.Connection]:
    """A transaction whose overwritten values leave no copy in the database's files.

    SQLite only (the one SQLite-specific function of this module): ``secure_delete`` makes SQLite
    zero the space that changed values free inside pages; after the commit, a TRUNCATE checkpoint
    copies the write-ahead log into the file and empties it (the log still holds the older page
    images, with the values before the change), VACUUM rebuilds the file so that no free page or
    free space in a page keeps old bytes, and a last TRUNCATE checkpoint empties the log of the
    pages VACUUM wrote. Other databases get a plain transaction: reclaiming dead rows is the
    server's business (PostgreSQL's autovacuum).

    Raises DatabaseError when another program keeps the database open so the old copies cannot be
    cleared yet (the change itself is committed by then).
    """
    engine = store.engine
    if engine.dialect.name != "sqlite":
        with store.connection() as conn:
            yield conn
        return
    with engine.connect() as conn:
        raw: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
        default = raw.execute("PRAGMA secure_delete").fetchone()[0]  # some builds default to on
        raw.execute("PRAGMA secure_delete = ON")
        try:
            with conn.begin():
                yield conn
        finally:
            raw.execute(f"PRAGMA secure_delete = {int(default)}")
        try:
            for statement in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM"):
                raw.execute(statement).fetchall()
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise _not_cleared(store, str(describe_db_error(exc, store.where))) from exc
        if busy and busy[0]:
            raise _not_cleared(store, "another program is reading the database")


def _not_cleared(store: Store, why: str) -> DatabaseError:
    return DatabaseError(
        f"the erasure is saved, but old copies of the data may remain in {store.where} and its "
        f"-wal file: {why}. Close every other program using the database and run the same "
        "command again."
    )
