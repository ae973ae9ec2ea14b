"""The forms the other refusal tests leave out keep what was typed when a value is refused: the
board's new deal and the mission a win opens, the agenda's activity edit, the sequences' define
form, the offboarding's transition step, document and lesson, and the template's step. Each is
opened with the keys of its screen on the demo, saved with a value refused, and stays on top with
the reason shown, every typed text in its field and nothing written."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import DataTable, Input, Label

from pipeline_tui.services.playbook_template import load_template
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.agenda import AgendaScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.offboarding import OffboardingScreen
from pipeline_tui.tui.screens.pipeline import PipelineScreen
from pipeline_tui.tui.screens.playbook import PlaybookScreen
from pipeline_tui.tui.screens.sequences import SequencesScreen
from tests.tui.conftest import make_app, settle

SIZE = (140, 45)


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


async def _go(pilot, *keys: str) -> None:
    """Press each key of a screen, settling after each one."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def _type(pilot, name: str, text: str) -> None:
    """Replace the text of the form's field ``name`` with ``text``, typed key by key."""
    box = pilot.app.screen.query_one(f"#field-{name}", Input)
    box.focus()
    await settle(pilot)
    await pilot.press("home", "ctrl+k", *text)


async def _refused(pilot, typed: dict[str, str], error: str, reason: str) -> FormScreen:
    """Type ``typed`` into the open form, save: the form stays, ``reason`` shows in the label
    ``#error``, and every field still holds what was typed."""
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, text in typed.items():
        await _type(pilot, name, text)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is form
    assert reason in str(form.query_one(f"#{error}", Label).render())
    for name, text in typed.items():
        assert form.query_one(f"#field-{name}", Input).value == text
    return form


async def test_the_new_deal_form_keeps_a_monthly_value_refused(demo_store: Store) -> None:
    client = _rows(demo_store, "SELECT name FROM client ORDER BY id LIMIT 1")[0][0]
    deals = _rows(demo_store, "SELECT count(*) FROM deal")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _go(pilot, "2")
        assert isinstance(app.screen, PipelineScreen)
        await _go(pilot, "a")
        typed = {"client": client, "title": "Audit express", "monthly_value_cents": "abc"}
        await _refused(pilot, typed, "error-monthly_value_cents", "abc")
    assert _rows(demo_store, "SELECT count(*) FROM deal") == deals
    assert _rows(demo_store, "SELECT id FROM deal WHERE title = 'Audit express'") == []


async def test_the_mission_form_of_a_win_keeps_its_months_refused(demo_store: Store) -> None:
    deals = _rows(demo_store, "SELECT id, stage FROM deal ORDER BY id")
    missions = _rows(demo_store, "SELECT count(*) FROM mission")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _go(pilot, "2", "w")
        assert isinstance(app.screen, ConfirmScreen)
        await _go(pilot, "y")
        typed = {"title": "Mission gagnée", "months": "-3", "monthly_cents": "6000"}
        await _refused(pilot, typed, "error-months", "at least 1")
    assert _rows(demo_store, "SELECT id, stage FROM deal ORDER BY id") == deals  # not won
    assert _rows(demo_store, "SELECT count(*) FROM mission") == missions


async def test_the_activity_edit_form_keeps_a_due_date_refused(demo_store: Store) -> None:
    everything = "SELECT id, subject, due_on, done_on, outcome, revision FROM activity ORDER BY id"
    before = _rows(demo_store, everything)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _go(pilot, "4")
        assert isinstance(app.screen, AgendaScreen)
        await _go(pilot, "e")
        typed = {"subject": "Relancer Julien", "due_on": "someday", "outcome": "no answer"}
        await _refused(pilot, typed, "error-due_on", "someday")
    assert _rows(demo_store, everything) == before


async def test_the_define_form_keeps_a_step_refused(demo_store: Store) -> None:
    sequences = _rows(demo_store, "SELECT id, name FROM sequence ORDER BY id")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _go(pilot, "5", "s")
        assert isinstance(app.screen, SequencesScreen)
        await _go(pilot, "a")
        typed = {"name": "Relance express", "steps": "email:0, emial:3"}
        await _refused(pilot, typed, "error-steps", "'emial' in 'emial:3' is not a step kind")
    assert _rows(demo_store, "SELECT id, name FROM sequence ORDER BY id") == sequences


HANDOVER = (
    "SELECT (SELECT count(*) FROM transition_step), (SELECT count(*) FROM handover_document), "
    "(SELECT count(*) FROM lesson)"
)
TOO_LONG = "Dossier " + "x" * 295  # 303 characters: a field holds 300 at most


async def _offboarding_table(pilot, table: str) -> None:
    """Open the offboarding screen with 7, then tab from the checklist to ``table``."""
    await _go(pilot, "7")
    screen = pilot.app.screen
    assert isinstance(screen, OffboardingScreen)
    for _ in range(4):
        if screen.focused is screen.query_one(f"#{table}", DataTable):
            return
        await _go(pilot, "tab")
    raise AssertionError(f"tab never reached #{table}")


async def test_the_transition_step_form_keeps_its_input_without_a_task(
    demo_store: Store,
) -> None:
    before = _rows(demo_store, HANDOVER)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _offboarding_table(pilot, "ob-steps")
        await _go(pilot, "A")
        typed = {"task": "   ", "owner": "Équipe interne", "due_on": "2026-12-01"}
        await _refused(pilot, typed, "error-task", "is required")
    assert _rows(demo_store, HANDOVER) == before


async def test_the_document_form_keeps_a_name_too_long(demo_store: Store) -> None:
    before = _rows(demo_store, HANDOVER)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _offboarding_table(pilot, "ob-documents")
        await _go(pilot, "A")
        await _refused(pilot, {"name": TOO_LONG}, "error-name", "at most 300 characters")
    assert _rows(demo_store, HANDOVER) == before


async def test_the_lesson_form_keeps_a_text_too_long(demo_store: Store) -> None:
    before = _rows(demo_store, HANDOVER)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _offboarding_table(pilot, "ob-lessons")
        await _go(pilot, "A")
        typed = {"text": TOO_LONG, "due_on": "2027-01-15"}
        await _refused(pilot, typed, "error-text", "at most 300 characters")
    assert _rows(demo_store, HANDOVER) == before


async def test_the_template_step_form_keeps_its_input_without_a_title(
    demo_store: Store,
) -> None:
    template = load_template(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _go(pilot, "7", "P")
        assert isinstance(app.screen, PlaybookScreen)
        await _go(pilot, "A")
        typed = {"title": "", "offset_days": "12"}
        await _refused(pilot, typed, "error-title", "is required")
    assert load_template(demo_store) == template
