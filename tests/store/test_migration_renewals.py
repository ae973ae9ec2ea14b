"""0005_renewals rebuilds the deal table on SQLite: a deal's activities and stage history survive.

Dropping the old ``deal`` table with foreign keys on would cascade-delete every activity and stage
change of every deal; ``migrations/env.py`` turns them off for the rebuild and checks them after.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from pipeline_tui.config import Config
from pipeline_tui.store import migrate
from pipeline_tui.store.engine import create_store_engine
from pipeline_tui.store.schema_check import schema_differences
from tests.conftest import TODAY

ROWS = [
    "INSERT INTO client (id, name, created_at) VALUES (1, 'Acme', '2026-01-01 00:00:00')",
    "INSERT INTO mission (id, client_id, title, start_on, fixed_monthly_cents, status, created_at)"
    " VALUES (1, 1, 'Portal', '2026-01-05', 500000, 'active', '2026-01-01 00:00:00')",
    "INSERT INTO deal (id, client_id, title, monthly_value_cents, stage, channel, created_on,"
    " created_at) VALUES (1, 1, 'Portal, year two', 500000, 'proposal', 'referral', '2026-10-01',"
    " '2026-10-01 00:00:00')",
    "INSERT INTO deal_stage_change (id, deal_id, from_stage, to_stage, changed_on, created_at)"
    " VALUES (1, 1, NULL, 'lead', '2026-10-01', '2026-10-01 00:00:00'),"
    " (2, 1, 'lead', 'proposal', '2026-10-20', '2026-10-20 00:00:00')",
    "INSERT INTO activity (id, deal_id, client_id, channel, kind, subject, due_on, done_on,"
    " created_at) VALUES (1, 1, 1, 'phone', 'call', 'Renewal call', '2026-10-20', '2026-10-20',"
    " '2026-10-20 00:00:00')",
]


def _children(engine: sa.Engine) -> tuple[list, list]:
    with engine.connect() as conn:
        changes = conn.execute(sa.text("SELECT * FROM deal_stage_change ORDER BY id")).all()
        activities = conn.execute(sa.text("SELECT id, deal_id FROM activity ORDER BY id")).all()
        return changes, activities


def test_the_renewal_link_arrives_without_losing_a_deals_history(tmp_path: Path) -> None:
    engine = create_store_engine(Config(db_url=f"sqlite:///{tmp_path / 'old.db'}", today=TODAY))
    try:
        migrate.upgrade(engine, "0004_speed")
        with engine.begin() as conn:
            for statement in ROWS:
                conn.execute(sa.text(statement))
        before = _children(engine)
        assert len(before[0]) == 2 and len(before[1]) == 1

        migrate.upgrade(engine, "head")
        assert _children(engine) == before
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE deal SET renewal_of_mission_id = 1"))
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert schema_differences(engine) == []
        with engine.begin() as conn:  # deleting the mission keeps the deal, without the link
            conn.execute(sa.text("DELETE FROM mission WHERE id = 1"))
            assert conn.execute(sa.text("SELECT renewal_of_mission_id FROM deal")).scalar() is None

        command.downgrade(migrate.alembic_config(engine), "0004_speed")
        engine.dispose()
        assert _children(engine) == before
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("deal")}
        assert "renewal_of_mission_id" not in columns
    finally:
        engine.dispose()
