"""``add_lead``: client and contact found or created, the deal with its history, the follow-up."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from pipeline_tui.domain.quickadd import LeadDraft, parse
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services import clients, deals, leads
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity, Client, Contact, Deal, DealStageChange

THU = date(2026, 11, 26)


def draft(line: str) -> LeadDraft:
    result = parse(line, THU)
    assert result.draft is not None, result.errors
    return result.draft


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Client, Contact, Deal, DealStageChange, Activity)
        }


def test_a_new_lead_creates_everything(store: Store) -> None:
    line = 'Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri "met at Devoxx"'
    added = leads.add_lead(store, draft(line), THU)
    assert added.client_created and added.contact_created
    assert added.client.name == "Decathlon"
    assert added.contact is not None
    assert (added.contact.full_name, added.contact.email, added.contact.client_id) == (
        "Karim Benali",
        "karim@example.com",
        added.client.id,
    )
    deal = deals.get_deal(store, added.deal.id)
    assert (deal.title, deal.stage, deal.channel, deal.created_on) == (
        "Decathlon — Karim Benali",
        "lead",
        "event",
        THU,
    )
    assert (deal.monthly_value_cents, deal.duration_months, deal.notes) == (
        1_170_000,
        6.0,
        "met at Devoxx",
    )
    assert deal.contact_id == added.contact.id
    follow_up = added.follow_up
    assert follow_up is not None
    assert (follow_up.kind, follow_up.due_on, follow_up.done_on) == (
        "follow_up",
        date(2026, 11, 27),
        None,
    )
    assert (follow_up.client_id, follow_up.contact_id, follow_up.deal_id) == (
        added.client.id,
        added.contact.id,
        deal.id,
    )
    assert follow_up.channel == "emailing"  # met at an event, followed up by email
    assert follow_up.subject == "Follow up with Karim Benali (Decathlon)"
    assert added.warnings == ()
    assert counts(store) == {
        "Client": 1,
        "Contact": 1,
        "Deal": 1,
        "DealStageChange": 1,
        "Activity": 1,
    }
    assert leads.describe_added(added) == (
        f'Deal #{deal.id} "Decathlon — Karim Benali"; new client Decathlon; '
        "new contact Karim Benali; "
        "follow-up on 27 Nov 2026"
    )


def test_history_is_recorded_as_for_any_new_deal(store: Store) -> None:
    added = leads.add_lead(store, draft("Acme / Léa Roux 8k/m @meeting #call next:+3d"), THU)
    history = deals.stage_history(store, added.deal.id)
    assert [(h.from_stage, h.to_stage, h.changed_on) for h in history] == [(None, "meeting", THU)]
    assert added.follow_up is not None and added.follow_up.channel == "phone"
    won = leads.add_lead(store, draft("Acme / Léa Roux @won"), THU)
    assert deals.get_deal(store, won.deal.id).closed_on == THU


def test_an_existing_client_is_found_whatever_the_case(store: Store) -> None:
    existing = clients.add_client(store, "Société Générale")
    added = leads.add_lead(store, draft("SOCIÉTÉ GÉNÉRALE / Paul Martin next:fri"), THU)
    assert not added.client_created
    assert added.client.id == existing.id
    assert added.deal.title == "Société Générale — Paul Martin"  # the stored spelling
    again = leads.add_lead(store, draft("societe generale 8k/m"), THU)  # accents left out
    assert again.client.id == existing.id
    assert counts(store)["Client"] == 1


def test_an_existing_contact_is_found_by_email_then_by_name(store: Store) -> None:
    client = clients.add_client(store, "Decathlon")
    karim = clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    other = clients.add_client(store, "Oxylane")
    lea = clients.add_contact(
        store, "Léa", last_name="Roux", email="lea@oxylane.fr", client_id=other.id
    )
    by_name = leads.add_lead(store, draft("decathlon / karim benali karim@dktn.fr"), THU)
    assert by_name.contact is not None and by_name.contact.id == karim.id
    assert not by_name.contact_created
    assert clients.get_contact(store, karim.id).email == "karim@dktn.fr"  # the email was missing
    by_email = leads.add_lead(store, draft("Decathlon / K. Benali KARIM@DKTN.FR"), THU)
    assert by_email.contact is not None and by_email.contact.id == karim.id
    moved = leads.add_lead(store, draft("Decathlon lea@oxylane.fr next:fri"), THU)
    assert moved.contact is not None and moved.contact.id == lea.id
    assert any("Oxylane" in w for w in moved.warnings)
    assert counts(store)["Contact"] == 2


def test_a_contact_typed_by_email_only_is_named_from_it(store: Store) -> None:
    added = leads.add_lead(store, draft("Acme jean-marc.dupont@acme.fr"), THU)
    assert added.contact is not None
    assert (added.contact.first_name, added.contact.last_name) == ("Jean", "Marc Dupont")


def test_a_same_name_with_another_email_is_a_new_contact(store: Store) -> None:
    client = clients.add_client(store, "Acme")
    clients.add_contact(store, "Ana", last_name="Silva", email="ana@old.fr", client_id=client.id)
    added = leads.add_lead(store, draft("Acme / Ana Silva ana@new.fr"), THU)
    assert added.contact_created
    assert any("another address" in w for w in added.warnings)


def test_an_opted_out_contact_gets_no_follow_up(store: Store) -> None:
    client = clients.add_client(store, "Acme")
    contact = clients.add_contact(store, "Ana", email="ana@acme.fr", client_id=client.id)
    clients.set_do_not_contact(store, contact.id, date(2026, 10, 1))
    the_draft = draft("Acme / Ana ana@acme.fr 8k/m next:tomorrow")
    preview = leads.lead_preview(store, the_draft)
    assert preview.contact_opted_out
    assert "opted out" in str(preview)
    added = leads.add_lead(store, the_draft, THU)
    assert added.follow_up is None
    assert added.warnings == (
        "Ana opted out of prospecting on 1 Oct 2026: no follow-up is scheduled",
    )
    assert counts(store)["Activity"] == 0
    assert counts(store)["Deal"] == 1  # the deal itself is still recorded


def test_no_date_no_follow_up_and_a_warning(store: Store) -> None:
    added = leads.add_lead(store, draft("Acme 8k/m"), THU)
    assert added.follow_up is None and added.contact is None
    assert "no follow-up date" in added.warnings[0]
    assert added.deal.channel == "other"


def test_one_transaction_a_failure_leaves_nothing(store: Store, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise InvalidInput("the disk is full")

    monkeypatch.setattr(leads, "add_activity_in", broken)
    with pytest.raises(InvalidInput, match="disk is full"):
        leads.add_lead(store, draft("Decathlon / Karim Benali k@d.fr 650/d next:fri"), THU)
    assert counts(store) == dict.fromkeys(
        ("Client", "Contact", "Deal", "DealStageChange", "Activity"), 0
    )


def test_the_preview_says_what_exists(store: Store) -> None:
    the_draft = draft("decathlon / Karim Benali karim@example.com 650/d next:fri")
    fresh = leads.lead_preview(store, the_draft)
    assert (fresh.client_id, fresh.contact_id) == (None, None)
    assert str(fresh) == "decathlon: new client · Karim Benali: new contact"
    assert fresh.lines[0] == "Client: decathlon (new client)"
    leads.add_lead(store, draft("Decathlon / Karim Benali karim@example.com"), THU)
    known = leads.lead_preview(store, the_draft)
    assert known.client_id is not None and known.contact_id is not None
    assert str(known) == "Decathlon: existing client · Karim Benali: existing contact"
    assert known.lines[:2] == (
        "Client: Decathlon (existing client)",
        "Contact: Karim Benali <karim@example.com> (existing contact)",
    )
    assert known.currency == "EUR"
    assert counts(store)["Deal"] == 1  # previews write nothing


def test_known_names_for_completion(store: Store) -> None:
    client = clients.add_client(store, "Decathlon")
    clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    clients.add_contact(store, "Élodie", client_id=client.id)
    clients.add_client(store, "acme")
    assert leads.known_names(store) == ["acme", "Decathlon", "Élodie", "Karim Benali"]


def test_added_lead_as_json(store: Store) -> None:
    added = leads.add_lead(store, draft("Acme / Ana next:fri"), THU)
    data = added.as_json()
    assert data["client_created"] is True and data["contact_created"] is True
    assert data["deal_id"] == added.deal.id
    assert data["follow_up_on"] == "2026-11-27"
