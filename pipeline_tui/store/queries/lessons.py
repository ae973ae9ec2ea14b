"""Post-mortem lessons: every lesson (of a client, of an offboarding), or the trainings still to
take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline_tui.domain.playbook import training_overdue
from pipeline_tui.store.queries.sql import and_where
from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True)
class LessonFacts:
    """A lesson as stored: what did not work, or a training to take by ``due_on``."""

    id: int
    offboarding_id: int | None
    client_id: int | None
    kind: str
    text: str
    created_on: date
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True, slots=True)
class LessonRow:
    """A lesson as listed, with its client's name."""

    lesson: LessonFacts
    client_name: str | None

    def overdue(self, today: date) -> bool:
        return training_overdue(self.lesson.due_on, self.lesson.done_on, today)


_COLUMNS = (
    "le.id, le.offboarding_id, le.client_id, le.kind, le.text, le.created_on, le.due_on, le.done_on"
)


def _facts(q: Reader, row: tuple[Any, ...]) -> LessonFacts:
    lid, oid, cid, kind, text, created, due, done = row
    return LessonFacts(lid, oid, cid, kind, text, q.day(created), day(due), day(done))


def lesson_rows(
    q: Reader,
    *,
    client_id: int | None = None,
    offboarding_id: int | None = None,
    open_only: bool = False,
) -> list[LessonRow]:
    """Every lesson (newest first), or the trainings not taken yet (by due date)."""
    sql = f"SELECT {_COLUMNS}, c.name FROM lesson le LEFT JOIN client c ON c.id = le.client_id"
    sql, params = and_where(
        sql + " WHERE 1 = 1",
        {
            "le.client_id = :client_id": client_id,
            "le.offboarding_id = :offboarding_id": offboarding_id,
        },
    )
    if open_only:
        sql += " AND le.kind = :training AND le.done_on IS NULL ORDER BY le.due_on, le.id"
        params["training"] = "training"
    else:
        sql += " ORDER BY le.created_on DESC, le.id DESC"
    return [LessonRow(_facts(q, row[:-1]), row[-1]) for row in q.rows(sql, params)]


def offboarding_lessons(q: Reader, offboarding_id: int) -> list[LessonFacts]:
    """An offboarding's lessons, by kind then as recorded."""
    return [
        _facts(q, row)
        for row in q.rows(
            f"SELECT {_COLUMNS} FROM lesson le WHERE le.offboarding_id = :id"
            " ORDER BY le.kind, le.created_on, le.id",
            {"id": offboarding_id},
        )
    ]
