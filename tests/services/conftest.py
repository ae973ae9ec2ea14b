"""Fixtures of the service tests: the store and the demo on both backends, and a small prospect.

Every test here that takes ``store`` or ``demo`` runs twice, on SQLite and on PostgreSQL (a
database of its own, copied from a migrated template), unless it is marked ``sqlite_only`` with
the reason (it reads the SQLite file itself). Without ``PIPELINE_TUI_TEST_PG_URL`` the PostgreSQL
runs skip with the reason; with ``CI=true`` they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.services import clients, deals
from pipeline_tui.store.database import Store
from tests.conftest import TODAY, BuiltDemo, _open, open_empty

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("sqlite_only")
    if marker is not None:
        if not marker.args:
            raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs a reason")
        metafunc.parametrize("backend", ["sqlite"], indirect=True)
    else:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def store(backend: str, request: pytest.FixtureRequest, db_path: Path) -> Iterator[Store]:
    """An empty store: a SQLite file at ``db_path``, or a PostgreSQL database of its own."""
    if backend == "postgresql":
        yield request.getfixturevalue("pg_store")
        return
    store = open_empty(request.getfixturevalue("empty_template"), db_path)
    yield store
    store.close()


@pytest.fixture
def demo(backend: str, request: pytest.FixtureRequest, today: date):
    """The small demo in a store of the test's own (see tests/conftest.py), on either backend."""
    from tests.helpers import Demo

    if backend == "postgresql":
        store = request.getfixturevalue("pg_demo_store")
        summary = request.getfixturevalue("pg_demo_template")[1]
        yield Demo(store, store.config, summary, today)
        return
    built: BuiltDemo = request.getfixturevalue("demo_built")
    yield from _sqlite_demo(built, request.getfixturevalue("db_path"), today)


def _sqlite_demo(built: BuiltDemo, db_path: Path, today: date):
    import shutil

    from tests.helpers import Demo

    shutil.copy(built.path, db_path)
    store = _open(db_path)
    yield Demo(store, store.config, built.summary, today)
    store.close()


@pytest.fixture
def lead(store: Store):
    """A prospect with a contact and a fresh lead deal (created on TODAY, a Thursday)."""
    client = clients.add_client(store, "Cimentis")
    contact = clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    deal = deals.add_deal(
        store, client.id, "Plateforme data", on=TODAY, contact_id=contact.id, channel="emailing"
    )
    return client, contact, deal
