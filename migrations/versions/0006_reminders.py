"""reminders: what ``remind`` said, and a revision per activity

Revision ID: 0006_reminders
Revises: 0005_renewals
Create Date: 2026-12-09 12:00:00.000000

``reminder_sent`` remembers each reminder said (kind, key, day), so a second run the same day says
nothing new; ``cleared_on`` ends a lasting one (a client no longer at risk).

``activity.revision`` counts the changes of an activity: the SEQUENCE of its calendar event, so
a subscribed calendar updates the event in place. Existing activities start at 0. Adding a column
with a default needs no rebuild of the table on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_reminders"
down_revision: str | None = "0005_renewals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("said_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_sent"),
        sa.UniqueConstraint("kind", "key", "day", name="uq_reminder_sent_kind_key_day"),
    )
    with op.batch_alter_table("activity", recreate="never") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("revision")
    op.drop_table("reminder_sent")
