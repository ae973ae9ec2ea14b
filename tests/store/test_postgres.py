"""The same imports, exports and erasure on PostgreSQL (the store's other dialect).

Runs when ``PIPELINE_TUI_TEST_PG_URL`` names a PostgreSQL server database the tests may create
databases from, e.g. ``postgresql+psycopg://user@/postgres?host=/tmp``; skipped with the reason
otherwise, and failed instead with ``CI=true`` (``pg_server`` in tests/conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline_tui.demo import build_demo
from pipeline_tui.services.clients import add_client
from pipeline_tui.services.numbers import compute_numbers, numbers_json
from pipeline_tui.services.transfer.forget import forget_contact, resolve_contact
from pipeline_tui.services.transfer.json_io import export_json, import_json
from pipeline_tui.services.transfer.linkedin import import_linkedin
from pipeline_tui.store.database import Store
from tests.conftest import TODAY, PgServer
from tests.helpers import write_linkedin


@pytest.fixture
def pg_stores(pg_server: PgServer, pg_empty_template: str) -> Iterator[tuple[Store, Store]]:
    """Two empty stores, each in a PostgreSQL database of its own (see tests/conftest.py)."""
    names = [pg_server.create(pg_empty_template) for _ in range(2)]
    stores = [pg_server.open(name) for name in names]
    try:
        yield stores[0], stores[1]
    finally:
        for store in stores:
            store.close()
        for name in names:
            pg_server.drop(name)


def test_round_trip_import_and_erasure_on_postgresql(pg_stores, tmp_path: Path) -> None:
    first, second = pg_stores
    build_demo(first, today=TODAY, seed=42)
    exported = export_json(first, today=TODAY)
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    import_json(second, path)
    assert export_json(second, today=TODAY) == exported
    add_client(second, "A client after the restore")  # the id sequences moved past the ids

    rows = [["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "ACME SAS", "", "1 Jan 2024"]]
    linkedin = write_linkedin(tmp_path / "c.csv", rows)
    assert import_linkedin(second, linkedin).created == {"contact": 1, "client": 1}
    assert import_linkedin(second, linkedin).unchanged == 1

    data = json.loads(exported)
    email = data["tables"]["contact"][0]["email"]
    before = numbers_json(compute_numbers(second, TODAY))
    forget_contact(second, resolve_contact(second, email).id, today=TODAY)
    assert numbers_json(compute_numbers(second, TODAY)) == before
    with second.engine.connect() as conn:
        found = conn.execute(
            sa.text("SELECT count(*) FROM contact WHERE email = :e"), {"e": email}
        ).scalar()
    assert found == 0


def test_the_read_path_gives_the_same_dashboard_on_postgresql(pg_stores, store: Store) -> None:
    """The read path's plain SQL runs on PostgreSQL through the engine: the dashboard, the
    agenda's pages and the daily agenda are the ones SQLite gives for the same demo."""
    from pipeline_tui.services.agenda import agenda_page
    from pipeline_tui.services.dashboard import load_dashboard
    from pipeline_tui.services.today import compute_today, today_json

    pg, _ = pg_stores
    for target in (pg, store):
        build_demo(target, today=TODAY, seed=42)
    on_pg, on_sqlite = load_dashboard(pg, TODAY), load_dashboard(store, TODAY)
    assert numbers_json(on_pg.numbers) == numbers_json(on_sqlite.numbers)
    assert on_pg.trend == on_sqlite.trend and on_pg.plan == on_sqlite.plan
    assert on_pg.streak == on_sqlite.streak
    assert (on_pg.overdue_count, on_pg.due_today_count) == (
        on_sqlite.overdue_count,
        on_sqlite.due_today_count,
    )
    first = agenda_page(pg, limit=5)
    assert first == agenda_page(store, limit=5)
    assert agenda_page(pg, after=first[-1].key, channel="phone", limit=5) == agenda_page(
        store, after=first[-1].key, channel="phone", limit=5
    )
    assert today_json(compute_today(pg, TODAY)) == today_json(compute_today(store, TODAY))
