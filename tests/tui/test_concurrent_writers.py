"""Two writers of 200 lines each beside an open TUI: every write lands (issue 20, point 6).

The TUI keeps reading (the dashboard, refreshed while the writers go) through its own store; the
writers log activities through stores of their own, as two shells running `log` would.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from pipeline_tui.config import Config
from pipeline_tui.store.database import open_store
from tests.conftest import TODAY
from tests.helpers import log_lines
from tests.tui.conftest import make_app, settle

EACH = 200


async def test_two_writers_beside_an_open_tui_all_land(demo_db: Path) -> None:
    config = Config(db_url=f"sqlite:///{demo_db}", today=TODAY)
    tui_store = open_store(config)
    before = _activities(tui_store)
    errors: list[str] = []

    app = make_app(tui_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        writers = [
            threading.Thread(target=log_lines, args=(config, "Banque Rivemont", n, EACH, errors))
            for n in range(2)
        ]
        for writer in writers:
            writer.start()
        while any(w.is_alive() for w in writers):
            await pilot.press("f5")  # the dashboard reads again while the writers write
            await asyncio.to_thread(writers[0].join, 0.2)
        await settle(pilot)
    assert errors == []
    assert _activities(tui_store) == before + 2 * EACH
    tui_store.close()


def _activities(store) -> int:
    with store.read() as q:
        return q.rows("SELECT count(*) FROM activity")[0][0]
