"""Post-mortem lessons: what did not work, and the trainings to take (each a dated task).

Lessons stay browsable after the offboarding closes; ``open_lessons`` is what the weekly review
mentions: the trainings not taken yet, the overdue ones first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import LESSON_KINDS
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Lesson, Offboarding
from pipeline_tui.store.writes.rows import get_or_fail


def add_lesson(
    store: Store,
    text: str,
    *,
    kind: str,
    today: date,
    offboarding_id: int | None = None,
    client_id: int | None = None,
    due_on: date | None = None,
) -> Lesson:
    """A lesson of a post-mortem. A ``training`` is a task: it needs its ``due_on``."""
    checked(check_choice, kind, LESSON_KINDS, "the lesson kind")
    clean = checked(clean_text, text, "the lesson", required=True, max_len=500)
    if kind == "training" and due_on is None:
        raise InvalidInput("a training to take is a task: give the date to take it by")
    if kind != "training" and due_on is not None:
        raise InvalidInput("only a training to take has a due date")
    with store.session() as session:
        if offboarding_id is not None:
            offboarding = get_or_fail(session, Offboarding, offboarding_id, "offboarding")
            client_id = client_id or offboarding.client_id
        if client_id is not None:
            get_or_fail(session, Client, client_id, "client")
        lesson = Lesson(
            offboarding_id=offboarding_id,
            client_id=client_id,
            kind=kind,
            text=clean,
            created_on=today,
            due_on=due_on,
        )
        session.add(lesson)
        return lesson


def set_lesson_done(store: Store, lesson_id: int, done_on: date | None) -> Lesson:
    """Mark a training taken (``done_on``) or not (None)."""
    with store.session() as session:
        lesson = get_or_fail(session, Lesson, lesson_id, "lesson")
        if lesson.kind != "training" and done_on is not None:
            raise InvalidInput("only a training to take can be marked done")
        lesson.done_on = done_on
        session.add(lesson)
        return lesson


@dataclass(frozen=True)
class LessonRow:
    lesson: Lesson
    client_name: str | None

    def overdue(self, today: date) -> bool:
        due = self.lesson.due_on
        return self.lesson.done_on is None and due is not None and due < today


def list_lessons(
    store: Store,
    *,
    client_id: int | None = None,
    offboarding_id: int | None = None,
    open_only: bool = False,
) -> list[LessonRow]:
    """Every lesson (newest first), or the open trainings only (by due date)."""
    query = select(Lesson, Client.name).outerjoin(Client, col(Client.id) == Lesson.client_id)
    if client_id is not None:
        query = query.where(Lesson.client_id == client_id)
    if offboarding_id is not None:
        query = query.where(Lesson.offboarding_id == offboarding_id)
    if open_only:
        query = query.where(Lesson.kind == "training", col(Lesson.done_on).is_(None)).order_by(
            Lesson.due_on, Lesson.id
        )
    else:
        query = query.order_by(col(Lesson.created_on).desc(), col(Lesson.id).desc())
    with store.session() as session:
        return [LessonRow(lesson, name) for lesson, name in session.exec(query)]


def open_lessons(store: Store, today: date) -> list[LessonRow]:
    """The trainings still to take, overdue first then by due date (for the weekly review)."""
    rows = list_lessons(store, open_only=True)
    return sorted(rows, key=lambda r: (not r.overdue(today), r.lesson.due_on, r.lesson.id))


def lesson_json(row: LessonRow, today: date) -> dict[str, object]:
    lesson = row.lesson
    return {
        "id": lesson.id,
        "kind": lesson.kind,
        "text": lesson.text,
        "client": row.client_name,
        "created_on": lesson.created_on.isoformat(),
        "due_on": lesson.due_on.isoformat() if lesson.due_on else None,
        "done_on": lesson.done_on.isoformat() if lesson.done_on else None,
        "overdue": row.overdue(today),
    }
