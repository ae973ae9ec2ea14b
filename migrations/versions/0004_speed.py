"""speed: indexes for the agenda filtered by channel and the dashboard's prospecting plan

Revision ID: 0004_speed
Revises: 0003_offboarding
Create Date: 2026-11-26 12:00:00.000000

- The agenda pages open activities by (due_on, id) after a key (``services.activities.
  agenda_page``). With a channel filter, the (done_on, due_on, id) index made SQLite walk every
  open activity after the key and drop the other channels': (channel, done_on, due_on, id) serves
  the page from that channel's open activities, in order.
- The plan's progress counts done activities per (channel, day, contact) over months
  (``services.prospecting.done_facts``, on the dashboard): through (done_on, due_on, id) every one
  of them was read from the table for its channel and contact (30k rows on the large demo,
  60 ms); (done_on, channel, contact_id) covers the query (18 ms).

``benchmarks/run.py --plans`` shows the plans. Plain ``CREATE INDEX``: no table is rebuilt.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_speed"
down_revision: str | None = "0003_offboarding"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_activity_channel_done_on_due_on",
        "activity",
        ["channel", "done_on", "due_on", "id"],
        unique=False,
    )
    op.create_index(
        "ix_activity_done_on_channel_contact_id",
        "activity",
        ["done_on", "channel", "contact_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_activity_done_on_channel_contact_id", table_name="activity")
    op.drop_index("ix_activity_channel_done_on_due_on", table_name="activity")
