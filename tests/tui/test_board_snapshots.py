"""The pipeline board and the deal detail as a person sees them, on the demo of seed 7 as of
24 Nov 2026 (rotting deals, a deal with its own probability): at 60×20 (headings in their short
form, never broken mid-word), 80×24, 140×45 and 200×60. Update with ``--snapshot-update`` on this
file and look at the SVGs before committing them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.demo import build_demo
from pipeline_tui.store.database import Store, open_store
from tests.tui.conftest import make_app, pressing

SEVEN_TODAY = date(2026, 11, 24)


def _open(path: Path) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=SEVEN_TODAY))


@pytest.fixture(scope="module")
def seven_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pipeline-tui --today 2026-11-24 demo --seed 7``, built once for the module."""
    path = tmp_path_factory.mktemp("demo-seven") / "demo.db"
    store = _open(path)
    build_demo(store, today=SEVEN_TODAY, seed=7)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def seven(seven_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    shutil.copy(seven_template, path)
    store = _open(path)
    yield store
    store.close()


@pytest.mark.parametrize(
    "size", [(60, 20), (80, 24), (140, 45), (200, 60)], ids="{0[0]}x{0[1]}".format
)
def test_board(snap_compare, seven: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(seven), terminal_size=size, run_before=pressing(["2"]))


def test_board_after_two_moves(snap_compare, seven: Store) -> None:
    """The second lead moved two stages: the selection is on it, in the meeting column, and
    nowhere else."""
    keys = ["2", "down", "right_square_bracket", "right_square_bracket"]
    assert snap_compare(make_app(seven), terminal_size=(140, 45), run_before=pressing(keys))


def test_deal_detail(snap_compare, seven: Store) -> None:
    keys = ["2", "right", "right", "enter"]  # the meeting column's first deal
    assert snap_compare(make_app(seven), terminal_size=(140, 45), run_before=pressing(keys))
