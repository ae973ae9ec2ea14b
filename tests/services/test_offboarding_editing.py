"""Every record of an offboarding can be changed and deleted: checklist items (the checklist
closes when what is left is done), transition steps, documents, lessons."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import lessons, offboarding, offboarding_view
from tests.helpers import Demo

AGENCY = "Agence des Mobilités du Val d'Orbe"


def _agency(demo: Demo) -> int:
    return offboarding_view.latest_offboarding_id(demo.store, demo.client_id(AGENCY))


def test_removing_the_open_items_closes_the_checklist(demo: Demo) -> None:
    oid = _agency(demo)
    view = offboarding_view.get_offboarding_view(demo.store, oid)
    open_items = [i for i in view.items if i.done_on is None]
    assert (str(view.summary.progress), len(open_items)) == ("8/10", 2)
    progress = offboarding.remove_item(demo.store, open_items[0].id, demo.today)
    assert str(progress) == "8/9"
    assert offboarding_view.get_offboarding_view(demo.store, oid).summary.closed_on is None
    progress = offboarding.remove_item(demo.store, open_items[1].id, demo.today)
    view = offboarding_view.get_offboarding_view(demo.store, oid)
    assert str(progress) == "8/8" and view.summary.closed_on == demo.today
    assert {i.id for i in view.items}.isdisjoint({i.id for i in open_items})
    with pytest.raises(NotFound, match="no checklist item"):
        offboarding.remove_item(demo.store, open_items[0].id, demo.today)


def test_steps_and_documents_are_rewritten(demo: Demo) -> None:
    oid = _agency(demo)
    step = offboarding.add_transition_step(demo.store, oid, "Reprise", owner="Nadia")
    doc = offboarding.add_document(demo.store, oid, "Accès")
    offboarding.update_transition_step(
        demo.store, step.id, " Reprise des API ", owner=" ", due_on=date(2026, 12, 4)
    )
    offboarding.rename_document(demo.store, doc.id, "Accès et mots de passe")
    view = offboarding_view.get_offboarding_view(demo.store, oid)
    changed = next(s for s in view.steps if s.id == step.id)
    assert (changed.task, changed.owner, changed.due_on) == (
        "Reprise des API",
        None,
        date(2026, 12, 4),
    )
    assert next(d for d in view.documents if d.id == doc.id).name == "Accès et mots de passe"
    assert offboarding_view.transition_step(demo.store, step.id) == changed
    with pytest.raises(NotFound, match="no transition step #99999"):
        offboarding_view.transition_step(demo.store, 99999)
    with pytest.raises(InvalidInput, match="task is required"):
        offboarding.update_transition_step(demo.store, step.id, " ")
    with pytest.raises(InvalidInput, match="document is required"):
        offboarding.rename_document(demo.store, doc.id, "")
    with pytest.raises(NotFound, match="no transition step"):
        offboarding.update_transition_step(demo.store, 99999, "x")


def test_lessons_are_rewritten_and_deleted(demo: Demo) -> None:
    store, today = demo.store, demo.today
    oid = _agency(demo)
    training = lessons.add_lesson(
        store, "Cours", kind="training", today=today, offboarding_id=oid, due_on=today
    )
    lessons.set_lesson_done(store, training.id, today)
    lessons.update_lesson(store, training.id, "Cours de cadrage", kind="training", due_on=today)
    row = next(
        r for r in lessons.list_lessons(store, offboarding_id=oid) if r.lesson.id == training.id
    )
    assert (row.lesson.text, row.lesson.kind, row.lesson.done_on) == (
        "Cours de cadrage",
        "training",
        today,
    )

    lessons.update_lesson(store, training.id, "Pas de cadrage", kind="went_wrong")
    row = next(
        r for r in lessons.list_lessons(store, offboarding_id=oid) if r.lesson.id == training.id
    )
    assert (row.lesson.kind, row.lesson.due_on, row.lesson.done_on) == ("went_wrong", None, None)
    with pytest.raises(InvalidInput, match="give the date"):
        lessons.update_lesson(store, training.id, "Cours", kind="training")

    lessons.remove_lesson(store, training.id)
    assert training.id not in {r.lesson.id for r in lessons.list_lessons(store, offboarding_id=oid)}
    with pytest.raises(NotFound, match="no lesson"):
        lessons.remove_lesson(store, training.id)
