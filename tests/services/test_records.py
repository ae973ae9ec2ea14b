"""Services round-trip every entity; deal moves are recorded as history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import activities, agenda, clients, deals, missions, settings
from pipeline_tui.store.database import Store

D = date(2026, 11, 26)


def test_client_round_trip_and_unique_name(store: Store) -> None:
    made = clients.add_client(store, "  Maison Dubreuil ", industry="Retail", website="md.example")
    got = clients.get_client(store, made.id)
    assert (got.name, got.industry, got.website) == ("Maison Dubreuil", "Retail", "md.example")
    assert got.created_at.tzinfo is not None  # timestamps are aware UTC
    clients.update_client(store, made.id, notes="met at Devoxx")
    assert clients.get_client(store, made.id).notes == "met at Devoxx"
    with pytest.raises(InvalidInput, match="already exists"):
        clients.add_client(store, "Maison Dubreuil")
    with pytest.raises(InvalidInput, match="required"):
        clients.add_client(store, "   ")
    assert clients.find_client(store, "maison dubreuil").id == made.id


def test_find_client_suggests_close_names(store: Store) -> None:
    clients.add_client(store, "Banque Lemaire")
    clients.add_client(store, "Lemaire Assurances")
    with pytest.raises(NotFound) as err:
        clients.find_client(store, "Banque Lemair")
    assert "Banque Lemaire" in str(err.value)


def test_contact_round_trip_and_opt_out(store: Store) -> None:
    client = clients.add_client(store, "Cimentis")
    contact = clients.add_contact(
        store,
        "Karim",
        last_name="Benali",
        client_id=client.id,
        email="Karim@Cimentis.EXAMPLE",
        phone="+33 6 12 34 56 78",
        role="DSI",
        profile_url="https://www.linkedin.com/in/karim-benali",
    )
    got = clients.get_contact(store, contact.id)
    assert got.full_name == "Karim Benali"
    assert got.email == "Karim@cimentis.example"
    assert [c.id for c in clients.list_contacts(store, client.id)] == [contact.id]
    clients.update_contact(store, contact.id, role="CTO")
    assert clients.get_contact(store, contact.id).role == "CTO"
    clients.set_do_not_contact(store, contact.id, D)
    got = clients.get_contact(store, contact.id)
    assert got.do_not_contact and got.do_not_contact_on == D
    with pytest.raises(InvalidInput, match="not an email"):
        clients.add_contact(store, "Bad", email="not-an-email")
    with pytest.raises(InvalidInput, match="profile URL"):
        clients.add_contact(store, "Twin", profile_url="https://www.linkedin.com/in/karim-benali")
    with pytest.raises(NotFound):
        clients.add_contact(store, "Nobody", client_id=12345)


def test_mission_round_trip_status_and_pricing_rules(store: Store) -> None:
    client = clients.add_client(store, "Assurances du Rhône")
    mission = missions.add_mission(
        store,
        client.id,
        "Data platform",
        D - timedelta(days=90),
        planned_end_on=D + timedelta(days=60),
        day_rate_cents=650_00,
        days_per_month=18,
    )
    got = missions.get_mission(store, mission.id)
    assert (got.day_rate_cents, got.days_per_month, got.status) == (650_00, 18, "active")
    assert [row.status for row in clients.list_clients(store, D)] == ["active"]
    with pytest.raises(InvalidInput, match="not both"):
        missions.add_mission(
            store, client.id, "X", D, day_rate_cents=1, days_per_month=1, fixed_monthly_cents=1
        )
    with pytest.raises(InvalidInput, match="day rate"):
        missions.add_mission(store, client.id, "X", D)
    missions.update_mission(store, mission.id, title="Data platform v2")
    with pytest.raises(InvalidInput, match="needs a reason"):
        missions.end_mission(store, mission.id, D, early=True)
    ended = missions.end_mission(
        store, mission.id, D - timedelta(days=1), early=True, reason="insourcing"
    )
    assert (ended.status, ended.end_reason, ended.title) == (
        "ended_early",
        "insourcing",
        "Data platform v2",
    )
    assert [row.status for row in clients.list_clients(store, D)] == ["former"]


def test_deal_moves_are_recorded_as_history(store: Store) -> None:
    client = clients.add_client(store, "Scalevia")
    deal = deals.add_deal(
        store,
        client.id,
        "Audit SRE",
        on=D - timedelta(days=30),
        monthly_value_cents=9_000_00,
        channel="event",
    )
    deals.move_deal(store, deal.id, "contacted", on=D - timedelta(days=20))
    deals.move_deal(store, deal.id, "proposal", on=D - timedelta(days=10))
    with pytest.raises(InvalidInput, match="say why"):
        deals.move_deal(store, deal.id, "lost", on=D)
    with pytest.raises(InvalidInput, match="cannot be dated before"):
        deals.move_deal(store, deal.id, "won", on=D - timedelta(days=15))
    lost = deals.move_deal(store, deal.id, "lost", on=D, lost_reason="budget frozen")
    assert (lost.stage, lost.closed_on, lost.lost_reason) == ("lost", D, "budget frozen")
    history = [
        (h.from_stage, h.to_stage, h.changed_on) for h in deals.stage_history(store, deal.id)
    ]
    assert history == [
        (None, "lead", D - timedelta(days=30)),
        ("lead", "contacted", D - timedelta(days=20)),
        ("contacted", "proposal", D - timedelta(days=10)),
        ("proposal", "lost", D),
    ]
    reopened = deals.move_deal(store, deal.id, "negotiation", on=D)
    assert (reopened.closed_on, reopened.lost_reason) == (None, None)
    assert deals.get_deal(store, deal.id).stage == "negotiation"


def test_deal_validation_and_listing(store: Store) -> None:
    client = clients.add_client(store, "Agence Numérique de l'Ouest")
    with pytest.raises(InvalidInput, match="channel"):
        deals.add_deal(store, client.id, "X", on=D, channel="fax")
    with pytest.raises(InvalidInput, match="percentage"):
        deals.add_deal(store, client.id, "X", on=D, probability=140)
    won = deals.add_deal(store, client.id, "Won at once", on=D, stage="won")
    open_deal = deals.add_deal(store, client.id, "Open", on=D, probability=35)
    deals.update_deal(store, open_deal.id, monthly_value_cents=5_000_00)
    assert deals.get_deal(store, open_deal.id).monthly_value_cents == 5_000_00
    assert won.closed_on == D
    assert [d.id for d, _ in deals.list_deals(store, open_only=True)] == [open_deal.id]
    assert deals.next_stage("lead", 1) == "contacted"
    assert deals.next_stage("won", 1) is None


def test_activity_round_trip_and_agenda_keyset(store: Store) -> None:
    client = clients.add_client(store, "Transports Morel")
    contact = clients.add_contact(store, "Claire", last_name="Morel", client_id=client.id)
    deal = deals.add_deal(store, client.id, "TMS", on=D, contact_id=contact.id)
    done = activities.add_activity(store, "call", done_on=D, deal_id=deal.id, outcome="meeting")
    assert (done.channel, done.client_id, done.contact_id) == ("phone", client.id, contact.id)
    due = [
        activities.add_activity(store, "email", due_on=D + timedelta(days=i % 3), subject=f"#{i}")
        for i in range(7)
    ]
    overdue = activities.add_activity(store, "follow_up", due_on=D - timedelta(days=2))
    page1 = agenda.agenda_page(store, limit=4)
    page2 = agenda.agenda_page(store, after=page1[-1].key, limit=4)
    seen = [r.activity.id for r in page1 + page2]
    assert seen[0] == overdue.id
    assert sorted(seen) == sorted([overdue.id] + [a.id for a in due])
    assert len(set(seen)) == len(seen)
    today_list = agenda.due_activities(store, D)
    assert {r.activity.id for r in today_list} == {overdue.id} | {
        a.id for a in due if a.due_on == D
    }
    activities.complete_activity(store, overdue.id, D, outcome="replied")
    assert activities.get_activity(store, overdue.id).done_on == D
    with pytest.raises(InvalidInput, match="already done"):
        activities.complete_activity(store, overdue.id, D)
    moved = activities.reschedule_activity(store, due[0].id, D + timedelta(days=7))
    assert moved.due_on == D + timedelta(days=7)
    with pytest.raises(InvalidInput, match="due date or a done date"):
        activities.add_activity(store, "email")
    with pytest.raises(InvalidInput, match="kind"):
        activities.add_activity(store, "telegram", due_on=D)


def test_settings_round_trip_with_defaults(store: Store) -> None:
    assert settings.load_settings(store).stage_probabilities["proposal"] == 60
    settings.save_setting(store, "stage_probabilities", {"proposal": 50})
    settings.save_setting(store, "currency", "chf")
    loaded = settings.load_settings(store)
    assert loaded.stage_probabilities["proposal"] == 50
    assert loaded.stage_probabilities["lead"] == 10
    assert loaded.currency == "CHF"
    with pytest.raises(InvalidInput):
        settings.save_setting(store, "stage_probabilities", {"proposal": 150})
    with pytest.raises(InvalidInput):
        settings.save_setting(store, "colour", "blue")
