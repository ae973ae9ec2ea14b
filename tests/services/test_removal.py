"""Editing and deleting records: what goes with each, row by row; a client with missions is
archived (on both backends)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import activities, clients, deals, missions, signals, surveys
from pipeline_tui.store.database import Store

D = date(2026, 11, 2)
TODAY = date(2026, 11, 26)


def _world(store: Store):
    acme = clients.add_client(store, "Acme")
    marie = clients.add_contact(store, "Marie", last_name="Martin", client_id=acme.id)
    clients.add_contact(store, "Karim", last_name="Benali", client_id=acme.id)
    deal = deals.add_deal(store, acme.id, "Audit", on=D, contact_id=marie.id)
    activities.add_activity(store, "call", done_on=D, contact_id=marie.id)
    activities.add_activity(store, "email", due_on=TODAY, deal_id=deal.id)
    signal = signals.add_signal(store, acme.id, "competitor", D)
    return acme, marie, deal, signal


def test_client_without_missions_is_deleted_with_what_is_its(store: Store) -> None:
    acme, _, _, _ = _world(store)
    removal = clients.client_removal(store, acme.id)
    assert not removal.archived
    assert removal.question == (
        "Delete Acme? Its 2 contacts, 1 deal, 2 activities and 1 signal go with it."
    )
    clients.remove_client(store, acme.id, TODAY)
    assert clients.list_clients(store, TODAY, archived=True) == []
    assert clients.list_contacts(store) == []
    with store.read() as q:
        assert q.rows("SELECT count(*) FROM activity")[0][0] == 0
        assert q.rows("SELECT count(*) FROM deal_stage_change")[0][0] == 0


def test_client_with_missions_is_archived_unless_for_good(store: Store) -> None:
    acme, _, _, _ = _world(store)
    missions.add_mission(store, acme.id, "Run", start_on=D, fixed_monthly_cents=500000)
    removal = clients.remove_client(store, acme.id, TODAY)
    assert removal.archived
    assert clients.list_clients(store, TODAY) == []
    assert [c.archived_on for c in clients.list_clients(store, TODAY, archived=True)] == [TODAY]
    clients.restore_client(store, acme.id)
    assert [c.name for c in clients.list_clients(store, TODAY)] == ["Acme"]
    gone = clients.remove_client(store, acme.id, TODAY, for_good=True)
    assert not gone.archived
    assert missions.list_missions(store) == []


def test_contact_mission_signal_activity_survey_edit_and_delete(store: Store) -> None:
    acme, marie, deal, signal = _world(store)
    assert clients.contact_removal(store, marie.id).question == (
        "Delete Marie Martin? 1 deal and 2 activities stay, unlinked."
    )
    clients.remove_contact(store, marie.id)
    assert [c.full_name for c in clients.list_contacts(store)] == ["Karim Benali"]
    assert deals.get_deal(store, deal.id).contact_id is None  # the deal stays, unlinked

    mission = missions.add_mission(store, acme.id, "Run", start_on=D, fixed_monthly_cents=1000)
    assert missions.mission_removal(store, mission.id).question == "Delete Run?"
    missions.remove_mission(store, mission.id)
    with pytest.raises(NotFound):
        missions.remove_mission(store, mission.id)

    changed = signals.update_signal(store, signal.id, kind="scope_creep", on=D, note=" more ")
    assert (changed.kind, changed.note) == ("scope_creep", "more")
    with pytest.raises(InvalidInput):
        signals.update_signal(store, signal.id, kind="nope", on=D)
    signals.remove_signal(store, signal.id)
    assert signals.list_signals(store, acme.id) == []

    todo = activities.add_activity(store, "email", due_on=TODAY, client_id=acme.id)
    edited = activities.update_activity(store, todo.id, kind="call", subject="Call back")
    assert (edited.kind, edited.channel, edited.subject) == ("call", "phone", "Call back")
    with pytest.raises(InvalidInput, match="due date or a done date"):
        activities.update_activity(store, todo.id, due_on=None)
    activities.remove_activity(store, todo.id)
    with pytest.raises(NotFound):
        activities.get_activity(store, todo.id)

    missions.add_mission(store, acme.id, "Run 2", start_on=D, fixed_monthly_cents=1000)
    sent = surveys.record_survey(store, acme.id, sent_on=D, today=TODAY)
    surveys.answer_survey(store, sent.id, answered_on=TODAY, score=4, today=TODAY)
    assert surveys.client_surveys(store, acme.id)[0].score == 4
    surveys.remove_survey(store, sent.id)
    assert surveys.client_surveys(store, acme.id) == []
