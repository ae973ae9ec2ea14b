"""Every screen on the demo data with a fixed today: a visual change is a reviewed diff (the
pipeline board's are in test_board_snapshots.py, at four sizes).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from pipeline_tui.store.database import Store
from tests.tui.conftest import make_app, pressing

SCREENS = [
    ("dashboard", []),
    ("clients", ["3"]),
    ("agenda", ["4"]),
    ("plan", ["5"]),
    ("review", ["6"]),
    ("offboarding", ["7"]),
    ("settings", ["8"]),
    ("quick-add", ["n", *"Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri"]),
    ("help", ["question_mark"]),
]


def pressing_at_end(keys: list[str]):
    return pressing(keys, settle_each=False)


@pytest.mark.parametrize(("name", "keys"), SCREENS, ids=[name for name, _ in SCREENS])
def test_screen(snap_compare, demo_store: Store, name: str, keys: list[str]) -> None:
    assert snap_compare(
        make_app(demo_store), terminal_size=(140, 45), run_before=pressing_at_end(keys)
    )


NARROW = {
    "dashboard": [],
    "clients": ["3"],
    "agenda": ["4"],
    "settings": ["8"],
}


@pytest.mark.parametrize("name", list(NARROW))
def test_screen_at_80x24(snap_compare, demo_store: Store, name: str) -> None:
    keys = NARROW[name]
    assert snap_compare(
        make_app(demo_store), terminal_size=(80, 24), run_before=pressing_at_end(keys)
    )


def test_dashboard_light_theme(snap_compare, demo_store: Store) -> None:
    from pipeline_tui.tui.app import PipelineApp

    app = PipelineApp(demo_store, demo_store.config, theme="textual-light")
    assert snap_compare(app, terminal_size=(140, 45), run_before=pressing_at_end([]))
