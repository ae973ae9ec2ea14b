"""The import/export screen as it looks: a visual change is a reviewed diff.

Update after an intended change with
``pytest tests/tui/test_transfer_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

from pipeline_tui.store.database import Store
from tests.helpers import TransferHost, write_linkedin
from tests.tui.conftest import settle


def test_the_screen_when_it_opens(snap_compare, store: Store) -> None:
    assert snap_compare(TransferHost(store, store.config), terminal_size=(100, 32))


def test_the_report_after_an_import(snap_compare, store: Store, tmp_path: Path, monkeypatch):
    rows = [
        ["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "Acme SAS", "CTO", "12 Mar 2024"],
        ["Bob", "Roy", "", "", "", "", "12 Mar 2024"],
        ["Zoé", "Roy", "https://www.linkedin.com/in/zoe", "zoe@", "", "", "12 Mar 2024"],
    ]
    write_linkedin(tmp_path / "Connections.csv", rows)
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*"Connections.csv", "enter")
        await settle(pilot)

    app = TransferHost(store, store.config)
    assert snap_compare(app, terminal_size=(100, 32), run_before=run_before)
