"""0003_offboarding on a database that already has an offboarding: nothing is lost, both ways.

The migration rebuilds the ``offboarding`` table on SQLite, and dropping the old table with
foreign keys on would cascade-delete the checklist items; they must survive.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from pipeline_tui.config import Config
from pipeline_tui.store import migrate
from pipeline_tui.store.engine import create_store_engine
from tests.conftest import TODAY

ROWS = [
    "INSERT INTO client (id, name, created_at) VALUES (1, 'Acme', '2026-01-01 00:00:00')",
    "INSERT INTO mission (id, client_id, title, start_on, actual_end_on, fixed_monthly_cents,"
    " status, end_reason, created_at) VALUES (1, 1, 'Portal', '2026-01-05', '2026-11-02', 500000,"
    " 'ended_early', 'budget', '2026-01-01 00:00:00')",
    "INSERT INTO offboarding (id, mission_id, client_id, opened_on, end_on, reason, created_at)"
    " VALUES (1, 1, 1, '2026-10-03', '2026-11-02', 'budget', '2026-10-03 00:00:00')",
    "INSERT INTO offboarding_item (id, offboarding_id, position, key, title, due_on, done_on)"
    " VALUES (1, 1, 1, 'transition_plan', 'Plan', '2026-10-19', '2026-10-18'),"
    " (2, 1, 2, 'exit_survey', 'Exit survey', '2026-11-16', NULL)",
]


def _items(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT id, offboarding_id, key, done_on FROM offboarding_item ORDER BY id")
        ).all()


def test_upgrading_and_downgrading_keep_the_checklist(tmp_path: Path) -> None:
    engine = create_store_engine(Config(db_url=f"sqlite:///{tmp_path / 'old.db'}", today=TODAY))
    try:
        migrate.upgrade(engine, "0002_prospecting")
        with engine.begin() as conn:
            for statement in ROWS:
                conn.execute(sa.text(statement))
        before = _items(engine)
        assert len(before) == 2

        migrate.upgrade(engine, "0003_offboarding")
        assert _items(engine) == before
        with engine.connect() as conn:
            row = conn.execute(
                sa.text("SELECT notice_days, relationship_good, training_deal_id FROM offboarding")
            ).one()
            assert tuple(row) == (0, 1, None)
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
            tables = set(sa.inspect(conn).get_table_names())
        assert {"offboarding_template_item", "transition_step", "handover_document"} <= tables
        assert {"lesson", "case_study"} <= tables

        migrate.upgrade(engine, "head")
        from alembic import command

        command.downgrade(migrate.alembic_config(engine), "0002_prospecting")
        engine.dispose()
        assert _items(engine) == before
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("offboarding")}
            assert "notice_days" not in columns
            assert "lesson" not in set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
