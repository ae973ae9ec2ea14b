"""SQLModel tables for the whole domain of DESIGN.md.

Money is integer cents (``*_cents``), one currency per database (the ``currency`` setting).
Domain dates are ``date``; timestamps are timezone-aware UTC (``UTCDateTime``).
Nothing here is SQLite-specific: the same models run on PostgreSQL.

The models live in one module per part of the domain; this package gives them all, and
``ALL_TABLES`` in insertion order of their foreign keys.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from pipeline_tui.store.models.columns import UTCDateTime, utcnow
from pipeline_tui.store.models.offboarding import (
    CaseStudy,
    HandoverDocument,
    Lesson,
    Offboarding,
    OffboardingItem,
    OffboardingTemplateItem,
    TransitionStep,
)
from pipeline_tui.store.models.prospecting import (
    Cadence,
    Sequence,
    SequenceEnrollment,
    SequenceStep,
)
from pipeline_tui.store.models.records import (
    Activity,
    Client,
    Contact,
    Deal,
    DealStageChange,
    Mission,
    Setting,
    Signal,
    Survey,
)
from pipeline_tui.store.models.reminders import ReminderSent

ALL_TABLES: tuple[type[SQLModel], ...] = (
    Setting,
    Client,
    Contact,
    Mission,
    Deal,
    DealStageChange,
    Activity,
    Cadence,
    Sequence,
    SequenceStep,
    SequenceEnrollment,
    Signal,
    Survey,
    Offboarding,
    OffboardingItem,
    OffboardingTemplateItem,
    TransitionStep,
    HandoverDocument,
    Lesson,
    CaseStudy,
)

__all__ = [
    "ALL_TABLES",
    "Activity",
    "Cadence",
    "CaseStudy",
    "Client",
    "Contact",
    "Deal",
    "DealStageChange",
    "HandoverDocument",
    "Lesson",
    "Mission",
    "Offboarding",
    "OffboardingItem",
    "OffboardingTemplateItem",
    "ReminderSent",
    "SQLModel",
    "Sequence",
    "SequenceEnrollment",
    "SequenceStep",
    "Setting",
    "Signal",
    "Survey",
    "TransitionStep",
    "UTCDateTime",
    "utcnow",
]
