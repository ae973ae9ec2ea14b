"""Fixtures shared by every test tree: a fixed today, a fresh store, the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline_tui.config import Config
from pipeline_tui.store.database import Store, open_store

TODAY = date(2026, 11, 26)


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


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline_tui ARGS`` as a separate process (for sys.modules, locks…)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("PIPELINE_TUI_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "pipeline_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
