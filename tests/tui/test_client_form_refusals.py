"""Each form of the clients screen keeps what was typed when the service refuses it: the reason
shows under the fields, every field still holds its text, and nothing was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from textual.widgets import Input, Label

from pipeline_tui.services import clients, missions, signals, surveys
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.form import FormScreen
from tests.tui.conftest import make_app, settle
from tests.tui.test_client_editing import VERLAINE, open_client, retype, to_table

CLAIRE_URL = "https://www.linkedin.com/in/claire-dubois-ferrand-390062"


@dataclass(frozen=True)
class Refused:
    """Open a form with ``keys`` (after Tab to ``table``), type ``typed`` ((tabs, text) steps),
    save: the service says ``reason``; ``unchanged(store)`` is what the rows still are."""

    keys: tuple[str, ...]
    typed: tuple[tuple[int, str], ...]
    reason: str
    unchanged: Callable[[Store, int], object]
    table: str | None = None
    meanwhile: Callable[[Store, int], object] | None = field(default=None)


def _names(store: Store, _client_id: int) -> object:
    return sorted(c.name for c in clients.list_clients(store, store.config.today, archived=True))


def _contacts(store: Store, client_id: int) -> object:
    return [(c.first_name, c.profile_url) for c in clients.list_contacts(store, client_id)]


def _missions(store: Store, client_id: int) -> object:
    return [(m.title, m.planned_end_on) for m in missions.list_missions(store, client_id)]


def _surveys(store: Store, client_id: int) -> object:
    return [(s.id, s.sent_on, s.score, s.scale) for s in surveys.client_surveys(store, client_id)]


def _drop_latest_signal(store: Store, client_id: int) -> None:
    signals.remove_signal(store, signals.list_signals(store, client_id)[0].id)


def _signals(store: Store, client_id: int) -> object:
    return [(s.kind, s.occurred_on, s.note) for s in signals.list_signals(store, client_id)]


def _delete_client(store: Store, client_id: int) -> None:
    clients.remove_client(store, client_id, store.config.today, for_good=True)


def _phase_3_deals(store: Store, _client_id: int) -> object:
    with store.read() as q:
        return q.rows("SELECT count(*) FROM deal WHERE title = 'Phase 3'")


CASES = {
    "new client, a name taken": Refused(
        ("N",), ((0, "Banque Rivemont"), (1, "Banking")), "already exists", _names
    ),
    "client edit, a name taken": Refused(
        ("e",), ((0, "Banque Rivemont"),), "already exists", _names
    ),
    "new contact, a profile URL taken": Refused(
        ("C",), ((0, "Claire"), (5, CLAIRE_URL)), "profile URL", _contacts
    ),
    "contact edit, a profile URL taken": Refused(
        ("e",),
        ((5, "https://www.linkedin.com/in/thomas-girard-7248ad"),),
        "profile URL",
        _contacts,
        table="contacts",
    ),
    "new mission, its end before its start": Refused(
        ("M",),
        ((0, "Phase 2"), (1, "2027-02-01"), (1, "2027-01-15"), (1, "700")),
        "is before the start",
        _missions,
    ),
    "mission edit, its end before its start": Refused(
        ("e",), ((2, "2026-01-01"),), "is before the start", _missions, table="missions"
    ),
    "new deal, its client deleted meanwhile": Refused(
        ("D",),
        ((0, "Phase 3"), (1, "5000")),
        "there is no client",
        _phase_3_deals,
        meanwhile=_delete_client,
    ),
    "signal edit, the signal deleted meanwhile": Refused(
        ("e",),
        ((2, "still typed"),),
        "there is no signal",
        _signals,
        table="signals",
        meanwhile=_drop_latest_signal,
    ),
    "survey sent, a date after today": Refused(
        ("S",), ((0, "2026-12-24"),), "after today", _surveys
    ),
    "survey answer, a score out of its scale": Refused(
        ("A",), ((1, "9"), (1, "great")), "CSAT score", _surveys, table="surveys"
    ),
    "survey edit, a score out of its scale": Refused(
        ("e",), ((2, "9"),), "CSAT score", _surveys, table="surveys"
    ),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
async def test_a_refused_save_keeps_the_form_and_what_was_typed(
    demo_store: Store, case: Refused
) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, verlaine.id)
        if case.table:
            await to_table(pilot, case.table)
        await pilot.press(*case.keys)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        for tabs, text in case.typed:
            await retype(pilot, text, tabs=tabs)
        typed = {i.id: i.value for i in form.query(Input)}
        if case.meanwhile is not None:
            case.meanwhile(demo_store, verlaine.id)
        before = case.unchanged(demo_store, verlaine.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert case.reason in str(form.query_one("#form-error", Label).render())
        assert {i.id: i.value for i in form.query(Input)} == typed
        assert case.unchanged(demo_store, verlaine.id) == before
