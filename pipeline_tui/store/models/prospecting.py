"""The prospecting plan: cadences, and sequences with their steps and enrollments."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from pipeline_tui.domain.vocabulary import (
    ACTIVITY_KINDS,
    CHANNELS,
    sql_in,
)
from pipeline_tui.store.models.columns import created_at_field


class Cadence(SQLModel, table=True):
    """A standing prospecting target: ``count`` activities on ``channel`` per RRULE period."""

    __tablename__ = "cadence"
    __table_args__ = (
        sa.CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        sa.CheckConstraint("count > 0", name="count"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20, nullable=False)
    count: int = Field(nullable=False)
    rrule: str = Field(max_length=300, nullable=False, description="RFC 5545 RRULE")
    starts_on: date = Field(nullable=False)
    active: bool = Field(default=True, nullable=False)
    label: str | None = Field(default=None, max_length=200)
    created_at: datetime = created_at_field()


class Sequence(SQLModel, table=True):
    """An ordered list of follow-up steps applied to a lead."""

    __tablename__ = "sequence"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, nullable=False)
    skip_weekends: bool = Field(default=True, nullable=False)
    created_at: datetime = created_at_field()


class SequenceStep(SQLModel, table=True):
    __tablename__ = "sequence_step"
    __table_args__ = (
        sa.UniqueConstraint("sequence_id", "position"),
        sa.CheckConstraint(sql_in("kind", ACTIVITY_KINDS), name="kind"),
        sa.CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        sa.CheckConstraint("day_offset >= 0", name="day_offset"),
    )

    id: int | None = Field(default=None, primary_key=True)
    sequence_id: int = Field(foreign_key="sequence.id", nullable=False, ondelete="CASCADE")
    position: int = Field(nullable=False)
    day_offset: int = Field(nullable=False)
    kind: str = Field(max_length=20, nullable=False)
    channel: str = Field(max_length=20, nullable=False)
    subject: str = Field(default="", max_length=300, nullable=False)


class SequenceEnrollment(SQLModel, table=True):
    """A sequence applied to one lead; it stops on a reply, a stage change or an opt-out.

    ``stop_reason`` is one of vocabulary.STOP_REASONS (checked by ``services.sequences``; no CHECK
    constraint, so that adding one never rebuilds this table, whose rows activities point to).
    """

    __tablename__ = "sequence_enrollment"

    id: int | None = Field(default=None, primary_key=True)
    sequence_id: int = Field(
        foreign_key="sequence.id", index=True, nullable=False, ondelete="CASCADE"
    )
    deal_id: int | None = Field(default=None, foreign_key="deal.id", index=True, ondelete="CASCADE")
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", index=True, ondelete="SET NULL"
    )
    started_on: date = Field(nullable=False)
    stopped_on: date | None = Field(default=None)
    stop_reason: str | None = Field(default=None, max_length=40)
