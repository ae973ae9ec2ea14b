"""Helpers of the CLI tests: click's runner without the fixture, and the Markdown snapshots.

Snapshots: ``PIPELINE_TUI_UPDATE_SNAPSHOTS=1 python -m pytest tests/cli`` rewrites the expected
files under ``tests/cli/snapshots/`` instead of comparing with them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

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
