"""What ``pipeline-tui remind`` said, and when: so the same reminder is not said twice a day.

Program state, not the user's records: it is left out of ``ALL_TABLES`` (exports, imports, the
demo), like the Alembic version table.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from pipeline_tui.store.models.columns import UTCDateTime, utcnow


class ReminderSent(SQLModel, table=True):
    """One reminder said on ``day``: its ``kind`` (overdue, risk…) and ``key`` (``activity-12``).

    A reminder of a state that lasts (a client at risk, a deal rotting) is said once while the
    state lasts: ``cleared_on`` is the day the state was seen gone.
    """

    __tablename__ = "reminder_sent"
    __table_args__ = (sa.UniqueConstraint("kind", "key", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, nullable=False)
    key: str = Field(max_length=100, nullable=False)
    day: date = Field(nullable=False)
    said_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    cleared_on: date | None = Field(default=None)
