"""Sequences with their steps, and enrollments with the state of each scheduled step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.sequence import Step
from pipeline_tui.store.queries.activities import ActivityRecord
from pipeline_tui.store.queries.sql import and_where
from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True)
class SequenceView:
    id: int
    name: str
    skip_weekends: bool
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class EnrollmentView:
    id: int
    sequence_id: int
    sequence_name: str
    deal_id: int | None
    contact_id: int | None
    started_on: date
    stopped_on: date | None
    stop_reason: str | None
    steps: tuple[ActivityRecord, ...]  # each scheduled step's activity, by due date
    contact_name: str | None = None
    deal_title: str | None = None

    @property
    def who(self) -> str:
        """The person followed up, and the deal: ``Karim Benali — Refonte API``."""
        parts = [p for p in (self.contact_name, self.deal_title) if p]
        return " — ".join(parts) or "(nobody: the contact was removed)"

    @property
    def running(self) -> bool:
        return self.stopped_on is None

    @property
    def remaining(self) -> tuple[ActivityRecord, ...]:
        """The steps still to do, by due date."""
        return tuple(s for s in self.steps if s.done_on is None)


_SEQUENCES = """
    SELECT s.id, s.name, s.skip_weekends,
           st.position, st.day_offset, st.kind, st.channel, st.subject
    FROM sequence s
    LEFT OUTER JOIN sequence_step st ON st.sequence_id = s.id"""


def _sequence_views(rows: list[tuple]) -> list[SequenceView]:
    views: list[SequenceView] = []
    steps: dict[int, list[Step]] = {}
    for id, name, skip_weekends, position, offset, kind, channel, subject in rows:
        if id not in steps:
            steps[id] = []
            views.append(SequenceView(id, name, bool(skip_weekends), ()))
        if position is not None:
            steps[id].append(Step(position, offset, kind, channel, subject))
    return [SequenceView(v.id, v.name, v.skip_weekends, tuple(steps[v.id])) for v in views]


def sequences(q: Reader) -> list[SequenceView]:
    """Every sequence with its steps, by name."""
    return _sequence_views(q.rows(f"{_SEQUENCES} ORDER BY s.name, s.id, st.position"))


def sequence(q: Reader, sequence_id: int) -> SequenceView | None:
    """The sequence ``sequence_id`` with its steps, or None."""
    rows = q.rows(f"{_SEQUENCES} WHERE s.id = :id ORDER BY st.position", {"id": sequence_id})
    found = _sequence_views(rows)
    return found[0] if found else None


def sequence_names(q: Reader) -> list[tuple[int, str]]:
    """``(id, name)`` of every sequence, by id."""
    return [(id, name) for id, name in q.rows("SELECT id, name FROM sequence ORDER BY id")]


def enrollments(
    q: Reader,
    *,
    deal_id: int | None = None,
    contact_id: int | None = None,
    running_only: bool = False,
    ids: Sequence[int] | None = None,
    sequence_id: int | None = None,
) -> list[EnrollmentView]:
    """Enrollments (of a deal, of a contact, of a sequence, running, these ones), newest first,
    each with its steps by due date."""
    sql = """
        SELECT e.id, e.sequence_id, s.name, e.deal_id, e.contact_id, e.started_on,
               e.stopped_on, e.stop_reason,
               a.id, a.kind, a.channel, a.subject, a.due_on, a.done_on, a.outcome, a.notes,
               a.client_id, a.contact_id, a.deal_id, c.first_name, c.last_name, d.title
        FROM sequence_enrollment e
        LEFT OUTER JOIN sequence s ON s.id = e.sequence_id
        LEFT OUTER JOIN activity a ON a.enrollment_id = e.id
        LEFT OUTER JOIN contact c ON c.id = e.contact_id
        LEFT OUTER JOIN deal d ON d.id = e.deal_id
        WHERE 1 = 1"""
    sql, params = and_where(
        sql,
        {
            "e.deal_id = :deal_id": deal_id,
            "e.contact_id = :contact_id": contact_id,
            "e.sequence_id = :sequence_id": sequence_id,
        },
    )
    if running_only:
        sql += " AND e.stopped_on IS NULL"
    if ids is not None:
        if not ids:
            return []
        sql += " AND e.id IN :ids"
        params["ids"] = list(ids)
    heads: dict[int, tuple] = {}
    names: dict[int, tuple[str | None, str | None]] = {}
    steps: dict[int, list[ActivityRecord]] = {}
    for row in q.rows(f"{sql} ORDER BY e.id DESC, a.due_on, a.id", params):
        id, activity_id = row[0], row[8]
        if id not in heads:
            heads[id] = row[:8]
            first, last, title = row[19:]
            person = " ".join(p for p in (first, last) if p) if first is not None else None
            names[id] = (person or None, title)
            steps[id] = []
        if activity_id is not None:
            _, kind, channel, subject, due, done, *rest = row[8:19]
            steps[id].append(
                ActivityRecord(activity_id, kind, channel, subject, day(due), day(done), *rest)
            )
    return [
        EnrollmentView(
            id=id,
            sequence_id=sequence_id,
            sequence_name=name if name is not None else "?",
            deal_id=deal,
            contact_id=contact,
            started_on=q.day(started_on),
            stopped_on=day(stopped_on),
            stop_reason=reason,
            steps=tuple(steps[id]),
            contact_name=names[id][0],
            deal_title=names[id][1],
        )
        for id, (_, sequence_id, name, deal, contact, started_on, stopped_on, reason) in (
            heads.items()
        )
    ]
