"""Snapshots of the cadence and sequence editors on the demo data (a fixed today): the plan
screen with a paused cadence, the cadence form of an existing cadence, the sequences screen,
and the sequence form with a wrong step named under it.

Update after an intended change with ``pytest tests/tui/test_plan_snapshots.py
--snapshot-update`` and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from pipeline_tui.store.database import Store
from tests.tui.conftest import make_app, pressing

VIEWS = [
    ("plan-paused-cadence", ["5", "down", "p"]),
    ("cadence-form", ["5", "e"]),
    ("sequences", ["5", "s"]),
    ("sequence-form", ["5", "s", "a", *"Relance courte", "tab", *"email:0, cal:3"]),
]


@pytest.mark.parametrize(("name", "keys"), VIEWS, ids=[name for name, _ in VIEWS])
def test_plan_editing(snap_compare, demo_store: Store, name: str, keys: list[str]) -> None:
    assert snap_compare(make_app(demo_store), terminal_size=(140, 45), run_before=pressing(keys))
