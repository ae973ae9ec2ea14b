"""prospecting: find a contact's sequence enrollments fast (opt-out stops them)

Revision ID: 0002_prospecting
Revises: 0001_initial
Create Date: 2026-11-26 09:00:00.000000

Cadences, sequences, steps and enrollments already exist since 0001. Opting a contact out stops
its running enrollments (``services.sequences.stop_enrollments``), which looks them up by
``contact_id``: this adds that index. A plain ``CREATE INDEX``: no table is rebuilt, so no row of
``activity`` loses its ``enrollment_id`` (rebuilding ``sequence_enrollment`` on SQLite with foreign
keys on would set them to NULL).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_prospecting"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_sequence_enrollment_contact_id"),
        "sequence_enrollment",
        ["contact_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sequence_enrollment_contact_id"), table_name="sequence_enrollment")
