"""The review, the what-if and ``status`` on the demo, byte for byte (issue 16): read once, from
the read path, they print what computing each day's numbers on its own printed (the snapshots
were written before the change)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import check_snapshot, run_cli
from tests.conftest import TODAY

COMMANDS = {
    "review_2026-W47.json": ("review", "--week", "2026-W47", "--format", "json"),
    "review_2026-W48.json": ("review", "--week", "2026-W48", "--format", "json"),  # so far
    "whatif_gap_8000.json": ("whatif", "--gap", "8000", "--json"),
    "whatif_gap_12000_6_weeks.txt": ("whatif", "--gap", "12000", "--weeks", "6"),
    "status.json": ("status", "--json"),
}


def _run(path: Path, *args: str) -> str:
    result = run_cli("--db", str(path), "--today", TODAY.isoformat(), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_output_is_unchanged(demo_template: Path, name: str) -> None:
    check_snapshot(name, _run(demo_template, *COMMANDS[name]))


def test_the_whatif_of_the_largest_client_is_unchanged(demo_template: Path) -> None:
    top = json.loads(_run(demo_template, "status", "--json"))["worst_loss_client"]
    check_snapshot("whatif_largest_client.json", _run(demo_template, "whatif", top, "--json"))
