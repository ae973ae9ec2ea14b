"""Activities edited the way the forms do it: links named as typed, a refusal worded for the
field, "+1 day" from the due date, the agenda's search, and what a deletion says first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import activities, agenda, clients, deals
from pipeline_tui.store.database import Store

TODAY = date(2026, 11, 24)


def _world(store: Store):
    rivemont = clients.add_client(store, "Banque Rivemont")
    acme = clients.add_client(store, "Acme")
    karim = clients.add_contact(store, "Karim", last_name="Benali", client_id=rivemont.id)
    deal = deals.add_deal(store, rivemont.id, "Data platform", on=TODAY, monthly_value_cents=100)
    return rivemont, acme, karim, deal


def test_log_activity_names_its_links_and_refuses_an_unknown_client(store: Store) -> None:
    rivemont, _acme, karim, deal = _world(store)
    with pytest.raises(NotFound, match="did you mean: #1 Banque Rivemont"):
        activities.log_activity(store, "call", client="banque riv", due_on=TODAY)
    assert agenda.agenda_page(store) == []  # nothing written

    logged = activities.log_activity(
        store, "call", subject="Call back", contact="karim benali", deal="Data platform",
        due_on=TODAY,
    )  # fmt: skip
    got = activities.get_activity(store, logged.id)
    assert (got.client_id, got.contact_id, got.deal_id) == (rivemont.id, karim.id, deal.id)
    assert (got.kind, got.channel, got.subject, got.due_on) == ("call", "phone", "Call back", TODAY)


def test_links_of_another_client_are_refused(store: Store) -> None:
    _rivemont, acme, _karim, _deal = _world(store)
    with pytest.raises(InvalidInput, match="the contact 'Karim Benali' is not with the client"):
        activities.log_activity(store, "email", client="Acme", contact="Karim Benali", due_on=TODAY)
    todo = activities.log_activity(store, "email", client="Acme", due_on=TODAY)
    with pytest.raises(InvalidInput, match="the deal 'Data platform' is not with the client"):
        activities.edit_activity(store, todo.id, client="Acme", deal="Data platform")
    assert activities.get_activity(store, todo.id).client_id == acme.id


def test_edit_changes_every_field_and_bumps_the_revision(store: Store) -> None:
    rivemont, _acme, karim, deal = _world(store)
    todo = activities.log_activity(store, "email", subject="Intro", client="Acme", due_on=TODAY)
    before = activities.get_activity(store, todo.id).revision
    activities.edit_activity(
        store,
        todo.id,
        kind="meeting",
        channel="event",
        subject="Coffee",
        due_on=TODAY + timedelta(days=2),
        done_on=TODAY,
        outcome="interested",
        notes="bring the deck",
        client="",
        contact="Benali Karim",
        deal=f"#{deal.id}",
    )
    got = activities.get_activity(store, todo.id)
    assert (got.kind, got.channel, got.subject) == ("meeting", "event", "Coffee")
    assert (got.due_on, got.done_on) == (TODAY + timedelta(days=2), TODAY)
    assert (got.outcome, got.notes) == ("interested", "bring the deck")
    assert (got.client_id, got.contact_id, got.deal_id) == (rivemont.id, karim.id, deal.id)
    assert got.revision > before  # the calendar event's SEQUENCE goes up

    detail = activities.activity_detail(store, todo.id)
    assert (detail.client_name, detail.contact_name, detail.deal_title) == (
        "Banque Rivemont",
        "Karim Benali",
        "Data platform",
    )
    activities.edit_activity(store, todo.id, client="", contact="", deal="")
    unlinked = activities.get_activity(store, todo.id)
    assert (unlinked.client_id, unlinked.contact_id, unlinked.deal_id) == (None, None, None)
    with pytest.raises(InvalidInput, match="due date or a done date"):
        activities.edit_activity(store, todo.id, due_on=None, done_on=None)


def test_postpone_moves_the_due_date_not_to_tomorrow(store: Store) -> None:
    overdue = activities.add_activity(store, "email", due_on=TODAY - timedelta(days=10))
    later = activities.add_activity(store, "email", due_on=TODAY + timedelta(days=5))
    activities.postpone_activity(store, overdue.id, 1)
    activities.postpone_activity(store, later.id, 1)
    assert activities.get_activity(store, overdue.id).due_on == TODAY - timedelta(days=9)
    assert activities.get_activity(store, later.id).due_on == TODAY + timedelta(days=6)
    done = activities.add_activity(store, "email", done_on=TODAY)
    with pytest.raises(InvalidInput, match="only an open activity"):
        activities.postpone_activity(store, done.id, 1)


def test_agenda_search_finds_client_contact_subject_and_notes(store: Store) -> None:
    rivemont, acme, karim, _deal = _world(store)
    a = activities.add_activity(store, "email", subject="Intro", due_on=TODAY, client_id=acme.id)
    b = activities.add_activity(store, "call", due_on=TODAY, contact_id=karim.id)
    c = activities.add_activity(store, "email", subject="50% off_", due_on=TODAY, notes="Budget")
    activities.add_activity(store, "email", subject="Done one", done_on=TODAY, client_id=acme.id)

    def ids(text: str) -> list[int]:
        return [row.activity.id for row in agenda.agenda_page(store, search=text)]

    assert ids("ACME") == [a.id]
    assert ids("benali") == [b.id] and ids("rivemont") == [b.id]  # the contact's client
    assert ids("intro") == [a.id]
    assert ids("budget") == [c.id]
    assert ids("%") == [c.id] and ids("f_") == [c.id]  # LIKE's wildcards are literal
    assert ids("nobody") == []
    assert ids("  ") == [a.id, b.id, c.id]
    page = agenda.agenda_page(store, search="e", limit=1)
    assert [r.activity.id for r in agenda.agenda_page(store, after=page[-1].key, search="e")] == [
        b.id,
        c.id,
    ]  # keyset pages stay in order under a search
    assert rivemont.id != acme.id


def test_link_names_and_what_a_deletion_says(store: Store) -> None:
    _world(store)
    names = activities.link_names(store)
    assert names.clients == ("Acme", "Banque Rivemont")
    assert names.contacts == ("Karim Benali",)
    assert names.deals == ("Data platform",)

    todo = activities.log_activity(
        store, "call", subject="Call back", contact="Karim Benali", due_on=TODAY
    )
    question, facts = activities.activity_removal(store, todo.id)
    assert question == "Delete the activity 'Call back'?"
    assert facts == ["due on 24 Nov 2026", "with Karim Benali, Banque Rivemont"]
    activities.remove_activity(store, todo.id)
    with pytest.raises(NotFound):
        activities.activity_detail(store, todo.id)


def test_each_edit_and_delete_is_one_undo_step(store: Store) -> None:
    from pipeline_tui.store.journal import Journal
    from tests.services.test_undo import everything

    _world(store)
    todo = activities.log_activity(store, "email", subject="Intro", client="Acme", due_on=TODAY)
    before = everything(store)
    store.journal = journal = Journal()
    activities.edit_activity(
        store, todo.id, subject="Coffee", contact="Karim Benali", client="", deal="Data platform"
    )
    activities.postpone_activity(store, todo.id, 1)
    activities.remove_activity(store, todo.id)
    assert len(journal) == 3
    journal.undo(store)
    journal.undo(store)
    assert activities.get_activity(store, todo.id).subject == "Coffee"
    journal.undo(store)
    assert everything(store) == before
