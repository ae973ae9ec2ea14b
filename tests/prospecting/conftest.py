"""Fixtures of the prospecting tests: a demo database built once through the CLI, small stores.

Snapshots: ``PIPELINE_TUI_UPDATE_SNAPSHOTS=1 python -m pytest tests/prospecting`` rewrites the
expected files under ``tests/prospecting/snapshots/`` instead of comparing with them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline_tui.config import Config
from pipeline_tui.services import clients, deals, missions
from pipeline_tui.store.database import Store, open_store
from tests.conftest import TODAY

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_ENV = "PIPELINE_TUI_UPDATE_SNAPSHOTS"


def check_snapshot(name: str, actual: str) -> None:
    """Compare ``actual`` with the stored snapshot, or store it when updating."""
    path = SNAPSHOTS / name
    if os.environ.get(UPDATE_ENV) == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get(UPDATE_ENV) != "1":
            pytest.fail(f"snapshot {name} did not exist; written, check it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} changed; if that is intended, rerun with {UPDATE_ENV}=1"


def run_cli(*args: str):
    from pipeline_tui.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The small demo, built once with ``pipeline-tui --db X --today 2026-11-26 demo --no-open``."""
    path = tmp_path_factory.mktemp("prospecting-demo") / "demo.db"
    result = run_cli("--db", str(path), "--today", TODAY.isoformat(), "demo", "--no-open")
    assert result.exit_code == 0, result.output
    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo, for tests that write."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture
def demo_store(demo_copy: Path) -> Iterator[Store]:
    store = open_store(Config(db_url=f"sqlite:///{demo_copy}", today=TODAY))
    yield store
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


def add_active_client(store: Store, name: str, day_rate_cents: int, days: float):
    client = clients.add_client(store, name)
    missions.add_mission(
        store,
        client.id,
        f"Mission {name}",
        TODAY - timedelta(days=120),
        day_rate_cents=day_rate_cents,
        days_per_month=days,
    )
    return client


MONDAY: date = TODAY - timedelta(days=TODAY.weekday())
"""The Monday of TODAY's ISO week (2026-11-23)."""
