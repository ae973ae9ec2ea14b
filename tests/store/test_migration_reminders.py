"""0006_reminders: the reminders table arrives and leaves, activities keep their rows and get a
revision (0 for the existing ones), up and down."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from pipeline_tui.config import Config
from pipeline_tui.store import migrate
from pipeline_tui.store.engine import create_store_engine
from pipeline_tui.store.schema_check import schema_differences
from tests.conftest import TODAY

ROWS = [
    "INSERT INTO client (id, name, created_at) VALUES (1, 'Acme', '2026-01-01 00:00:00')",
    "INSERT INTO activity (id, client_id, channel, kind, subject, due_on, created_at)"
    " VALUES (1, 1, 'phone', 'call', 'Call back', '2026-11-30', '2026-11-20 00:00:00'),"
    " (2, 1, 'emailing', 'email', 'Send deck', '2026-12-01', '2026-11-20 00:00:00')",
]


def _activities(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT id, subject, due_on FROM activity ORDER BY id")).all()


def _tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names())


def test_reminders_table_and_activity_revision_up_and_down(tmp_path: Path) -> None:
    engine = create_store_engine(Config(db_url=f"sqlite:///{tmp_path / 'old.db'}", today=TODAY))
    try:
        migrate.upgrade(engine, "0005_renewals")
        with engine.begin() as conn:
            for statement in ROWS:
                conn.execute(sa.text(statement))
        before = _activities(engine)
        assert "reminder_sent" not in _tables(engine)

        migrate.upgrade(engine, "head")
        assert _activities(engine) == before
        assert "reminder_sent" in _tables(engine)
        assert schema_differences(engine) == []
        with engine.begin() as conn:
            revisions = conn.execute(sa.text("SELECT revision FROM activity ORDER BY id")).all()
            assert revisions == [(0,), (0,)]
            said = (
                "INSERT INTO reminder_sent (kind, key, day, said_at)"
                " VALUES ('overdue', 'activity-1', '2026-12-01', '2026-12-01 08:00:00')"
            )
            conn.execute(sa.text(said))
        with engine.begin() as conn, pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.text(said))  # the same reminder twice the same day: refused

        command.downgrade(migrate.alembic_config(engine), "0005_renewals")
        engine.dispose()
        assert _activities(engine) == before
        assert "reminder_sent" not in _tables(engine)
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("activity")}
        assert "revision" not in columns
    finally:
        engine.dispose()
