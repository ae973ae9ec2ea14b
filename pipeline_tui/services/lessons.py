"""Post-mortem lessons: what did not work, and the trainings to take (each a dated task).

Lessons stay browsable after the offboarding closes; ``open_lessons`` is what the weekly review
mentions: the trainings not taken yet, the overdue ones first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict, Unpack

from pipeline_tui.domain.playbook import check_lesson, check_lesson_done
from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import LESSON_KINDS
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked
from pipeline_tui.store.queries.lessons import LessonFacts, LessonRow, lesson_rows
from pipeline_tui.store.queries.offboardings import latest_offboarding_id
from pipeline_tui.store.reader import Reader, ReadSource

if TYPE_CHECKING:  # the writes load the ORM: imported when one runs (the review reads only)
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Lesson

__all__ = [
    "LessonFacts",
    "LessonFilters",
    "LessonRow",
    "add_lesson",
    "lesson_json",
    "list_lessons",
    "open_lessons",
    "read_open_lessons",
    "record_client_lesson",
    "remove_lesson",
    "set_lesson_done",
    "update_lesson",
]


def _checked_text(text: str, kind: str, due_on: date | None) -> str:
    checked(check_choice, kind, LESSON_KINDS, _("the lesson kind"))
    clean = checked(clean_text, text, _("the lesson"), required=True, max_len=500)
    checked(check_lesson, kind, due_on)
    return clean


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
    """A lesson of a post-mortem. A ``training`` is a task: it needs its ``due_on``. The client
    is the offboarding's when only the offboarding is given; a lesson of a client alone belongs
    to the client's latest offboarding when it has one (read in the same write)."""
    from pipeline_tui.store.database import reader_in
    from pipeline_tui.store.writes import lessons as writes
    from pipeline_tui.store.writes.offboardings import get_offboarding

    clean = _checked_text(text, kind, due_on)
    with store.session() as session:
        if offboarding_id is not None:
            client_id = client_id or get_offboarding(session, offboarding_id).client_id
        elif client_id is not None:
            offboarding_id = latest_offboarding_id(reader_in(session), client_id)
        return writes.add_lesson(
            session,
            kind=kind,
            text=clean,
            created_on=today,
            due_on=due_on,
            offboarding_id=offboarding_id,
            client_id=client_id,
        )


def record_client_lesson(
    store: Store, client_id: int, text: str, *, training_by: date | None, today: date
) -> Lesson:
    """A lesson from a client: a training to take by ``training_by``, else what did not work
    (a lesson can come from any client, not only an offboarded one)."""
    return add_lesson(
        store,
        text,
        kind="training" if training_by else "went_wrong",
        today=today,
        client_id=client_id,
        due_on=training_by,
    )


def set_lesson_done(store: Store, lesson_id: int, done_on: date | None) -> Lesson:
    """Mark a training taken (``done_on``) or not (None)."""
    from pipeline_tui.store.writes import lessons as writes

    with store.session() as session:
        lesson = writes.get_lesson(session, lesson_id)
        checked(check_lesson_done, lesson.kind, done_on)
        writes.set_lesson_done(session, lesson, done_on)
        return lesson


def update_lesson(
    store: Store, lesson_id: int, text: str, *, kind: str, due_on: date | None = None
) -> Lesson:
    """Rewrite a lesson: what it says, and whether it is a training to take by ``due_on``
    (one that becomes "what did not work" is no longer done)."""
    from pipeline_tui.store.writes import lessons as writes

    clean = _checked_text(text, kind, due_on)
    with store.session() as session:
        lesson = writes.get_lesson(session, lesson_id)
        return writes.update_lesson(session, lesson, kind=kind, text=clean, due_on=due_on)


def remove_lesson(store: Store, lesson_id: int) -> None:
    """Delete a lesson."""
    from pipeline_tui.store.writes import lessons as writes

    with store.session() as session:
        writes.remove_lesson(session, lesson_id)


class LessonFilters(TypedDict, total=False):
    """Which lessons ``list_lessons`` lists: ``lesson_rows``' filters, passed on as they are."""

    client_id: int | None
    offboarding_id: int | None
    open_only: bool


def list_lessons(source: ReadSource, **filters: Unpack[LessonFilters]) -> list[LessonRow]:
    """Every lesson (newest first), or the open trainings only (by due date)."""
    with source.read() as q:
        return lesson_rows(q, **filters)


def read_open_lessons(q: Reader, today: date) -> list[LessonRow]:
    """``open_lessons`` in the caller's read transaction."""
    rows = lesson_rows(q, open_only=True)
    return sorted(rows, key=lambda r: (not r.overdue(today), r.lesson.due_on, r.lesson.id))


def open_lessons(source: ReadSource, today: date) -> list[LessonRow]:
    """The trainings still to take, overdue first then by due date (for the weekly review)."""
    with source.read() as q:
        return read_open_lessons(q, today)


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
