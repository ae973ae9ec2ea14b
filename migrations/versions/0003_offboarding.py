"""offboarding: the editable playbook template, transition steps, documents, lessons, case studies

Revision ID: 0003_offboarding
Revises: 0002_prospecting
Create Date: 2026-11-26 10:00:00.000000

The template table starts empty: an empty table means the built-in default of
``pipeline_tui.domain.playbook`` (the services copy it into rows on the first edit), so upgrading
seeds nothing and a new database stays empty for ``demo``.

Adding the three ``offboarding`` columns (one a foreign key) rebuilds that table on SQLite, and
with foreign keys on, dropping the old table cascade-deletes every ``offboarding_item``: the
items are kept aside during the rebuild and put back (``_rebuild_offboarding``), both ways.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_offboarding"
down_revision: str | None = "0002_prospecting"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_offboarding(change) -> None:
    """Apply ``change(batch_op)`` to ``offboarding`` without losing its checklist items."""
    conn = op.get_bind()
    items = sa.table(
        "offboarding_item",
        *(
            sa.column(name)
            for name in (
                "id",
                "offboarding_id",
                "position",
                "key",
                "title",
                "due_on",
                "done_on",
                "notes",
            )
        ),
    )
    kept = [dict(row) for row in conn.execute(sa.select(items)).mappings()]
    with op.batch_alter_table("offboarding", schema=None) as batch_op:
        change(batch_op)
    conn.execute(sa.delete(items))
    if kept:
        conn.execute(sa.insert(items), kept)


def _add_columns(batch_op) -> None:
    batch_op.add_column(sa.Column("notice_days", sa.Integer(), server_default="0", nullable=False))
    batch_op.add_column(
        sa.Column("relationship_good", sa.Boolean(), server_default="1", nullable=False)
    )
    batch_op.add_column(sa.Column("training_deal_id", sa.Integer(), nullable=True))
    batch_op.create_foreign_key(
        batch_op.f("fk_offboarding_training_deal_id_deal"),
        "deal",
        ["training_deal_id"],
        ["id"],
        ondelete="SET NULL",
    )


def _drop_columns(batch_op) -> None:
    batch_op.drop_constraint(batch_op.f("fk_offboarding_training_deal_id_deal"), type_="foreignkey")
    batch_op.drop_column("training_deal_id")
    batch_op.drop_column("relationship_good")
    batch_op.drop_column("notice_days")


def upgrade() -> None:
    _rebuild_offboarding(_add_columns)
    op.create_table(
        "offboarding_template_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("anchor", sa.String(length=10), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("only_if_good", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "anchor IN ('notice', 'end')", name=op.f("ck_offboarding_template_item_anchor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offboarding_template_item")),
        sa.UniqueConstraint("key", name=op.f("uq_offboarding_template_item_key")),
    )
    op.create_table(
        "case_study",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("outcomes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["mission.id"],
            name=op.f("fk_case_study_mission_id_mission"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_study")),
        sa.UniqueConstraint("mission_id", name=op.f("uq_case_study_mission_id")),
    )
    op.create_table(
        "handover_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offboarding_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("handed_over_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["offboarding_id"],
            ["offboarding.id"],
            name=op.f("fk_handover_document_offboarding_id_offboarding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_document")),
    )
    with op.batch_alter_table("handover_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handover_document_offboarding_id"), ["offboarding_id"], unique=False
        )

    op.create_table(
        "lesson",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offboarding_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "kind != 'training' OR due_on IS NOT NULL", name=op.f("ck_lesson_training_dated")
        ),
        sa.CheckConstraint("kind IN ('went_wrong', 'training')", name=op.f("ck_lesson_kind")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_lesson_client_id_client"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["offboarding_id"],
            ["offboarding.id"],
            name=op.f("fk_lesson_offboarding_id_offboarding"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson")),
    )
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_done_on_due_on", ["done_on", "due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lesson_offboarding_id"), ["offboarding_id"], unique=False
        )

    op.create_table(
        "transition_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offboarding_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=300), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["offboarding_id"],
            ["offboarding.id"],
            name=op.f("fk_transition_step_offboarding_id_offboarding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transition_step")),
    )
    with op.batch_alter_table("transition_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transition_step_offboarding_id"), ["offboarding_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transition_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transition_step_offboarding_id"))
    op.drop_table("transition_step")
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_offboarding_id"))
        batch_op.drop_index("ix_lesson_done_on_due_on")
    op.drop_table("lesson")
    with op.batch_alter_table("handover_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_document_offboarding_id"))
    op.drop_table("handover_document")
    op.drop_table("case_study")
    op.drop_table("offboarding_template_item")
    _rebuild_offboarding(_drop_columns)
