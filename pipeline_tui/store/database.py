"""The store: an engine at the right schema, and transactional sessions over it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlmodel import Session

from pipeline_tui.config import Config
from pipeline_tui.errors import DatabaseError
from pipeline_tui.store.engine import WRITE_OPTION, create_store_engine, use_wal
from pipeline_tui.store.errors import describe_db_error
from pipeline_tui.store.journal import Journal
from pipeline_tui.store.migrate import ensure_schema
from pipeline_tui.store.reader import EngineReader, Reader, SqliteReader
from pipeline_tui.store.sqlite_open import read_only_uri, refusal
from pipeline_tui.store.writes.summaries import track


class Store:
    """Owns the engine; hands out sessions whose block is one transaction."""

    def __init__(
        self,
        engine: Engine,
        config: Config,
        backup: str | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.engine = engine
        self.config = config
        self.backup_written = backup
        # the same engine and pool; its transactions begin as writes (``store.engine``)
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._sound: bool | None = None  # None: not checked yet (``store.integrity``)
        self.read_only = read_only  # a SQLite file it cannot write (``store.sqlite_open``)
        self.journal: Journal | None = None  # the TUI's undo stack (``store.journal``)

    def _check_writable(self) -> None:
        """Refuse to write into a damaged SQLite file (checked once, before the first write)."""
        path = self.config.sqlite_path
        if path is None or self._sound:
            return
        if self.read_only:
            raise describe_db_error(refusal(path), str(path))
        from pipeline_tui.store import integrity

        if self._sound is None:
            self._sound = integrity.known_good(path) or integrity.quick_problem(self.engine) is None
            if self._sound:
                integrity.remember_good(path)
        if not self._sound:
            problem = integrity.quick_problem(self.engine)
            raise DatabaseError(
                f"{path} is damaged ({problem}); it is open read-only and nothing was written. "
                f"Keep a copy of the file, then recover it: sqlite3 {path} .recover | sqlite3 "
                "recovered.db"
            )

    def start_journal(self) -> Journal:
        """From now on, record each write for undo (``store.journal``)."""
        if self.journal is None:
            self.journal = Journal()
        return self.journal

    @property
    def where(self) -> str:
        path = self.config.sqlite_path
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose ``with`` block commits on success and rolls back on any error; before
        the commit, the summaries of the deals it touched are refreshed (``writes.summaries``)."""
        self._check_writable()
        journal = self.journal
        with Session(self._writer, expire_on_commit=False) as session:
            recorder = journal.record(session) if journal is not None else None
            summaries = track(session)
            try:
                yield session
                summaries.refresh()  # the deals' summaries, exact in the same transaction
                step = recorder.finish() if recorder is not None else None
                session.commit()
                if journal is not None and step is not None:
                    journal.push(step)
            except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
                session.rollback()
                if isinstance(exc, sa_exc.IntegrityError):
                    raise
                raise describe_db_error(exc, self.where) from exc
            except BaseException:
                session.rollback()
                raise
            finally:
                summaries.close()
                if recorder is not None:
                    recorder.close()

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        """A core connection in one transaction, for bulk work."""
        self._check_writable()
        try:
            with self._writer.begin() as conn:
                yield conn
        except sa_exc.IntegrityError:
            raise
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
            raise describe_db_error(exc, self.where) from exc

    @contextmanager
    def snapshot(self) -> Iterator[sa.Connection]:
        """A core connection in one read transaction (exports): it takes no write lock, so
        writers go on while a long export reads one consistent state."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as exc:
            raise describe_db_error(exc, self.where) from exc

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """One read transaction for the read path's plain SQL (``store.reader``). On SQLite the
        queries go to the driver's own connection, as on the fast path."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield _reader_on(conn)
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.Error) as exc:
            raise describe_db_error(exc, self.where) from exc

    def close(self) -> None:
        self.engine.dispose()
        if self._sound and self.config.sqlite_path is not None:
            # checked before this process wrote: the file as the writes left it is good too
            from pipeline_tui.store import integrity

            integrity.remember_good(self.config.sqlite_path)


def _reader_on(conn: sa.Connection) -> Reader:
    if conn.dialect.name == "sqlite":
        return SqliteReader(conn.connection.driver_connection)
    return EngineReader(conn)


def reader_in(session: Session) -> Reader:
    """The read path's queries inside a session's transaction (one snapshot with ORM reads)."""
    return _reader_on(session.connection())


def open_store(config: Config) -> Store:
    """Open (creating if needed) the database and bring it to the current schema."""
    where = str(config.sqlite_path or config.db_url)
    path = config.sqlite_path
    engine = create_store_engine(config)  # creates a new SQLite file: decide read-only after
    read_only = path is not None and read_only_uri(path) is not None
    try:
        backup = ensure_schema(engine, path)
        if not read_only:
            use_wal(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.Error) as exc:
        engine.dispose()
        raise describe_db_error(exc, where) from exc
    return Store(engine, config, backup, read_only=read_only)
