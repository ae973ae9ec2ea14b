"""Writers side by side: every write waits for the lock instead of being refused.

A deferred ``BEGIN`` that reads and then writes after another connection committed gets "database
is locked" at once (SQLite does not retry it, whatever the busy timeout): 195 of 300 such writes
were refused before writes began with ``BEGIN IMMEDIATE`` (``store.engine``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa

from pipeline_tui.config import Config
from pipeline_tui.services import clients
from pipeline_tui.store.database import open_store
from tests.conftest import TODAY
from tests.helpers import log_lines

WRITERS, EACH = 3, 60


def test_concurrent_writers_all_land(tmp_path: Path) -> None:
    config = Config(db_url=f"sqlite:///{tmp_path / 'shared.db'}", today=TODAY)
    first = open_store(config)
    clients.add_client(first, "Acme")
    reader = open_store(config)
    errors: list[str] = []

    threads = [
        threading.Thread(target=log_lines, args=(config, "Acme", n, EACH, errors))
        for n in range(WRITERS)
    ]
    with reader.read() as q:  # a reader holding a snapshot does not block the writers
        q.rows("SELECT count(*) FROM activity")
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    with first.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM activity")).scalar() == WRITERS * EACH
    first.close()
    reader.close()
