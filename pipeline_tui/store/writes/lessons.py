"""Post-mortem lessons."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pipeline_tui.store.models import Client, Lesson
from pipeline_tui.store.writes.rows import flushed, get_or_fail


def add_lesson(
    session: Session,
    *,
    kind: str,
    text: str,
    created_on: date,
    due_on: date | None,
    offboarding_id: int | None,
    client_id: int | None,
) -> Lesson:
    """A lesson (of an offboarding, of a client: NotFound when the client is gone)."""
    if client_id is not None:
        get_or_fail(session, Client, client_id, "client")
    return flushed(
        session,
        Lesson(
            offboarding_id=offboarding_id,
            client_id=client_id,
            kind=kind,
            text=text,
            created_on=created_on,
            due_on=due_on,
        ),
    )


def get_lesson(session: Session, lesson_id: int) -> Lesson:
    return get_or_fail(session, Lesson, lesson_id, "lesson")


def set_lesson_done(session: Session, lesson: Lesson, done_on: date | None) -> None:
    lesson.done_on = done_on
    session.add(lesson)


def update_lesson(
    session: Session, lesson: Lesson, *, kind: str, text: str, due_on: date | None
) -> Lesson:
    """Change what the lesson says; a lesson that is no longer a training is not done either."""
    lesson.kind = kind
    lesson.text = text
    lesson.due_on = due_on
    if kind != "training":
        lesson.done_on = None
    session.add(lesson)
    return lesson


def remove_lesson(session: Session, lesson_id: int) -> None:
    session.delete(get_lesson(session, lesson_id))
