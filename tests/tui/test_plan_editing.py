"""Pilot tests: cadences added, edited, paused and removed on the plan screen, and a sequence
defined with a contact enrolled on the sequences screen — with keys only; each form keeps what
was typed when it is refused."""

from __future__ import annotations

import sqlalchemy as sa
from textual.widgets import DataTable, Input, Label

from pipeline_tui.services import clients
from pipeline_tui.services import sequences as seqs
from pipeline_tui.store.database import Store
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.plan import PlanScreen
from pipeline_tui.tui.screens.sequences import SequencesScreen
from tests.conftest import TODAY
from tests.helpers import MONDAY
from tests.tui.conftest import settle, until
from tests.tui.test_prospecting import ScreenApp


def rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def plan_app(store: Store) -> ScreenApp:
    return ScreenApp(PlanScreen(TuiContext(store.config, store)))


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_add_edit_pause_and_remove_a_cadence_with_keys_only(store: Store) -> None:
    app = plan_app(store)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        # a: the form opens on the channel; tab to the count, type it, enter saves.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "1", "2", "enter")
        await settle(pilot)
        assert rows(store, "SELECT channel, count, rrule, starts_on FROM cadence") == [
            ("emailing", 12, "FREQ=WEEKLY;BYDAY=MO", MONDAY.isoformat())
        ]
        table = app.screen.query_one("#cadences", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        assert cells(table)[0][1:] == ["emailing", "12", "weekly", "23 Nov 2026", "running"]

        # e: the count becomes 5
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "end", "backspace", "backspace", "5", "enter")  # the count
        await settle(pilot)
        assert rows(store, "SELECT count FROM cadence") == [(5,)]

        # p pauses (the plan has no bar left), p again resumes
        await pilot.press("p")
        await settle(pilot)
        assert rows(store, "SELECT active FROM cadence") == [(0,)]
        await until(pilot, lambda: cells(table) and cells(table)[0][-1] == "paused")
        await pilot.press("p")
        await settle(pilot)
        assert rows(store, "SELECT active FROM cadence") == [(1,)]

        # delete asks first: n keeps it, y removes it
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert rows(store, "SELECT count(*) FROM cadence") == [(1,)]
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert rows(store, "SELECT count(*) FROM cadence") == [(0,)]
        await until(pilot, lambda: table.row_count == 0)


async def test_the_cadence_form_keeps_its_input_on_an_error(store: Store) -> None:
    app = plan_app(store)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        # count 7, period "the RRULE below" (two down in the select), an RRULE that is wrong
        await pilot.press("tab", "7", "tab", "enter", "down", "down", "enter")
        await pilot.press("tab", *"FREQ=HOURLY")
        await settle(pilot)
        error = form.query_one("#error-rrule", Label)
        assert "at least a day" in str(error.content)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form  # still open, everything kept
        assert form.query_one("#field-count", Input).value == "7"
        assert form.query_one("#field-rrule", Input).value == "FREQ=HOURLY"
        assert rows(store, "SELECT count(*) FROM cadence") == [(0,)]
        # the rule corrected, it saves
        await pilot.press(*["backspace"] * 6, *"DAILY", "enter")
        await settle(pilot)
        assert rows(store, "SELECT count, rrule FROM cadence") == [(7, "FREQ=DAILY")]


async def test_define_a_sequence_and_enrol_a_contact_with_keys_only(store: Store) -> None:
    client = clients.add_client(store, "Cimentis")
    clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    app = plan_app(store)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SequencesScreen)
        screen = app.screen
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"Relance", "tab", *"email:0, cal:3")
        await settle(pilot)
        # the wrong word is named under the field as it is typed; enter keeps everything
        assert "'cal' in 'cal:3' is not a step kind" in str(
            form.query_one("#error-steps", Label).content
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#field-name", Input).value == "Relance"
        await pilot.press("backspace", "backspace", *"l:3, email:7", "enter")
        await settle(pilot)
        assert app.screen is screen
        (made,) = seqs.list_sequences(store)
        assert [(s.day_offset, s.kind) for s in made.steps] == [
            (0, "email"),
            (3, "call"),
            (7, "email"),
        ]

        # +: enrol; a name nobody has is refused in the form, which keeps it
        await pilot.press("plus")
        await settle(pilot)
        enrol = app.screen
        await pilot.press(*"Karim Benaly", "enter")
        await settle(pilot)
        assert app.screen is enrol
        assert "no contact or deal named 'Karim Benaly'" in str(
            enrol.query_one("#form-error", Label).content
        )
        assert enrol.query_one("#field-lead", Input).value == "Karim Benaly"
        # the suggestion: "Karim B" then → takes "Karim Benali"
        await pilot.press(*["backspace"] * 5, "right", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert rows(store, "SELECT kind, due_on FROM activity ORDER BY due_on") == [
            ("email", TODAY.isoformat()),
            ("call", "2026-11-30"),
            ("email", "2026-12-03"),
        ]
        enrolments = screen.query_one("#enrolment-table", DataTable)
        await until(pilot, lambda: enrolments.row_count == 1)
        assert cells(enrolments)[0][1] == "Karim Benali"
        assert "next: email due 26 Nov 2026" in cells(enrolments)[0][3]

        # x stops it (after a yes): its planned steps go
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert rows(store, "SELECT stop_reason FROM sequence_enrollment") == [("cancelled",)]
        assert rows(store, "SELECT count(*) FROM activity") == [(0,)]

        # delete removes the sequence, escape goes back to the plan
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert seqs.list_sequences(store) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_an_opted_out_contact_is_refused_in_the_enrol_form(store: Store) -> None:
    client = clients.add_client(store, "Cimentis")
    karim = clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    clients.set_do_not_contact(store, karim.id, TODAY)
    seqs.define_sequence(store, "Relance", "email:0")
    app = ScreenApp(SequencesScreen(TuiContext(store.config, store)))
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press(*"Karim Benali", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "opted out of prospecting" in str(form.query_one("#form-error", Label).content)
        assert rows(store, "SELECT count(*) FROM sequence_enrollment") == [(0,)]
