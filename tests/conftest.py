"""Fixtures shared by every test layer: a fixed today, a fresh store, the CLI runner, and the
small demo database (seed 42, today = TODAY) built once per run and copied for tests that write.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest
from click.testing import CliRunner

from pipeline_tui.config import Config
from pipeline_tui.demo import DemoSummary, build_demo
from pipeline_tui.store.database import Store, open_store

if TYPE_CHECKING:
    from tests.helpers import Demo

TODAY = date(2026, 11, 26)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds a large database (seconds, not milliseconds)")


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pipeline.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    store = open_store(Config(db_url=f"sqlite:///{db_path}", today=TODAY))
    yield store
    store.close()


@pytest.fixture
def cli_run():
    """Run the CLI in-process, the way a user types it; returns click's Result."""
    from pipeline_tui.cli import cli

    def run(*args: str, env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return run


# --- the small demo ------------------------------------------------------------------------------


class BuiltDemo(NamedTuple):
    path: Path
    summary: DemoSummary


def _open(path: Path) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> BuiltDemo:
    """``build_demo(today=TODAY, seed=42)`` once per run (the same rows as ``pipeline-tui --db X
    --today 2026-11-26 demo --no-open``), WAL checkpointed, store closed; and what it wrote."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    store = _open(path)
    summary = build_demo(store, today=TODAY, seed=42)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return BuiltDemo(path, summary)


@pytest.fixture(scope="session")
def demo_template(demo_built: BuiltDemo) -> Path:
    """The demo file shared by the whole run: read it, never write it (copy it: ``demo_db``)."""
    return demo_built.path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo file, for tests that write."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """An open store on a private copy of the demo; closed at teardown."""
    store = _open(demo_db)
    yield store
    store.close()


@pytest.fixture
def demo(demo_built: BuiltDemo, db_path: Path, today: date) -> Iterator[Demo]:
    """The small demo in a store of the test's own at ``db_path`` (the offboarding story): a copy
    of the template, with the summary ``build_demo`` returned when it was built. It is written at
    ``db_path``, so use ``demo.store``, not the ``store`` fixture, alongside it."""
    from tests.helpers import Demo

    shutil.copy(demo_built.path, db_path)
    store = _open(db_path)
    yield Demo(store, store.config, demo_built.summary, today)
    store.close()
