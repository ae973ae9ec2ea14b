"""The agenda's activities edited, deleted, logged and searched with the keyboard alone (Pilot on
the demo), and the rows checked in the database afterwards; plus snapshots of the edit form and
of the confirmation before a deletion."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from textual.widgets import Input, Label, Select

from pipeline_tui.services.resolve import resolve_client, resolve_contact
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.agenda import AgendaScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from tests.conftest import TODAY
from tests.tui.conftest import make_app, pressing, settle

SIZE = (140, 45)
COLUMNS = (
    "kind, channel, subject, due_on, done_on, outcome, notes, client_id, contact_id, deal_id, "
    "revision"
)


def _row(store: Store, activity_id: int) -> tuple | None:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.text(f"SELECT {COLUMNS} FROM activity WHERE id = :id"), {"id": activity_id}
        ).one_or_none()


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM activity")).scalar_one()


async def _agenda(pilot) -> LazyTable:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)
    return pilot.app.screen.query_one("#agenda", LazyTable)


async def _retype(pilot, text: str) -> None:
    """Replace the focused field's text, then go to the next field."""
    await pilot.press("home", "ctrl+k", *text, "tab")


async def test_edit_then_delete_an_activity_with_keys_only(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        table = await _agenda(pilot)
        activity = table.item_at_cursor().activity
        before = _row(demo_store, activity.id)
        assert before is not None and before[0] == "call"

        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-subject", Input).value == activity.subject
        # Kind: the next one in the menu (call → social), and the
        # channel's (phone → social network).
        await pilot.press("enter", "down", "enter", "tab")
        await pilot.press("enter", "down", "enter", "tab")
        assert form.query_one("#field-kind", Select).value == "social"
        await _retype(pilot, "Relancer Julien")
        await _retype(pilot, "banque rivemont")
        await _retype(pilot, "Julien Lefèvre")
        await pilot.press("tab")  # no deal
        await _retype(pilot, "+3d")
        await pilot.press("tab")  # still to do
        await _retype(pilot, "no answer")
        await _retype(pilot, "try the landline")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)

        after = _row(demo_store, activity.id)
        assert after is not None
        kind, channel, subject, due_on, done_on, outcome, notes, *links, revision = after
        assert (kind, channel, subject) == ("social", "social", "Relancer Julien")
        assert (str(due_on), done_on) == (str(TODAY + timedelta(days=3)), None)
        assert (outcome, notes) == ("no answer", "try the landline")
        assert links == [
            resolve_client(demo_store, "Banque Rivemont"),
            resolve_contact(demo_store, "Julien Lefèvre"),
            None,
        ]
        assert revision > before[-1]  # the calendar's SEQUENCE follows the edit

        # The list shows it where its new date puts it; the cursor on it, delete asks first.
        row = list(table.items).index(str(activity.id))
        table.move_cursor(row=row)
        shown = table.get_row(str(activity.id))
        assert shown[4:] == ["Relancer Julien", "Julien Lefèvre", "Banque Rivemont"]
        count = _count(demo_store)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert _row(demo_store, activity.id) is not None
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _row(demo_store, activity.id) is None
        assert _count(demo_store) == count - 1
        assert str(activity.id) not in table.items


async def test_log_form_keeps_what_was_typed_when_the_client_is_unknown(demo_store: Store) -> None:
    app = make_app(demo_store)
    count = _count(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _agenda(pilot)
        await pilot.press("A")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("tab", *"Rappeler pour le devis", "tab", *"banque riv", "tab", "tab")
        await pilot.press("tab", "home", "ctrl+k", *"+2d", "tab", "tab", *"intéressé")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open, nothing lost
        error = str(form.query_one("#form-error", Label).content)
        assert "no client named 'banque riv'" in error and "Banque Rivemont" in error
        assert form.query_one("#field-client", Input).value == "banque riv"
        assert form.query_one("#field-subject", Input).value == "Rappeler pour le devis"
        assert form.query_one("#field-outcome", Input).value == "intéressé"
        assert _count(demo_store) == count

        # The name offered as you type completes it: → takes the suggestion.
        form.query_one("#field-client", Input).focus()
        await pilot.press("end", *"e", "right", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    assert _count(demo_store) == count + 1
    with demo_store.engine.connect() as conn:
        kind, subject, due_on, done_on, outcome, client_id = conn.execute(
            sa.text(
                "SELECT kind, subject, due_on, done_on, outcome, client_id FROM activity"
                " ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert (kind, subject, str(due_on), done_on, outcome) == (
        "email",
        "Rappeler pour le devis",
        str(TODAY + timedelta(days=2)),
        None,
        "intéressé",
    )
    assert client_id == resolve_client(demo_store, "Banque Rivemont")


async def test_slash_searches_the_agenda_and_escape_clears(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        table = await _agenda(pilot)
        everything = table.row_count
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"rivemont")
        await settle(pilot)
        search = app.screen.query_one("#agenda-search", Input)
        assert search.value == "rivemont" and search.has_focus
        found = list(table.items.values())
        assert 0 < len(found) < everything
        assert all(row.client_name == "Banque Rivemont" for row in found)
        assert "found" in str(app.screen.query_one("#agenda-count", Label).content)

        await pilot.press("escape")
        await settle(pilot)
        assert search.value == "" and table.has_focus
        assert table.row_count == everything


async def test_the_dashboards_due_list_edits_and_postpones_by_a_day(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#due", LazyTable)
        table.focus()
        activity = table.item_at_cursor().activity
        assert activity.due_on < TODAY  # overdue: "+1 day" is from its due date
        await pilot.press("plus")
        await settle(pilot)
        assert str(_row(demo_store, activity.id)[3]) == str(activity.due_on + timedelta(days=1))

        activity = table.item_at_cursor().activity
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab")
        await _retype(pilot, "Edited from the dashboard")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert _row(demo_store, activity.id)[2] == "Edited from the dashboard"


def _keys(*keys: str):
    return pressing(list(keys))


def test_snapshot_of_the_activity_edit_form(snap_compare, demo_store: Store) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("4", "e"))


def test_snapshot_of_the_delete_confirmation(snap_compare, demo_store: Store) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("4", "delete"))
