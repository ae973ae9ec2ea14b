"""archive: a client can be archived instead of deleted

Revision ID: 0007_archive
Revises: 0006_reminders
Create Date: 2026-12-02 19:00:00.000000

``client.archived_on`` hides a client from the lists while its missions, deals and activities stay
in the figures' history (deleting a client with missions would rewrite past revenue). Existing
clients are not archived. Adding a nullable column needs no rebuild of the table on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_archive"
down_revision: str | None = "0006_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client", recreate="never") as batch:
        batch.add_column(sa.Column("archived_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.drop_column("archived_on")
