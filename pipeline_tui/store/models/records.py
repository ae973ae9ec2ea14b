"""The records of the business: settings, clients, contacts, missions, deals and their stage
history, activities, signals and surveys."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import object_session
from sqlmodel import Field, SQLModel

from pipeline_tui.domain.vocabulary import (
    ACTIVITY_KINDS,
    CHANNELS,
    END_REASONS,
    MISSION_STATUSES,
    SIGNAL_KINDS,
    STAGES,
    SURVEY_KINDS,
    SURVEY_SCALES,
    sql_in,
)
from pipeline_tui.store.models.columns import created_at_field, derived_field


class Setting(SQLModel, table=True):
    """A user setting stored as JSON text: stage probabilities, risk weights, currency, rot days."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_type=sa.Text, nullable=False)


class Client(SQLModel, table=True):
    """An organisation. Prospect / active / former is derived from its missions and deals."""

    __tablename__ = "client"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, nullable=False)
    industry: str | None = Field(default=None, max_length=100)
    website: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()
    archived_on: date | None = Field(default=None)  # hidden from lists, kept in the history


class Contact(SQLModel, table=True):
    """A person at a client. ``do_not_contact`` is an opt-out: never scheduled for prospecting."""

    __tablename__ = "contact"
    __table_args__ = (
        sa.CheckConstraint(
            "do_not_contact_on IS NULL OR do_not_contact", name="opt_out_date_needs_flag"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int | None = Field(
        default=None, foreign_key="client.id", index=True, ondelete="SET NULL"
    )
    first_name: str = Field(max_length=100, nullable=False)
    last_name: str = Field(default="", max_length=100, nullable=False)
    role: str | None = Field(default=None, max_length=150)
    email: str | None = Field(default=None, max_length=320, index=True)
    phone: str | None = Field(default=None, max_length=50)
    profile_url: str | None = Field(default=None, max_length=500, unique=True)
    do_not_contact: bool = Field(default=False, nullable=False)
    do_not_contact_on: date | None = Field(default=None)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Mission(SQLModel, table=True):
    """An engagement: day rate × days per month, or a fixed monthly amount."""

    __tablename__ = "mission"
    __table_args__ = (
        sa.CheckConstraint(sql_in("status", MISSION_STATUSES), name="status"),
        sa.CheckConstraint(
            "end_reason IS NULL OR " + sql_in("end_reason", END_REASONS), name="end_reason"
        ),
        sa.CheckConstraint(
            "(day_rate_cents IS NOT NULL AND days_per_month IS NOT NULL "
            "AND fixed_monthly_cents IS NULL) OR "
            "(day_rate_cents IS NULL AND days_per_month IS NULL "
            "AND fixed_monthly_cents IS NOT NULL)",
            name="one_pricing",
        ),
        sa.CheckConstraint("day_rate_cents IS NULL OR day_rate_cents >= 0", name="day_rate"),
        sa.CheckConstraint(
            "days_per_month IS NULL OR (days_per_month > 0 AND days_per_month <= 31)",
            name="days_per_month",
        ),
        sa.CheckConstraint(
            "fixed_monthly_cents IS NULL OR fixed_monthly_cents >= 0", name="fixed_monthly"
        ),
        sa.CheckConstraint(
            "planned_end_on IS NULL OR planned_end_on >= start_on", name="planned_end"
        ),
        sa.CheckConstraint("actual_end_on IS NULL OR actual_end_on >= start_on", name="actual_end"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True, nullable=False, ondelete="CASCADE")
    title: str = Field(max_length=200, nullable=False)
    start_on: date = Field(nullable=False)
    planned_end_on: date | None = Field(default=None)
    actual_end_on: date | None = Field(default=None)
    day_rate_cents: int | None = Field(default=None)
    days_per_month: float | None = Field(default=None)
    fixed_monthly_cents: int | None = Field(default=None)
    status: str = Field(default="active", max_length=20, nullable=False, index=True)
    end_reason: str | None = Field(default=None, max_length=40)
    end_note: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()


OPEN_PIPELINE_COLUMNS = (
    "stage",
    "probability",
    "duration_months",
    "renewal_of_mission_id",
    "expected_close_on",
    "created_on",
    "monthly_value_cents",
    "last_done_on",
    "last_moved_on",
)


class Deal(SQLModel, table=True):
    """An opportunity in the pipeline."""

    __tablename__ = "deal"
    __table_args__ = (
        sa.CheckConstraint(sql_in("stage", STAGES), name="stage"),
        sa.CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        sa.CheckConstraint("monthly_value_cents >= 0", name="monthly_value"),
        sa.CheckConstraint(
            "duration_months IS NULL OR duration_months > 0", name="duration_months"
        ),
        sa.CheckConstraint(
            "probability IS NULL OR (probability >= 0 AND probability <= 100)", name="probability"
        ),
        sa.CheckConstraint("lost_reason IS NULL OR stage = 'lost'", name="lost_reason_when_lost"),
        sa.Index("ix_deal_stage_client_id", "stage", "client_id"),
        # The conversion numbers: deals counted per (stage, highest open stage, channel) with
        # the won deals' values and cycles, from this index alone.
        sa.Index(
            "ix_deal_conversion",
            "stage",
            "highest_open_stage",
            "channel",
            "monthly_value_cents",
            "won_cycle_days",
        ),
        # The open deals: the pipeline's sums per (stage, probability, kind, expected close)
        # and the rotting ones (idle since), from this index alone.
        sa.Index("ix_deal_open_pipeline", *OPEN_PIPELINE_COLUMNS),
        sa.Index("ix_deal_created_on", "created_on"),  # the deals created in a week
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True, nullable=False, ondelete="CASCADE")
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", index=True, ondelete="SET NULL"
    )
    title: str = Field(max_length=200, nullable=False)
    monthly_value_cents: int = Field(default=0, nullable=False)
    duration_months: float | None = Field(default=None)
    stage: str = Field(default="lead", max_length=20, nullable=False)
    probability: int | None = Field(default=None, description="per-deal override, percent")
    channel: str = Field(default="other", max_length=20, nullable=False, index=True)
    expected_close_on: date | None = Field(default=None)
    # The mission this deal would renew: while it is open, that mission's end is weighed by the
    # deal's probability instead of counting as revenue lost.
    renewal_of_mission_id: int | None = Field(
        default=None, foreign_key="mission.id", index=True, ondelete="SET NULL"
    )
    lost_reason: str | None = Field(default=None, sa_type=sa.Text)
    created_on: date = Field(nullable=False)
    closed_on: date | None = Field(default=None)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()
    # What the dashboard reads of the deal's history, kept exact by the write path
    # (``store.writes.summaries``: every write that changes the history refreshes them in its
    # transaction; ``db check`` recomputes them). Never written by anything else.
    last_done_on: date | None = derived_field()
    last_moved_on: date | None = derived_field()
    first_moved_on: date | None = derived_field()
    won_on: date | None = derived_field()
    last_to_stage: str | None = derived_field(max_length=20)
    highest_open_stage: str | None = derived_field(max_length=20)
    won_cycle_days: int | None = derived_field()


class DealStageChange(SQLModel, table=True):
    """One move of a deal between stages; the first row of a deal has no ``from_stage``."""

    __tablename__ = "deal_stage_change"
    __table_args__ = (
        sa.CheckConstraint(
            "from_stage IS NULL OR " + sql_in("from_stage", STAGES), name="from_stage"
        ),
        sa.CheckConstraint(sql_in("to_stage", STAGES), name="to_stage"),
        sa.Index("ix_deal_stage_change_deal_id_changed_on", "deal_id", "changed_on"),
        sa.Index("ix_deal_stage_change_changed_on", "changed_on"),  # the moves of a week
    )

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", nullable=False, ondelete="CASCADE")
    from_stage: str | None = Field(default=None, max_length=20)
    to_stage: str = Field(max_length=20, nullable=False)
    changed_on: date = Field(nullable=False)
    created_at: datetime = created_at_field()


class Activity(SQLModel, table=True):
    """Something done (``done_on``) or due (``due_on``): an email, a call, a meeting…"""

    __tablename__ = "activity"
    __table_args__ = (
        sa.CheckConstraint(sql_in("kind", ACTIVITY_KINDS), name="kind"),
        sa.CheckConstraint(sql_in("channel", CHANNELS), name="channel"),
        sa.CheckConstraint("due_on IS NOT NULL OR done_on IS NOT NULL", name="dated"),
        # The agenda: open activities by due date (keyset pages on (due_on, id)).
        sa.Index("ix_activity_done_on_due_on", "done_on", "due_on", "id"),
        # Plan progress: done activities per channel in a period.
        sa.Index("ix_activity_channel_done_on", "channel", "done_on"),
        # The agenda filtered by channel: that channel's open activities by (due_on, id).
        sa.Index("ix_activity_channel_done_on_due_on", "channel", "done_on", "due_on", "id"),
        # The plan's progress: done activities of a period by (channel, day, contact), covered.
        sa.Index("ix_activity_done_on_channel_contact_id", "done_on", "channel", "contact_id"),
        sa.Index("ix_activity_deal_id_done_on", "deal_id", "done_on"),
        sa.Index("ix_activity_client_id_done_on", "client_id", "done_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, nullable=False)
    channel: str = Field(max_length=20, nullable=False)
    subject: str = Field(default="", max_length=300, nullable=False)
    due_on: date | None = Field(default=None)
    done_on: date | None = Field(default=None)
    outcome: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    client_id: int | None = Field(default=None, foreign_key="client.id", ondelete="CASCADE")
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", index=True, ondelete="SET NULL"
    )
    deal_id: int | None = Field(default=None, foreign_key="deal.id", ondelete="CASCADE")
    enrollment_id: int | None = Field(
        default=None, foreign_key="sequence_enrollment.id", index=True, ondelete="SET NULL"
    )
    created_at: datetime = created_at_field()
    # Bumped by every change of the row (``_bump_revision``): the calendar event's SEQUENCE, so
    # a subscribed calendar updates the event in place (its UID stays ``activity-<id>``).
    revision: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})


@sa.event.listens_for(Activity, "before_update")
def _bump_revision(_mapper, _connection, target: Activity) -> None:
    """One more revision when the ORM writes a change of the activity (not on a flush that
    changes nothing)."""
    session = object_session(target)
    if session is not None and session.is_modified(target, include_collections=False):
        target.revision = (target.revision or 0) + 1


class Signal(SQLModel, table=True):
    """A dated churn-risk fact about a client."""

    __tablename__ = "signal"
    __table_args__ = (
        sa.CheckConstraint(sql_in("kind", SIGNAL_KINDS), name="kind"),
        sa.Index("ix_signal_client_id_occurred_on", "client_id", "occurred_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", nullable=False, ondelete="CASCADE")
    kind: str = Field(max_length=20, nullable=False)
    occurred_on: date = Field(nullable=False)
    note: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()


class Survey(SQLModel, table=True):
    """A satisfaction survey (current client) or an exit survey (former client)."""

    __tablename__ = "survey"
    __table_args__ = (
        sa.CheckConstraint(sql_in("kind", SURVEY_KINDS), name="kind"),
        sa.CheckConstraint(sql_in("scale", SURVEY_SCALES), name="scale"),
        sa.CheckConstraint(
            "score IS NULL OR (scale = 'csat' AND score BETWEEN 1 AND 5) "
            "OR (scale = 'nps' AND score BETWEEN 0 AND 10)",
            name="score_range",
        ),
        sa.CheckConstraint("answered_on IS NULL OR answered_on >= sent_on", name="answered_after"),
        sa.Index("ix_survey_client_id_sent_on", "client_id", "sent_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", nullable=False, ondelete="CASCADE")
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    kind: str = Field(default="satisfaction", max_length=20, nullable=False)
    scale: str = Field(default="csat", max_length=10, nullable=False)
    sent_on: date = Field(nullable=False)
    answered_on: date | None = Field(default=None)
    score: int | None = Field(default=None)
    comment: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_at_field()
