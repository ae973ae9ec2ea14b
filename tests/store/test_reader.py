"""The read path (``store.reader``): plain SQL through ``sqlite3`` alone, or through an engine."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.errors import DatabaseError
from pipeline_tui.services.numbers import compute_numbers, numbers_json
from pipeline_tui.store.database import Store, open_store
from pipeline_tui.store.reader import (
    READ_CACHE_KIB,
    EngineReader,
    SqliteReadStore,
    bind,
    open_read_store,
)
from tests.conftest import TODAY


def test_list_parameters_are_expanded_for_in() -> None:
    sql, values = bind(
        "SELECT 1 WHERE a IN :ids AND b = :b AND c IN :cs", {"ids": [3, 4], "b": 1, "cs": ("x",)}
    )
    assert sql == "SELECT 1 WHERE a IN (:ids_0, :ids_1) AND b = :b AND c IN (:cs_0)"
    assert values == {"ids_0": 3, "ids_1": 4, "b": 1, "cs_0": "x"}
    assert bind("SELECT :a", {"a": 1}) == ("SELECT :a", {"a": 1})
    with pytest.raises(ValueError, match="empty"):
        bind("SELECT 1 WHERE a IN :ids", {"ids": []})


def test_a_name_inside_another_is_left_alone() -> None:
    sql, values = bind("SELECT :idsx, :ids", {"ids": [1], "idsx": 2})
    assert (sql, values) == ("SELECT :idsx, (:ids_0)", {"idsx": 2, "ids_0": 1})
    with pytest.raises(KeyError, match=":nothing"):
        bind("SELECT :nothing", {})


def _config(path: Path | str) -> Config:
    return Config(db_url=f"sqlite:///{path}", today=TODAY)


def test_the_fast_path_opens_a_file_at_the_current_schema(demo_db: Path) -> None:
    reads = open_read_store(_config(demo_db))
    assert isinstance(reads, SqliteReadStore)
    try:
        store = open_store(_config(demo_db))
        try:
            fast = numbers_json(compute_numbers(reads, TODAY))
            assert fast == numbers_json(compute_numbers(store, TODAY))
        finally:
            store.close()
    finally:
        reads.close()


def test_no_fast_path_where_the_store_must_open(tmp_path: Path) -> None:
    missing = tmp_path / "new.db"
    assert open_read_store(_config(missing)) is None
    assert not missing.exists()  # not created: the full open creates it, 0600
    assert open_read_store(Config(db_url="sqlite://", today=TODAY)) is None
    assert open_read_store(Config(db_url="postgresql://u@h/db", today=TODAY)) is None
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 100)
    assert open_read_store(_config(notes)) is None
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    assert open_read_store(_config(foreign)) is None


def test_an_older_revision_goes_through_the_upgrade(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003_offboarding'")
    conn.close()
    assert open_read_store(_config(demo_db)) is None


def test_the_fast_path_cannot_write(demo_db: Path) -> None:
    reads = open_read_store(_config(demo_db))
    assert reads is not None
    with pytest.raises(DatabaseError), reads.read() as q:
        q.rows("DELETE FROM deal")
    with reads.read() as q:
        assert q.rows("SELECT count(*) FROM deal")[0][0] > 0
    reads.close()


def test_every_read_connection_has_the_page_cache_sized_for_the_job(demo_db: Path) -> None:
    reads = open_read_store(_config(demo_db))
    assert reads is not None
    try:
        with reads.read() as first, reads.read() as second:  # the adopted one and a new one
            for q in (first, second):
                assert q.rows("PRAGMA cache_size") == [(-READ_CACHE_KIB,)]
                assert q.rows("PRAGMA query_only") == [(1,)]
    finally:
        reads.close()
    assert READ_CACHE_KIB * 1024 > 2_048_000  # more than SQLite's default


def test_each_read_sees_what_was_committed_before_it(demo_db: Path) -> None:
    reads = open_read_store(_config(demo_db))
    store = open_store(_config(demo_db))
    try:
        with reads.read() as q:
            before = q.rows("SELECT count(*) FROM client")[0][0]
        from pipeline_tui.services.clients import add_client

        add_client(store, "Nouvelle Société")
        with reads.read() as q:
            assert q.rows("SELECT count(*) FROM client")[0][0] == before + 1
    finally:
        store.close()
        reads.close()


class _EngineSource:
    """The read path through SQLAlchemy (as on PostgreSQL), here on the SQLite file."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def read(self) -> Iterator[EngineReader]:
        with self.store.engine.connect() as conn, conn.begin():
            yield EngineReader(conn)


def test_the_same_sql_through_an_engine_gives_the_same_numbers(demo_db: Path) -> None:
    from pipeline_tui.services.dashboard import load_dashboard

    store = open_store(_config(demo_db))
    try:
        through_engine = load_dashboard(_EngineSource(store), TODAY)
        direct = load_dashboard(store, TODAY)
        assert numbers_json(through_engine.numbers) == numbers_json(direct.numbers)
        assert through_engine.trend == direct.trend
        assert through_engine.plan == direct.plan
        assert (through_engine.overdue_count, through_engine.due_today_count) == (
            direct.overdue_count,
            direct.due_today_count,
        )
    finally:
        store.close()


def test_status_reads_without_sqlalchemy(demo_db: Path) -> None:
    """``status --json`` on a database at the current schema never imports SQLAlchemy."""
    code = textwrap.dedent(
        f"""
        import sys
        from pipeline_tui.cli import cli
        try:
            cli(["--db", {str(demo_db)!r}, "--today", "{TODAY}", "status", "--json"])
        except SystemExit:
            pass
        heavy = [m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules]
        print("HEAVY", heavy, file=sys.stderr)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert '"monthly_revenue"' in out.stdout
    assert "HEAVY []" in out.stderr, out.stderr


def test_the_days_are_read_the_same_on_both_paths(demo_db: Path) -> None:
    from pipeline_tui.store.queries import missions

    store = open_store(_config(demo_db))
    try:
        with store.read() as q:
            direct = missions.mission_facts(q)
        with _EngineSource(store).read() as q:
            through = missions.mission_facts(q)
        assert direct == through
        assert all(isinstance(m.start_on, date) for m in direct)
    finally:
        store.close()


def test_sqlite_gets_positional_parameters() -> None:
    from pipeline_tui.store.reader import SqliteReader

    sql, values = SqliteReader.prepare(
        "SELECT 1 WHERE a IN :ids AND b = :day AND c = :day", {"ids": [1, 2], "day": TODAY}
    )
    assert sql == "SELECT 1 WHERE a IN (?, ?) AND b = ? AND c = ?"
    assert values == (1, 2, "2026-11-26", "2026-11-26")
    with pytest.raises(KeyError, match=":missing"):
        SqliteReader.prepare("SELECT :missing", {})
    with pytest.raises(ValueError, match="empty"):
        SqliteReader.prepare("SELECT 1 WHERE a IN :ids", {"ids": ()})
