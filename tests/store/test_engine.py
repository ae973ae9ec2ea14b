"""The engine factory: pragmas, file mode, transactions."""

from __future__ import annotations

import stat

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Contact


def test_sqlite_pragmas_are_set_on_every_connection(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_database_file_is_readable_by_the_user_only(store: Store, db_path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    wal = db_path.with_name(db_path.name + "-wal")
    with store.engine.connect():
        if wal.exists():
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sa_exc.IntegrityError), store.session() as session:
        session.add(Contact(first_name="Orphan", client_id=999))


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.session() as session:
        session.add(Client(name="Half written"))
        session.flush()
        raise Boom
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM client")).scalar() == 0


def test_busy_timeout_follows_the_environment(tmp_path, monkeypatch) -> None:
    from pipeline_tui.config import Config
    from pipeline_tui.store.database import open_store

    monkeypatch.setenv("PIPELINE_TUI_BUSY_TIMEOUT_MS", "250")
    store = open_store(Config.from_options(str(tmp_path / "t.db"), None))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 250
    finally:
        store.close()
