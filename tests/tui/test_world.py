"""Issue 14, acceptance 1: from an empty database, with keys only, a freelancer's world is built,
each record edited once, one of each deleted; the rows left are exactly the expected ones.

The world, typed on the screens reached with their digits from the dashboard (``5`` then ``s``
for the sequences):

- clients (3): the client Atelier Zephyr (its notes edited) and Cimentis, a spare deleted;
  the contacts Karim Benali (his phone edited) and Lea Martin (deleted); the missions
  Refonte SI (its fixed monthly amount edited, 8,000 → 9,000) and Audit flash (deleted); a
  competitor signal (its note edited) and a note signal (deleted); a satisfaction survey sent to
  Karim and answered (its score edited, 4 → 5), and a second one sent earlier (deleted).
- pipeline board (2): the deals Audit express (its monthly value edited, 5,000 → 6,000) and
  TMA 2027 (deleted).
- plan (5): an emailing cadence of 10 a week (its count edited to 12) and a monthly phone
  cadence of 4 (removed).
- sequences (``s`` on the plan): Relance, ``email:0, call:3, email:7`` (its steps edited to
  ``email:0, call:4``), and Essai (removed); Karim enrolled in Relance (running) and the deal
  Audit express enrolled, then stopped.

The rows afterwards are read with plain SQL, column by column, table by table: one client, one
contact, one mission, one deal, one cadence, one sequence with its two steps, two enrolments (one
running, one stopped), one survey, one signal.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from textual.widgets import DataTable, Label

from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.pipeline import PipelineScreen
from pipeline_tui.tui.screens.plan import PlanScreen
from pipeline_tui.tui.screens.sequences import SequencesScreen
from pipeline_tui.tui.screens.signal_picker import SignalPicker
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle

MONDAY = date(2026, 11, 23)  # the week of TODAY, where a weekly cadence counts from


def rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def one(store: Store, sql: str):
    (row,) = rows(store, sql)
    return row[0]


async def press(pilot, *keys: str) -> None:
    """Press the keys, then wait for the app to be idle."""
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def clear_and_type(pilot, text: str) -> None:
    """Replace the text of the focused field."""
    await pilot.press("end", *["backspace"] * 40, *text)


async def screen_key(pilot, key: str, kind: type) -> object:
    await press(pilot, key)
    assert isinstance(pilot.app.screen, kind), pilot.app.screen
    return pilot.app.screen


async def form(pilot, key: str) -> FormScreen:
    return await screen_key(pilot, key, FormScreen)


async def save(pilot, back_to: type) -> None:
    await press(pilot, "ctrl+s")
    assert isinstance(pilot.app.screen, back_to), _form_errors(pilot)


def _form_errors(pilot) -> str:
    screen = pilot.app.screen
    if not isinstance(screen, FormScreen):
        return repr(screen)
    return " | ".join(
        str(label.content) for label in screen.query(".field-error, #form-error").results(Label)
    )


async def confirm(pilot, key: str, back_to: type, question: str | None = None) -> None:
    """``key`` asks (a ConfirmScreen), ``y`` says yes."""
    asked = await screen_key(pilot, key, ConfirmScreen)
    if question is not None:
        assert asked.question.startswith(question), asked.question
    await press(pilot, "y")
    assert isinstance(pilot.app.screen, back_to)


async def focus(pilot, widget_id: str) -> DataTable:
    """Tab until the widget ``widget_id`` has the focus."""
    for _ in range(12):
        if getattr(pilot.app.screen.focused, "id", None) == widget_id:
            return pilot.app.screen.focused
        await press(pilot, "tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def cursor_to(pilot, table: DataTable, key: str) -> None:
    """Move the cursor of the focused ``table`` to the row keyed ``key`` with the arrows."""
    keys = [str(row.value) for row in table.rows]
    target = keys.index(key)
    step = "down" if target > table.cursor_row else "up"
    for _ in range(abs(target - table.cursor_row)):
        await press(pilot, step)
    assert table.cursor_row == target


async def cursor_to_row(pilot, table: DataTable, wanted) -> None:
    """Move the cursor of the focused ``table`` with the arrows to the one row whose cells (as
    text) are ``wanted``."""
    cells = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    (target,) = [i for i, row in enumerate(cells) if wanted(row)]
    step = "down" if target > table.cursor_row else "up"
    for _ in range(abs(target - table.cursor_row)):
        await press(pilot, step)
    assert table.cursor_row == target


def ident(store: Store, table: str, where: str) -> str:
    return str(one(store, f"SELECT id FROM {table} WHERE {where}"))


async def build_clients(pilot) -> None:
    """The client, its two contacts, two missions, two signals and two surveys."""
    await screen_key(pilot, "3", ClientsScreen)
    await form(pilot, "N")
    await type_text(pilot, "Atelier Zephyr")
    await pilot.press("tab", "tab", "tab")
    await type_text(pilot, "met at BDX.io")
    await save(pilot, ClientsScreen)

    for first, last, phone in (("Karim", "Benali", "0601020304"), ("Lea", "Martin", "")):
        await form(pilot, "C")
        await type_text(pilot, first)
        await pilot.press("tab")
        await type_text(pilot, last)
        await pilot.press("tab", "tab", "tab")  # role, email, phone
        await type_text(pilot, phone)
        await save(pilot, ClientsScreen)

    for title, start, monthly in (
        ("Refonte SI", "2026-11-02", "8000"),
        ("Audit flash", "", "1500"),
    ):
        await form(pilot, "M")
        await type_text(pilot, title)
        await pilot.press("tab")
        if start:
            await clear_and_type(pilot, start)
        await pilot.press("tab", "tab", "tab", "tab")  # planned end, day rate, days, fixed
        await type_text(pilot, monthly)
        await save(pilot, ClientsScreen)

    await screen_key(pilot, "g", SignalPicker)
    await press(pilot, "c")  # a competitor approach, today
    await screen_key(pilot, "g", SignalPicker)
    await press(pilot, "n")  # a note, today

    # a survey sent today to Karim, then its answer; a second one sent on the 20th
    await form(pilot, "S")
    await pilot.press("tab", "tab", "enter")  # the "To" select opens
    await type_text(pilot, "Karim")
    await pilot.press("enter")
    await save(pilot, ClientsScreen)
    await form(pilot, "A")
    await pilot.press("tab")
    await type_text(pilot, "4")
    await pilot.press("tab")
    await type_text(pilot, "clear deliverables")
    await save(pilot, ClientsScreen)
    await form(pilot, "S")
    await clear_and_type(pilot, "2026-11-20")
    await save(pilot, ClientsScreen)


async def build_deals(pilot) -> None:
    """Two deals for Atelier Zephyr, added on the board in the lead column."""
    await screen_key(pilot, "2", PipelineScreen)
    for title, monthly in (("Audit express", "5000"), ("TMA 2027", "2000")):
        await form(pilot, "a")
        await type_text(pilot, "Atelier")
        await pilot.press("right", "tab", "tab")  # → takes the name offered; the stage stays
        await type_text(pilot, title)
        await pilot.press("tab")
        await type_text(pilot, monthly)
        await save(pilot, PipelineScreen)


async def build_plan(pilot) -> None:
    """Two cadences on the plan; two sequences, Karim and the deal enrolled in Relance."""
    await screen_key(pilot, "5", PlanScreen)
    await form(pilot, "a")  # emailing (the default), 10 a week (the default period)
    await pilot.press("tab")
    await type_text(pilot, "10")
    await save(pilot, PlanScreen)
    await form(pilot, "a")
    await pilot.press("enter")  # the channel select opens
    await type_text(pilot, "phone")
    await pilot.press("enter", "tab")
    await type_text(pilot, "4")
    await pilot.press("tab", "enter", "down", "enter")  # the period: monthly
    await save(pilot, PlanScreen)

    await screen_key(pilot, "s", SequencesScreen)
    for name, steps in (("Relance", "email:0, call:3, email:7"), ("Essai", "email:0")):
        await form(pilot, "a")
        await type_text(pilot, name)
        await pilot.press("tab")
        await type_text(pilot, steps)
        await save(pilot, SequencesScreen)
    table = pilot.app.screen.query_one("#sequence-table", DataTable)
    await cursor_to_row(pilot, table, lambda row: row[1] == "Relance")
    for lead in ("Karim Benali", "Audit express"):
        await form(pilot, "plus")
        await type_text(pilot, lead)
        await save(pilot, SequencesScreen)
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, PlanScreen)


async def edit_and_prune_clients(pilot, store: Store) -> None:
    """One field of each record changed; the spare contact, mission, signal, survey deleted; a
    spare client added then deleted."""
    screen = await screen_key(pilot, "3", ClientsScreen)
    await focus(pilot, "client-list")
    await form(pilot, "e")  # name, notes
    await pilot.press("tab")
    await clear_and_type(pilot, "met at BDX.io, intro by Karim")
    await save(pilot, ClientsScreen)

    contacts = await focus(pilot, "contacts")
    await cursor_to(pilot, contacts, ident(store, "contact", "first_name = 'Karim'"))
    await form(pilot, "e")  # first, last, role, email, phone…
    await pilot.press("tab", "tab", "tab", "tab")
    await clear_and_type(pilot, "0611223344")
    await save(pilot, ClientsScreen)
    await cursor_to(pilot, contacts, ident(store, "contact", "first_name = 'Lea'"))
    await confirm(pilot, "delete", ClientsScreen, "Delete Lea Martin?")

    missions = await focus(pilot, "missions")
    await cursor_to(pilot, missions, ident(store, "mission", "title = 'Refonte SI'"))
    await form(pilot, "e")  # title, start, planned end, day rate, days per month, fixed
    await pilot.press("tab", "tab", "tab", "tab", "tab")
    await clear_and_type(pilot, "9000")
    await save(pilot, ClientsScreen)
    await cursor_to(pilot, missions, ident(store, "mission", "title = 'Audit flash'"))
    await confirm(pilot, "delete", ClientsScreen, "Delete Audit flash?")

    signals = await focus(pilot, "signals")
    await cursor_to(pilot, signals, ident(store, "signal", "kind = 'competitor'"))
    await form(pilot, "e")  # kind, date, note
    await pilot.press("tab", "tab")
    await type_text(pilot, "second offer, lower rate")
    await save(pilot, ClientsScreen)
    await cursor_to(pilot, signals, ident(store, "signal", "kind = 'note'"))
    await confirm(pilot, "delete", ClientsScreen, "Delete the note signal of 26 Nov 2026?")

    surveys = await focus(pilot, "surveys")
    await cursor_to(pilot, surveys, ident(store, "survey", "score IS NOT NULL"))
    await form(pilot, "e")  # sent, answered, score, scale, comment
    await pilot.press("tab", "tab")
    await clear_and_type(pilot, "5")
    await save(pilot, ClientsScreen)
    await cursor_to(pilot, surveys, ident(store, "survey", "score IS NULL"))
    await confirm(pilot, "delete", ClientsScreen, "Delete the satisfaction survey sent 20 Nov")

    await focus(pilot, "client-list")
    await form(pilot, "N")
    await type_text(pilot, "Cimentis")
    await save(pilot, ClientsScreen)
    assert screen.detail is not None and screen.detail.client.name == "Cimentis"
    await confirm(pilot, "delete", ClientsScreen, "Delete Cimentis?")


async def edit_and_prune_deals(pilot, store: Store) -> None:
    screen = await screen_key(pilot, "2", PipelineScreen)
    leads = screen.query_one("#deals-lead", DataTable)
    assert screen.focused is leads
    await cursor_to(pilot, leads, ident(store, "deal", "title = 'Audit express'"))
    await form(pilot, "e")  # title, monthly value…
    await pilot.press("tab")
    await clear_and_type(pilot, "6000")
    await save(pilot, PipelineScreen)
    await cursor_to(pilot, leads, ident(store, "deal", "title = 'TMA 2027'"))
    await confirm(pilot, "delete", PipelineScreen, "Delete TMA 2027?")


async def edit_and_prune_plan(pilot, store: Store) -> None:
    screen = await screen_key(pilot, "5", PlanScreen)
    cadences = await focus(pilot, "cadences")
    await cursor_to(pilot, cadences, ident(store, "cadence", "channel = 'emailing'"))
    await form(pilot, "e")  # channel, count…
    await pilot.press("tab")
    await clear_and_type(pilot, "12")
    await save(pilot, PlanScreen)
    spare = ident(store, "cadence", "channel = 'phone'")
    await cursor_to(pilot, cadences, spare)
    await confirm(pilot, "delete", PlanScreen, f"Remove cadence #{spare}")
    assert pilot.app.screen is screen

    await screen_key(pilot, "s", SequencesScreen)
    sequences = await focus(pilot, "sequence-table")
    await cursor_to_row(pilot, sequences, lambda row: row[1] == "Relance")
    await form(pilot, "e")  # name, steps
    await pilot.press("tab")
    await clear_and_type(pilot, "email:0, call:4")
    await save(pilot, SequencesScreen)
    enrolments = await focus(pilot, "enrolment-table")
    await cursor_to_row(pilot, enrolments, lambda row: row[1].startswith("Audit express"))
    await confirm(pilot, "x", SequencesScreen, "Stop enrolment")
    sequences = await focus(pilot, "sequence-table")
    await cursor_to_row(pilot, sequences, lambda row: row[1] == "Essai")
    await confirm(pilot, "delete", SequencesScreen, "Remove sequence Essai?")
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, PlanScreen)


BUILT = {
    "SELECT name FROM client": [("Atelier Zephyr",)],
    "SELECT first_name FROM contact ORDER BY id": [("Karim",), ("Lea",)],
    "SELECT title FROM mission ORDER BY id": [("Refonte SI",), ("Audit flash",)],
    "SELECT title FROM deal ORDER BY id": [("Audit express",), ("TMA 2027",)],
    "SELECT channel FROM cadence ORDER BY id": [("emailing",), ("phone",)],
    "SELECT name FROM sequence ORDER BY id": [("Relance",), ("Essai",)],
    "SELECT kind FROM signal ORDER BY id": [("competitor",), ("note",)],
    "SELECT sent_on FROM survey ORDER BY id": [("2026-11-26",), ("2026-11-20",)],
    "SELECT count(*) FROM sequence_enrollment WHERE stopped_on IS NULL": [(2,)],
    "SELECT count(*) FROM activity WHERE enrollment_id IS NOT NULL": [(6,)],
}

# What is left, column by column (ids left out, the links named through joins).
D = TODAY.isoformat()
DEAL_LEFT = (  # the deal's row: its columns, in the order of EXPECTED's query below
    *("Atelier Zephyr", None, "Audit express", 600_000, None, "lead", None, "other"),
    *(None, None, None, D, None, None),
)
EXPECTED = {
    "SELECT name, industry, website, notes, archived_on FROM client": [
        ("Atelier Zephyr", None, None, "met at BDX.io, intro by Karim", None)
    ],
    "SELECT cl.name, c.first_name, c.last_name, c.role, c.email, c.phone, c.profile_url, "
    "c.do_not_contact, c.do_not_contact_on, c.notes "
    "FROM contact c JOIN client cl ON cl.id = c.client_id": [
        ("Atelier Zephyr", "Karim", "Benali", None, None, "0611223344", None, 0, None, None)
    ],
    "SELECT cl.name, m.title, m.start_on, m.planned_end_on, m.actual_end_on, m.day_rate_cents, "
    "m.days_per_month, m.fixed_monthly_cents, m.status, m.end_reason, m.end_note "
    "FROM mission m JOIN client cl ON cl.id = m.client_id": [
        ("Atelier Zephyr", "Refonte SI", "2026-11-02", *[None] * 4, 900_000, "active", None, None)
    ],
    "SELECT cl.name, d.contact_id, d.title, d.monthly_value_cents, d.duration_months, d.stage, "
    "d.probability, d.channel, d.expected_close_on, d.renewal_of_mission_id, d.lost_reason, "
    "d.created_on, d.closed_on, d.notes FROM deal d JOIN client cl ON cl.id = d.client_id": [
        # client, contact, title, value, duration, stage, probability, channel, expected close,
        # renews, lost reason, created, closed, notes
        DEAL_LEFT
    ],
    "SELECT channel, count, rrule, starts_on, active, label FROM cadence": [
        ("emailing", 12, "FREQ=WEEKLY;BYDAY=MO", MONDAY.isoformat(), 1, None)
    ],
    "SELECT name, skip_weekends FROM sequence": [("Relance", 1)],
    "SELECT q.name, s.position, s.day_offset, s.kind, s.channel, s.subject FROM sequence_step s "
    "JOIN sequence q ON q.id = s.sequence_id ORDER BY s.position": [
        ("Relance", 1, 0, "email", "emailing", ""),
        ("Relance", 2, 4, "call", "phone", ""),
    ],
    "SELECT q.name, d.title, c.first_name, e.started_on, e.stopped_on, e.stop_reason "
    "FROM sequence_enrollment e JOIN sequence q ON q.id = e.sequence_id "
    "LEFT JOIN deal d ON d.id = e.deal_id LEFT JOIN contact c ON c.id = e.contact_id "
    "ORDER BY e.id": [
        ("Relance", None, "Karim", D, None, None),
        ("Relance", "Audit express", None, D, D, "cancelled"),
    ],
    "SELECT cl.name, c.first_name, s.kind, s.scale, s.sent_on, s.answered_on, s.score, s.comment "
    "FROM survey s JOIN client cl ON cl.id = s.client_id "
    "LEFT JOIN contact c ON c.id = s.contact_id": [
        ("Atelier Zephyr", "Karim", "satisfaction", "csat", D, D, 5, "clear deliverables")
    ],
    "SELECT cl.name, s.kind, s.occurred_on, s.note "
    "FROM signal s JOIN client cl ON cl.id = s.client_id": [
        ("Atelier Zephyr", "competitor", D, "second offer, lower rate")
    ],
    # Karim's steps as Relance had them when he was enrolled; the stopped deal's went with it
    "SELECT q.name, c.first_name, a.deal_id, a.kind, a.channel, a.subject, a.due_on, a.done_on "
    "FROM activity a JOIN sequence_enrollment e ON e.id = a.enrollment_id "
    "JOIN sequence q ON q.id = e.sequence_id LEFT JOIN contact c ON c.id = a.contact_id "
    "ORDER BY a.due_on": [
        ("Relance", "Karim", None, "email", "emailing", "Email to Karim Benali", D, None),
        ("Relance", "Karim", None, "call", "phone", "Call with Karim Benali", "2026-11-30", None),
        (
            "Relance",
            "Karim",
            None,
            "email",
            "emailing",
            "Email to Karim Benali",
            "2026-12-03",
            None,
        ),
    ],
}


@pytest.mark.longest  # over a minute: started first (tests/conftest.py)
async def test_a_world_built_edited_and_pruned_with_keys_only(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await build_clients(pilot)
        await build_deals(pilot)
        await build_plan(pilot)
        assert {sql: rows(store, sql) for sql in BUILT} == BUILT
        await edit_and_prune_clients(pilot, store)
        await edit_and_prune_deals(pilot, store)
        await edit_and_prune_plan(pilot, store)
    assert {sql: rows(store, sql) for sql in EXPECTED} == EXPECTED
