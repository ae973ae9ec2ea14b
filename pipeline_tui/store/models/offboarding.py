"""The end of a collaboration: offboardings and their checklists, the user's template, the
transition plan, handover documents, lessons and case studies."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from pipeline_tui.domain.vocabulary import (
    END_REASONS,
    LESSON_KINDS,
    PLAYBOOK_ANCHORS,
    sql_in,
)
from pipeline_tui.store.models.columns import created_at_field


class Offboarding(SQLModel, table=True):
    """The end-of-collaboration playbook opened when a mission ends early."""

    __tablename__ = "offboarding"
    __table_args__ = (sa.CheckConstraint(sql_in("reason", END_REASONS), name="reason"),)

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(
        foreign_key="mission.id", unique=True, nullable=False, ondelete="CASCADE"
    )
    client_id: int = Field(foreign_key="client.id", index=True, nullable=False, ondelete="CASCADE")
    opened_on: date = Field(nullable=False)
    end_on: date = Field(nullable=False)
    reason: str = Field(max_length=40, nullable=False)
    note: str | None = Field(default=None, sa_type=sa.Text)
    closed_on: date | None = Field(default=None)
    created_at: datetime = created_at_field()
    # Added by 0003_offboarding (server defaults fill the rows written before it).
    notice_days: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})
    relationship_good: bool = Field(
        default=True, nullable=False, sa_column_kwargs={"server_default": "1"}
    )
    training_deal_id: int | None = Field(default=None, foreign_key="deal.id", ondelete="SET NULL")


class OffboardingItem(SQLModel, table=True):
    """One dated item of an offboarding checklist."""

    __tablename__ = "offboarding_item"
    __table_args__ = (sa.UniqueConstraint("offboarding_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    offboarding_id: int = Field(foreign_key="offboarding.id", nullable=False, ondelete="CASCADE")
    position: int = Field(nullable=False)
    key: str = Field(max_length=40, nullable=False)
    title: str = Field(max_length=300, nullable=False)
    due_on: date = Field(nullable=False)
    done_on: date | None = Field(default=None)
    notes: str | None = Field(default=None, sa_type=sa.Text)


class OffboardingTemplateItem(SQLModel, table=True):
    """One step of the user's offboarding template (empty table: the built-in default).

    An offboarding copies the active steps when it opens; editing the template later changes the
    next offboarding only.
    """

    __tablename__ = "offboarding_template_item"
    __table_args__ = (sa.CheckConstraint(sql_in("anchor", PLAYBOOK_ANCHORS), name="anchor"),)

    id: int | None = Field(default=None, primary_key=True)
    position: int = Field(nullable=False)
    key: str = Field(max_length=40, unique=True, nullable=False)
    title: str = Field(max_length=300, nullable=False)
    anchor: str = Field(default="end", max_length=10, nullable=False)
    offset_days: int = Field(default=0, nullable=False)
    only_if_good: bool = Field(default=False, nullable=False)
    active: bool = Field(default=True, nullable=False)


class TransitionStep(SQLModel, table=True):
    """A step of an offboarding's transition plan: what is handed over, and who takes it over."""

    __tablename__ = "transition_step"

    id: int | None = Field(default=None, primary_key=True)
    offboarding_id: int = Field(
        foreign_key="offboarding.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(nullable=False)
    task: str = Field(max_length=300, nullable=False)
    owner: str | None = Field(default=None, max_length=200)
    due_on: date | None = Field(default=None)
    done_on: date | None = Field(default=None)


class HandoverDocument(SQLModel, table=True):
    """A project document to gather and hand over at the end of a collaboration."""

    __tablename__ = "handover_document"

    id: int | None = Field(default=None, primary_key=True)
    offboarding_id: int = Field(
        foreign_key="offboarding.id", index=True, nullable=False, ondelete="CASCADE"
    )
    position: int = Field(nullable=False)
    name: str = Field(max_length=300, nullable=False)
    handed_over_on: date | None = Field(default=None)


class Lesson(SQLModel, table=True):
    """A post-mortem lesson: what did not work, or a training to take (a task due on a date)."""

    __tablename__ = "lesson"
    __table_args__ = (
        sa.CheckConstraint(sql_in("kind", LESSON_KINDS), name="kind"),
        sa.CheckConstraint("kind != 'training' OR due_on IS NOT NULL", name="training_dated"),
        sa.Index("ix_lesson_done_on_due_on", "done_on", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    offboarding_id: int | None = Field(
        default=None, foreign_key="offboarding.id", index=True, ondelete="SET NULL"
    )
    client_id: int | None = Field(default=None, foreign_key="client.id", ondelete="SET NULL")
    kind: str = Field(max_length=20, nullable=False)
    text: str = Field(max_length=500, nullable=False)
    created_on: date = Field(nullable=False)
    due_on: date | None = Field(default=None)
    done_on: date | None = Field(default=None)


class CaseStudy(SQLModel, table=True):
    """A client's agreement to a case study of one mission, and the outcomes the user typed."""

    __tablename__ = "case_study"

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(
        foreign_key="mission.id", unique=True, nullable=False, ondelete="CASCADE"
    )
    agreed_on: date | None = Field(default=None)
    role: str | None = Field(default=None, max_length=200)
    outcomes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()
