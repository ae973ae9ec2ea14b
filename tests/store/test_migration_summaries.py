"""0008_deal_summaries adds the deals' summary columns and backfills them from the history: the
values equal a recomputation (``db check``'s, and one in plain Python); downgrade drops them."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from pipeline_tui.config import Config
from pipeline_tui.store import migrate
from pipeline_tui.store.engine import create_store_engine
from pipeline_tui.store.schema_check import schema_differences
from tests.conftest import TODAY, _open
from tests.services.test_summaries_property import assert_exact, stored_summaries

AT = "'2026-01-01 00:00:00'"
_DEALS = [
    # id, stage, created_on, closed_on
    (1, "won", "2026-01-10", "2026-03-01"),
    (2, "lost", "2026-02-01", "2026-02-20"),
    (3, "proposal", "2026-03-01", None),
    (4, "lead", "2026-04-01", None),  # no history at all
    (5, "won", "2026-05-01", "2026-04-20"),  # closed before created: a cycle of 0 days
    (6, "contacted", "2026-06-01", None),  # moved twice on one day: the later row wins
]
_CHANGES = [
    # deal, from, to, on
    (1, None, "lead", "2026-01-05"),
    (1, "lead", "negotiation", "2026-02-01"),
    (1, "negotiation", "won", "2026-03-01"),
    (2, None, "lead", "2026-02-01"),
    (2, "meeting", "lost", "2026-02-20"),
    (3, None, "lead", "2026-03-01"),
    (3, "lead", "proposal", "2026-03-15"),
    (5, None, "won", "2026-05-01"),
    (6, None, "lead", "2026-06-01"),
    (6, "lead", "meeting", "2026-06-10"),
    (6, "meeting", "contacted", "2026-06-10"),
]
_DONE = [(1, "2026-02-15"), (1, "2026-01-20"), (3, "2026-03-20"), (6, None), (None, "2026-06-01")]


def _fill(conn: sa.Connection) -> None:
    conn.execute(sa.text(f"INSERT INTO client (id, name, created_at) VALUES (1, 'Acme', {AT})"))
    for id, stage, created, closed in _DEALS:
        conn.execute(
            sa.text(
                "INSERT INTO deal (id, client_id, title, monthly_value_cents, stage, channel,"
                f" created_on, closed_on, created_at) VALUES (:id, 1, :title, 1000, :stage,"
                f" 'referral', :created, :closed, {AT})"
            ),
            {"id": id, "title": f"deal {id}", "stage": stage, "created": created, "closed": closed},
        )
    for deal, from_stage, to_stage, on in _CHANGES:
        conn.execute(
            sa.text(
                "INSERT INTO deal_stage_change (deal_id, from_stage, to_stage, changed_on,"
                f" created_at) VALUES (:deal, :from_stage, :to_stage, :on, {AT})"
            ),
            {"deal": deal, "from_stage": from_stage, "to_stage": to_stage, "on": on},
        )
    for deal, done in _DONE:
        conn.execute(
            sa.text(
                "INSERT INTO activity (deal_id, client_id, channel, kind, subject, due_on,"
                f" done_on, created_at) VALUES (:deal, 1, 'phone', 'call', 'x', '2026-01-01',"
                f" :done, {AT})"
            ),
            {"deal": deal, "done": done},
        )


def test_the_summaries_are_backfilled_from_the_history_and_dropped_on_downgrade(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    engine = create_store_engine(Config(db_url=f"sqlite:///{path}", today=TODAY))
    try:
        migrate.upgrade(engine, "0007_archive")
        with engine.begin() as conn:
            _fill(conn)
        migrate.upgrade(engine, "head")
        assert schema_differences(engine) == []
    finally:
        engine.dispose()

    store = _open(path)
    try:
        assert_exact(store)  # db check's recomputation, and the one in plain Python
        summaries = stored_summaries(store)
    finally:
        store.close()
    d = TODAY.fromisoformat
    # last done, last move, first move, won on, last to-stage, highest open stage, cycle days
    assert summaries[1] == (
        d("2026-02-15"), d("2026-03-01"), d("2026-01-05"), d("2026-03-01"),
        "won", "negotiation", 55,
    )  # fmt: skip
    assert summaries[2][4:6] == ("lost", "meeting")
    assert summaries[4] == (None,) * 7
    assert summaries[5][6] == 0
    assert summaries[6][4:6] == ("contacted", "meeting")

    engine = create_store_engine(Config(db_url=f"sqlite:///{path}", today=TODAY))
    try:
        command.downgrade(migrate.alembic_config(engine), "0007_archive")
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("deal")}
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("deal")}
        assert not columns & {"last_done_on", "highest_open_stage", "won_cycle_days"}
        assert "ix_deal_conversion" not in indexes
    finally:
        engine.dispose()
