"""The read path: the numbers' queries as plain, portable SQL, without the ORM.

Everything the dashboard and ``status`` show is read here, as aggregate SELECTs written once in SQL
that SQLite and PostgreSQL both run. On a SQLite file at the current schema the queries go through
the standard library's ``sqlite3`` alone: SQLAlchemy and SQLModel (about half a second to import,
and 30 MB) are not loaded to show the numbers, only when something is written. On any other
database, or while the schema needs an upgrade, the same SQL runs through the store's engine.

A :class:`Reader` runs queries inside one read transaction (a consistent snapshot); its source is
either a :class:`~pipeline_tui.store.database.Store` (``store.read()``) or, on the fast path, a
:class:`SqliteReadStore` from :func:`open_read_store`.

Parameters are named (``:name``; so no literal in this SQL holds a colon); a list or tuple value is
expanded for ``IN :name``. On SQLite they are handed to the driver as positional ``?``. Dates are
passed as dates and come back as ISO text on SQLite and as dates elsewhere: read them with
:meth:`Reader.day` or :func:`day`.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from pipeline_tui.config import Config
from pipeline_tui.store.errors import describe_db_error
from pipeline_tui.store.sqlite_open import connect_sqlite

_PARAM = re.compile(r"(?<![:\w]):(\w+)")


def bind(
    sql: str, params: Mapping[str, Any] | None, *, positional: bool = False
) -> tuple[str, Any]:
    """``sql`` and its parameters as a driver takes them: named (``:name``, a dict) or
    positional (``?``, a tuple). A list, tuple or set value is expanded for ``IN :name``."""
    named = params or {}
    values: list[Any] = []
    out: dict[str, Any] = {}

    def one(name: str, value: Any) -> str:
        if positional:
            values.append(value)
            return "?"
        out[name] = value
        return f":{name}"

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in named:
            raise KeyError(f"no value for the parameter :{name}")
        value = named[name]
        if not isinstance(value, list | tuple | set | frozenset):
            return one(name, value)
        items = list(value)
        if not items:
            raise ValueError(f"the list parameter {name!r} is empty")
        return "(" + ", ".join(one(f"{name}_{i}", item) for i, item in enumerate(items)) + ")"

    sql = _PARAM.sub(replace, sql)
    return (sql, tuple(values)) if positional else (sql, out)


def day(value: Any) -> date | None:
    """A date column as read: ISO text on SQLite, already a date on PostgreSQL, or None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class Reader(Protocol):
    dialect: str

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row of a SELECT, as plain tuples."""
        ...

    @property
    def day(self) -> Callable[[Any], Any]:
        """:func:`day` for non-null values, without a Python call per row on SQLite."""
        ...


def first_value(q: Reader, sql: str, params: Mapping[str, Any] | None = None) -> Any:
    """The first column of the first row, or None when the query finds no row."""
    rows = q.rows(sql, params)
    return rows[0][0] if rows else None


class ReadSource(Protocol):
    def read(self) -> AbstractContextManager[Reader]:
        """One read transaction: every query in the block sees the same state."""
        ...


def _sqlite_value(value: Any) -> Any:
    # The stored form of dates (what SQLAlchemy's Date type writes): ISO text.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


class SqliteReader:
    """Queries on a ``sqlite3`` connection (whoever opened it owns the transaction)."""

    dialect = "sqlite"
    day = staticmethod(date.fromisoformat)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    @staticmethod
    def prepare(sql: str, params: Mapping[str, Any] | None) -> tuple[str, tuple[Any, ...]]:
        """The statement and parameters as the driver gets them: positional (``?``), which
        ``sqlite3`` binds several times faster than names when an IN list has thousands."""
        sql, values = bind(sql, params, positional=True)
        return sql, tuple(_sqlite_value(v) for v in values)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._connection.execute(*self.prepare(sql, params)).fetchall()


class EngineReader:
    """The same queries through a SQLAlchemy connection (PostgreSQL, or any other URL)."""

    day = staticmethod(day)  # dates come back typed, except from SQLite (tests)

    def __init__(self, connection: Any) -> None:
        import sqlalchemy as sa

        self._text = sa.text
        self._connection = connection
        self.dialect = connection.dialect.name

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        sql, values = bind(sql, params)
        return [tuple(row) for row in self._connection.execute(self._text(sql), values)]


READ_CACHE_KIB = 8 * 1024
"""The page cache of a read connection, in KiB (SQLite's default is 2 MB); SQLite fills it only
as pages are read. On the ×10 demo (1M activities) reading the dashboard asked the OS for 172k
pages with 2 MB, 42k with 8 MiB, 26k with 32 MiB, and its queries took 10-15 % less time with 8
MiB, no less with more, while each MiB more stayed resident; on the large demo it changed
nothing. ``mmap_size`` saves as much but counts every page it maps as resident memory, so it is
not used. See benchmarks/README.md."""


def _read_only(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA query_only = ON")
    connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")


class SqliteReadStore:
    """A SQLite file at the current schema, read through ``sqlite3`` only (``query_only``).

    Connections are kept for reuse, one per concurrent reader (workers run on their own threads).
    """

    def __init__(self, path: Path, config: Config) -> None:
        self.path = path
        self.config = config
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @property
    def where(self) -> str:
        return str(self.path)

    def connect(self) -> sqlite3.Connection:
        connection = connect_sqlite(
            self.path,
            timeout=self.config.busy_timeout_ms / 1000,
            isolation_level=None,  # transactions are begun below, explicitly
            check_same_thread=False,  # handed from thread to thread, never shared at once
        )
        connection.execute(f"PRAGMA busy_timeout = {int(self.config.busy_timeout_ms)}")
        _read_only(connection)
        return connection

    def adopt(self, connection: sqlite3.Connection) -> None:
        """Keep an open connection (the one the revision was checked on) for reuse."""
        _read_only(connection)
        with self._lock:
            self._idle.append(connection)

    @contextmanager
    def read(self) -> Iterator[Reader]:
        with self._lock:
            connection = self._idle.pop() if self._idle else None
        try:
            connection = connection or self.connect()
            connection.execute("BEGIN")
            try:
                yield SqliteReader(connection)
            finally:
                connection.execute("ROLLBACK")  # nothing was written: end the snapshot
        except sqlite3.Error as exc:
            if connection is not None:
                connection.close()
            raise describe_db_error(exc, self.where) from exc
        except BaseException:
            self._release(connection)
            raise
        self._release(connection)

    def _release(self, connection: sqlite3.Connection | None) -> None:
        if connection is not None:
            with self._lock:
                self._idle.append(connection)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


def open_read_store(config: Config) -> SqliteReadStore | None:
    """The fast read path for ``config``, or None when the full store must be opened instead
    (not a SQLite file, a file that does not exist yet or needs an upgrade, any error: the full
    open creates, migrates, and words the problem)."""
    from pipeline_tui.store.migrate import VERSION_TABLE, known_revisions

    path = config.sqlite_path
    if path is None or not path.is_file():
        return None
    try:
        connection = connect_sqlite(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.Error:
        row = None
    try:
        head = known_revisions().head
    except Exception:
        row = None
    if row is None or row[0] != head:
        connection.close()
        return None
    source = SqliteReadStore(path, config)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(config.busy_timeout_ms)}")
        source.adopt(connection)
    except sqlite3.Error:
        connection.close()
        return None
    return source
