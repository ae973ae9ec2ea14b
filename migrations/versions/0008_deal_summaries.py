"""deal summaries: what the dashboard reads of a deal's history, stored on the deal

Revision ID: 0008_deal_summaries
Revises: 0007_archive
Create Date: 2026-12-05 10:00:00.000000

Every dashboard load recomputed from all of history (two correlated subqueries per deal for its
last activity and last move, a GROUP BY over every stage change for the conversion numbers, three
subqueries per deal for the trend): it grew with the years. The deal now carries its
``last_done_on``, ``last_moved_on``, ``first_moved_on``, ``won_on``, ``last_to_stage``,
``highest_open_stage`` and ``won_cycle_days``, which ``store.writes.summaries`` keeps exact in
every write's transaction (``pipeline-tui db check`` recomputes them). The backfill is that
module's own set-based recomputation, which SQLite and PostgreSQL both run. The index
``ix_deal_conversion`` answers the conversion numbers' GROUP BY by itself.

Nullable columns: no table is rebuilt on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipeline_tui.store.writes.summaries import refresh_deals

revision: str = "0008_deal_summaries"
down_revision: str | None = "0007_archive"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DATES = ("last_done_on", "last_moved_on", "first_moved_on", "won_on")
_STAGES = ("last_to_stage", "highest_open_stage")
_CONVERSION = (
    "stage",
    "highest_open_stage",
    "channel",
    "monthly_value_cents",
    "won_cycle_days",
)


def upgrade() -> None:
    with op.batch_alter_table("deal", recreate="never") as batch:
        for name in _DATES:
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
        for name in _STAGES:
            batch.add_column(sa.Column(name, sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("won_cycle_days", sa.Integer(), nullable=True))
    refresh_deals(op.get_bind())
    op.create_index("ix_deal_conversion", "deal", list(_CONVERSION), unique=False)


def downgrade() -> None:
    op.drop_index("ix_deal_conversion", table_name="deal")
    with op.batch_alter_table("deal") as batch:
        for name in (*_DATES, *_STAGES, "won_cycle_days"):
            batch.drop_column(name)
