"""The importers' fast bulk insert writes exactly what SQLAlchemy's own insert writes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from pipeline_tui.config import Config
from pipeline_tui.store.bulk import BulkWriter, insert_many
from pipeline_tui.store.database import open_store
from pipeline_tui.store.tables import table
from tests.conftest import TODAY


def _rows(n: int) -> list[dict]:
    paris = timezone(timedelta(hours=1))
    return [
        {
            "first_name": f"Ana {i}",
            "email": f"ana{i}@example.com" if i % 3 else None,
            "do_not_contact": bool(i % 2),
            "do_not_contact_on": date(2026, 1, 1) + timedelta(days=i) if i % 2 else None,
            "client_id": None,
            "created_at": datetime(2026, 3, 1, 9, i % 60, tzinfo=paris if i % 2 else UTC),
        }
        for i in range(n)
    ]


def _dump(path: Path) -> list[tuple]:
    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    try:
        with store.connection() as conn:
            return [tuple(r) for r in conn.execute(sa.text("SELECT * FROM contact ORDER BY id"))]
    finally:
        store.close()


def test_insert_many_writes_what_sqlalchemy_writes(tmp_path: Path) -> None:
    """Dates, booleans, UTC timestamps (from another zone too), NULLs, and the default of a
    column the rows leave out (last_name)."""
    for name, write in (
        ("ours", lambda conn, rows: insert_many(conn, table("contact"), rows)),
        ("sqlalchemy", lambda conn, rows: conn.execute(table("contact").insert(), rows)),
    ):
        store = open_store(Config(db_url=f"sqlite:///{tmp_path / name}.db", today=TODAY))
        with store.connection() as conn:
            write(conn, _rows(25))
        store.close()
    ours, theirs = _dump(tmp_path / "ours.db"), _dump(tmp_path / "sqlalchemy.db")
    assert len(ours) == 25
    assert ours == theirs


def test_new_rows_get_their_ids_by_their_unique_key(tmp_path: Path) -> None:
    """Clients (unique names) are inserted in bulk and their ids found by name; contacts that
    point at them get the right ones, whatever order the database hands ids back in."""
    store = open_store(Config(db_url=f"sqlite:///{tmp_path / 'x.db'}", today=TODAY))
    now = datetime.now(UTC)
    with store.connection() as conn:
        conn.execute(table("client").insert(), [{"name": "Existing", "created_at": now}])
        writer = BulkWriter(conn, ids_for=("client",))
        names = [f"Company {i:03d}" for i in range(700, 0, -1)]  # more than one id query
        for name in names:
            client = writer.add("client", {"name": name, "created_at": now})
            writer.add("contact", {"first_name": f"Boss of {name}", "client_id": client})
        writer.flush()
        rows = conn.execute(
            sa.text(
                "SELECT cl.name, co.first_name FROM contact co JOIN client cl"
                " ON cl.id = co.client_id"
            )
        ).all()
    store.close()
    assert len(rows) == 700
    assert all(first == f"Boss of {name}" for name, first in rows)
