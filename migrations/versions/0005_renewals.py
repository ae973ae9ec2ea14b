"""renewals: a deal can be the renewal of a mission

Revision ID: 0005_renewals
Revises: 0004_speed
Create Date: 2026-12-02 12:00:00.000000

``deal.renewal_of_mission_id`` names the mission a deal would renew. While such a deal is open,
the mission's planned end is weighed by the deal's probability instead of counting as revenue
lost (``domain.losses``). Deleting the mission leaves the deal, without the link.

On SQLite the deal table is rebuilt (batch mode); ``migrations/env.py`` turns foreign keys off
for the rebuild, so that dropping the old table cascades to nothing, and checks them afterwards.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_renewals"
down_revision: str | None = "0004_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal") as batch:
        batch.add_column(sa.Column("renewal_of_mission_id", sa.Integer(), nullable=True))
        batch.create_index("ix_deal_renewal_of_mission_id", ["renewal_of_mission_id"])
        batch.create_foreign_key(
            "fk_deal_renewal_of_mission_id_mission",
            "mission",
            ["renewal_of_mission_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("deal") as batch:
        batch.drop_constraint("fk_deal_renewal_of_mission_id_mission", type_="foreignkey")
        batch.drop_index("ix_deal_renewal_of_mission_id")
        batch.drop_column("renewal_of_mission_id")
