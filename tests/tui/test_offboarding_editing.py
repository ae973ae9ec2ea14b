"""The offboarding screen's rows edited and deleted with the keyboard (checklist item, transition
step, document, lesson), the template's steps added, edited, moved and deleted, and escape on
the screen opened with ``7``. Pilot on the demo's open offboarding; rows checked in the store."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from pipeline_tui.services.offboarding_view import get_offboarding_view
from pipeline_tui.services.playbook_template import load_template
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.offboarding import OffboardingScreen
from pipeline_tui.tui.screens.playbook import PlaybookScreen
from tests.helpers import Demo, OffboardingTestApp
from tests.tui.conftest import make_app, settle

SIZE = (120, 40)


async def _retype(pilot, text: str) -> None:
    await pilot.press("home", "ctrl+k", *text, "tab")


async def _delete_confirmed(pilot) -> None:
    await pilot.press("delete")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot)


def _view(demo: Demo, screen: OffboardingScreen):
    return get_offboarding_view(demo.store, screen.offboarding_id)


async def test_edit_and_delete_every_kind_of_row(demo: Demo) -> None:
    app = OffboardingTestApp(demo.store, demo.config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OffboardingScreen)
        before = _view(demo, screen)

        # A checklist item: title, due date and notes; then deleted.
        item = before.items[0]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await _retype(pilot, "Plan de transition écrit")
        await _retype(pilot, "2026-10-18")
        await pilot.press(*"vu avec Pierre-Antoine", "ctrl+s")
        await settle(pilot)
        edited = next(i for i in _view(demo, screen).items if i.id == item.id)
        assert (edited.title, edited.due_on, edited.notes, edited.done_on) == (
            "Plan de transition écrit",
            date(2026, 10, 18),
            "vu avec Pierre-Antoine",
            item.done_on,
        )
        assert screen.query_one("#ob-items", DataTable).get_row_at(0)[2] == (
            "Plan de transition écrit"
        )
        await _delete_confirmed(pilot)
        view = _view(demo, screen)
        assert item.id not in {i.id for i in view.items}
        assert len(view.items) == len(before.items) - 1

        # A transition step.
        step = before.steps[0]
        screen.query_one("#ob-steps", DataTable).focus()
        await pilot.press("e")
        await settle(pilot)
        await _retype(pilot, "Reprise de la maintenance")
        await _retype(pilot, "Équipe interne")
        await _retype(pilot, "2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited_step = next(s for s in _view(demo, screen).steps if s.id == step.id)
        assert (edited_step.task, edited_step.owner, edited_step.due_on) == (
            "Reprise de la maintenance",
            "Équipe interne",
            date(2026, 12, 1),
        )
        await _delete_confirmed(pilot)
        assert step.id not in {s.id for s in _view(demo, screen).steps}

        # A document.
        document = before.documents[0]
        screen.query_one("#ob-documents", DataTable).focus()
        await pilot.press("e")
        await settle(pilot)
        await _retype(pilot, "Dossier d'architecture v2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        names = {d.id: d.name for d in _view(demo, screen).documents}
        assert names[document.id] == "Dossier d'architecture v2"
        await _delete_confirmed(pilot)
        assert document.id not in {d.id for d in _view(demo, screen).documents}

        # A lesson: the training becomes "what did not work" when its date is emptied.
        lesson = before.lessons[0]
        assert lesson.kind == "training"
        screen.query_one("#ob-lessons", DataTable).focus()
        await pilot.press("e")
        await settle(pilot)
        await _retype(pilot, "Avenant jamais cadré")
        await _retype(pilot, "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited_lesson = next(le for le in _view(demo, screen).lessons if le.id == lesson.id)
        assert (edited_lesson.text, edited_lesson.kind, edited_lesson.due_on) == (
            "Avenant jamais cadré",
            "went_wrong",
            None,
        )
        await _delete_confirmed(pilot)
        after = _view(demo, screen)
        assert lesson.id not in {le.id for le in after.lessons}
        assert len(after.lessons) == len(before.lessons) - 1
        assert isinstance(app.screen, OffboardingScreen)


async def test_a_refused_edit_keeps_the_form_and_writes_nothing(demo: Demo) -> None:
    app = OffboardingTestApp(demo.store, demo.config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        step = _view(demo, screen).steps[0]
        screen.query_one("#ob-steps", DataTable).focus()
        await pilot.press("e")
        await settle(pilot)
        await _retype(pilot, " ")  # a task of blanks: the service refuses it
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert next(s for s in _view(demo, screen).steps if s.id == step.id).task == step.task
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OffboardingScreen)


async def test_the_template_steps_are_added_edited_moved_and_deleted(demo: Demo) -> None:
    app = OffboardingTestApp(demo.store, demo.config)
    default = [s.key for s in load_template(demo.store)]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PlaybookScreen)

        # Added after the step under the cursor (the first one).
        await pilot.press("A")
        await settle(pilot)
        await _retype(pilot, "Rendre les accès")
        await pilot.press("tab")  # dated from the end (the default)
        await _retype(pilot, "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        steps = load_template(demo.store)
        assert [s.key for s in steps] == [default[0], "rendre_les_acces", *default[1:]]
        added = steps[1]
        assert (added.title, added.anchor, added.offset_days) == ("Rendre les accès", "end", 2)

        # The cursor is on it: edit, then move it up to the top.
        await pilot.press("e")
        await settle(pilot)
        await _retype(pilot, "Rendre les accès (VPN)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("shift+up")
        await settle(pilot)
        steps = load_template(demo.store)
        assert (steps[0].key, steps[0].title) == ("rendre_les_acces", "Rendre les accès (VPN)")
        assert [s.key for s in steps[1:]] == default
        table = app.screen.query_one("#playbook-steps", DataTable)
        assert table.cursor_row == 0 and table.get_row_at(0)[1] == "Rendre les accès (VPN)"

        # Deleted after a confirmation: the template is what it was.
        await _delete_confirmed(pilot)
        assert [s.key for s in load_template(demo.store)] == default
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OffboardingScreen)


async def test_escape_on_the_screen_opened_with_7_goes_to_the_dashboard(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, OffboardingScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


def test_snapshot_of_the_template(demo: Demo, snap_compare) -> None:
    """P on the offboarding screen: the default template's steps, the cursor on the first."""
    app = OffboardingTestApp(demo.store, demo.config)

    async def open_template(pilot) -> None:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_template)
