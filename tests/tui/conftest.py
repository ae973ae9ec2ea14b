"""TUI tests run the real app on a copy of the demo database, with a fixed today."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.demo import build_demo
from pipeline_tui.store.database import Store, open_store
from tests.conftest import TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    build_demo(store, today=TODAY, seed=42)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    yield store
    store.close()


def make_app(store: Store):
    from pipeline_tui.tui.app import PipelineApp

    return PipelineApp(store, store.config)


async def settle(pilot, rounds: int = 4) -> None:
    """Let workers (database reads) finish and their results paint."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    # Tables size their columns when idle: give idle a moment before anyone looks.
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)
