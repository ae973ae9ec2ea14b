"""The offboarding services around the story: refusals, one transaction, steps, documents,
lessons, surveys (validation, messages, gaps) and case studies."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import lessons, offboarding, offboarding_view, surveys
from pipeline_tui.services.case_study import (
    case_study_draft,
    case_study_mission_id,
    record_case_study,
)
from pipeline_tui.services.clients import add_client
from pipeline_tui.services.missions import add_mission, get_mission
from pipeline_tui.services.settings import load_settings, save_setting
from pipeline_tui.store.models import Deal, Offboarding, OffboardingItem
from tests.helpers import Demo

BANK = "Banque Rivemont"
AGENCY = "Agence des Mobilités du Val d'Orbe"


def _count(demo: Demo, model) -> int:
    with demo.store.session() as session:
        return session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def _end(demo: Demo, client: str = BANK, **kwargs) -> offboarding.EndedMission:
    values = {
        "end_on": demo.today,
        "notice_days": 30,
        "reason": "competitor",
        "today": demo.today,
        **kwargs,
    }
    return offboarding.end_mission_early(demo.store, demo.running_mission(client).id, **values)


# --- ending ------------------------------------------------------------------------------------


def test_ending_is_one_transaction(demo: Demo) -> None:
    """A refusal after the mission was ended and the deal written leaves nothing behind."""
    mission = demo.running_mission(BANK)
    counts = (_count(demo, Deal), _count(demo, Offboarding), _count(demo, OffboardingItem))
    with pytest.raises(NotFound, match="no contact #9999"):
        _end(demo, training_offer_cents=200_000, training_contact_id=9999)
    assert get_mission(demo.store, mission.id).actual_end_on is None
    assert get_mission(demo.store, mission.id).status == "active"
    assert (_count(demo, Deal), _count(demo, Offboarding), _count(demo, OffboardingItem)) == counts


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"notice_days": -1}, "notice is between 0 and 365"),
        ({"reason": "boredom"}, "end reason 'boredom' is not one of"),
        ({"reason": "other"}, "say why in the note"),
        ({"training_offer_cents": 0}, "above zero"),
        ({"end_on": date(2020, 1, 1)}, "before the mission's start"),
    ],
)
def test_bad_ends_are_refused(demo: Demo, kwargs: dict, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        _end(demo, **kwargs)
    assert demo.running_mission(BANK).actual_end_on is None


def test_a_mission_ends_early_once(demo: Demo) -> None:
    mission_id = demo.running_mission(BANK).id
    _end(demo)
    with pytest.raises(InvalidInput, match="already ended on 26 Nov 2026"):
        offboarding.end_mission_early(
            demo.store,
            mission_id,
            end_on=demo.today,
            notice_days=0,
            reason="budget",
            today=demo.today,
        )


def test_without_an_offer_the_training_can_be_proposed_later(demo: Demo) -> None:
    ended = _end(demo)
    assert ended.training_deal_id is None
    view = offboarding_view.get_offboarding_view(demo.store, ended.offboarding_id)
    assert next(i for i in view.items if i.key == "training_offer").done_on is None
    deal = offboarding.propose_training(
        demo.store, ended.offboarding_id, 150_000, today=demo.today + timedelta(days=2)
    )
    assert (deal.stage, deal.monthly_value_cents) == ("proposal", 150_000)
    view = offboarding_view.get_offboarding_view(demo.store, ended.offboarding_id)
    assert view.training_deal is not None and view.training_deal.id == deal.id
    assert next(i for i in view.items if i.key == "training_offer").done_on == (
        demo.today + timedelta(days=2)
    )
    with pytest.raises(InvalidInput, match="already proposed"):
        offboarding.propose_training(demo.store, ended.offboarding_id, 1, today=demo.today)


# --- checklist, transition, documents -----------------------------------------------------------


def test_items_can_be_retitled_and_redated(demo: Demo) -> None:
    ended = _end(demo)
    item = offboarding.find_item(demo.store, ended.offboarding_id, "handover")
    offboarding.update_item(
        demo.store, item.id, title="Deux sessions avec Nadia", due_on=date(2026, 12, 1)
    )
    view = offboarding_view.get_offboarding_view(demo.store, ended.offboarding_id)
    changed = next(i for i in view.items if i.id == item.id)
    assert (changed.title, changed.due_on) == ("Deux sessions avec Nadia", date(2026, 12, 1))
    with pytest.raises(InvalidInput, match="item title is required"):
        offboarding.update_item(demo.store, item.id, title=" ")
    with pytest.raises(NotFound, match="no item 'nope'"):
        offboarding.find_item(demo.store, ended.offboarding_id, "nope")


def test_transition_steps_and_documents(demo: Demo) -> None:
    ended = _end(demo)
    oid = ended.offboarding_id
    step = offboarding.add_transition_step(
        demo.store, oid, "Reprise des API", owner="Équipe interne", due_on=date(2026, 12, 1)
    )
    offboarding.add_transition_step(demo.store, oid, "Astreinte")
    doc = offboarding.add_document(demo.store, oid, "Dossier d'architecture")
    offboarding.add_document(demo.store, oid, "Accès")
    offboarding.set_transition_step_done(demo.store, step.id, demo.today)
    offboarding.set_document_handed_over(demo.store, doc.id, demo.today)
    view = offboarding_view.get_offboarding_view(demo.store, oid)
    assert [(s.position, s.task, s.owner, s.done_on) for s in view.steps] == [
        (1, "Reprise des API", "Équipe interne", demo.today),
        (2, "Astreinte", None, None),
    ]
    assert [(d.name, d.handed_over_on) for d in view.documents] == [
        ("Dossier d'architecture", demo.today),
        ("Accès", None),
    ]
    offboarding.remove_document(demo.store, doc.id)
    offboarding.remove_transition_step(demo.store, step.id)
    view = offboarding_view.get_offboarding_view(demo.store, oid)
    assert [s.task for s in view.steps] == ["Astreinte"]
    assert [d.name for d in view.documents] == ["Accès"]
    with pytest.raises(InvalidInput, match="task is required"):
        offboarding.add_transition_step(demo.store, oid, "  ")


def test_the_dashboard_list_shows_progress_and_the_next_item(demo: Demo) -> None:
    (agency,) = offboarding_view.open_offboardings(demo.store)
    assert (agency.client_name, str(agency.progress)) == (AGENCY, "8/10")
    assert agency.next_due_on == date(2026, 11, 9) and agency.next_title.startswith("Post-mortem")
    ended = _end(demo)
    listed = offboarding_view.open_offboardings(demo.store)
    assert [s.id for s in listed] == [ended.offboarding_id, agency.id]  # latest end first
    assert offboarding_view.latest_offboarding_id(demo.store, demo.client_id(AGENCY)) == agency.id
    with pytest.raises(NotFound, match="has no offboarding"):
        offboarding_view.latest_offboarding_id(
            demo.store, demo.client_id("Mutuelle Pélicorne Assurances")
        )


# --- lessons -------------------------------------------------------------------------------------


def test_lessons_and_the_trainings_still_to_take(demo: Demo) -> None:
    store, today = demo.store, demo.today
    agency = offboarding_view.latest_offboarding_id(store, demo.client_id(AGENCY))
    # The demo's post-mortem: two things that did not work, one training due on 16 Dec.
    assert [r.lesson.text for r in lessons.open_lessons(store, today)] == [
        "Formation : négocier un avenant et cadrer le changement"
    ]
    late = lessons.add_lesson(
        store,
        "Cours de gestion de périmètre",
        kind="training",
        today=today,
        offboarding_id=agency,
        due_on=today - timedelta(days=1),
    )
    rows = lessons.open_lessons(store, today)
    assert rows[0].lesson.id == late.id and rows[0].overdue(today)
    assert rows[0].client_name == AGENCY  # taken from the offboarding
    lessons.set_lesson_done(store, late.id, today)
    assert late.id not in {r.lesson.id for r in lessons.open_lessons(store, today)}
    assert len(lessons.list_lessons(store, offboarding_id=agency)) == 4
    with pytest.raises(InvalidInput, match="give the date"):
        lessons.add_lesson(store, "Formation", kind="training", today=today)
    with pytest.raises(InvalidInput, match="only a training"):
        lessons.add_lesson(store, "Trop tard", kind="went_wrong", today=today, due_on=today)
    went_wrong = lessons.list_lessons(store, offboarding_id=agency)[-1].lesson
    with pytest.raises(InvalidInput, match="only a training"):
        lessons.set_lesson_done(store, went_wrong.id, today)


def test_a_lesson_of_a_client_alone_joins_its_latest_offboarding(demo: Demo) -> None:
    """Whichever way it is entered (the clients screen's ``add_lesson`` with the client, the
    CLI's ``lesson add``), a client's lesson belongs to its latest offboarding, if any."""
    store, today = demo.store, demo.today
    agency_id = demo.client_id(AGENCY)
    latest = offboarding_view.latest_offboarding_id(store, agency_id)
    by_client = lessons.add_lesson(
        store, "Relire le contrat", kind="went_wrong", today=today, client_id=agency_id
    )
    recorded = lessons.record_client_lesson(
        store, agency_id, "Cadrer les avenants", training_by=None, today=today
    )
    assert latest is not None
    assert (by_client.offboarding_id, recorded.offboarding_id) == (latest, latest)
    assert by_client.client_id == recorded.client_id == agency_id
    never_ended = add_client(store, "Sans fin")
    alone = lessons.add_lesson(
        store, "Relancer plus tôt", kind="went_wrong", today=today, client_id=never_ended.id
    )
    assert (alone.offboarding_id, alone.client_id) == (None, never_ended.id)


# --- surveys -------------------------------------------------------------------------------------


def test_survey_kinds_follow_the_clients_status(demo: Demo) -> None:
    store, today = demo.store, demo.today
    with pytest.raises(InvalidInput, match="satisfaction survey is for a current client"):
        surveys.record_survey(store, demo.client_id(AGENCY), sent_on=today, today=today)
    with pytest.raises(InvalidInput, match="exit survey is for a former client"):
        surveys.record_survey(store, demo.client_id(BANK), kind="exit", sent_on=today, today=today)
    with pytest.raises(InvalidInput, match="after today"):
        surveys.record_survey(
            store, demo.client_id(BANK), sent_on=today + timedelta(days=1), today=today
        )
    sent = surveys.record_survey(
        store, demo.client_id(BANK), sent_on=today - timedelta(days=3), today=today
    )
    assert sent.answered_on is None
    answered = surveys.answer_survey(
        store, sent.id, answered_on=today, score=4, comment="Bien", today=today
    )
    assert (answered.score, answered.answered_on, answered.comment) == (4, today, "Bien")
    with pytest.raises(InvalidInput, match="from 1 to 5"):
        surveys.answer_survey(store, sent.id, answered_on=today, score=9, today=today)


def test_survey_gaps(demo: Demo) -> None:
    store, today = demo.store, demo.today
    # Demo surveys: bank 15 days ago, retail 34, insurer 75.
    assert surveys.survey_gaps(store, today) == []  # default: 90 days
    names = [g.client_name for g in surveys.survey_gaps(store, today, days=30)]
    assert names == ["Mutuelle Pélicorne Assurances", "Maison Verlaine Distribution"]
    new = add_client(store, "Nouvelle Coopérative")
    add_mission(store, new.id, "Audit", today - timedelta(days=10), fixed_monthly_cents=100_000)
    gaps = surveys.survey_gaps(store, today, days=30)
    assert (gaps[0].client_name, gaps[0].days, gaps[0].last_sent_on) == (
        "Nouvelle Coopérative",
        None,
        None,
    )
    save_setting(store, "survey_gap_days", 60)
    assert load_settings(store).survey_gap_days == 60
    assert [g.client_name for g in surveys.survey_gaps(store, today)] == [
        "Nouvelle Coopérative",
        "Mutuelle Pélicorne Assurances",
    ]
    with pytest.raises(InvalidInput, match="survey_gap_days"):
        save_setting(store, "survey_gap_days", 0)


def test_survey_messages_come_from_the_editable_template(demo: Demo) -> None:
    store, today = demo.store, demo.today
    message = surveys.survey_message(store, demo.client_id(BANK), today=today)
    assert message.to == "julien.lefevre@banque-rivemont.example"
    assert message.subject == "How is our work on TMA des API open banking (forfait) going?"
    assert message.body.startswith("Hello Julien,")
    assert message.mailto.startswith("mailto:julien.lefevre@banque-rivemont.example?subject=")
    surveys.save_survey_template(
        store, "exit", subject="Votre avis sur $mission", body="Bonjour $contact, merci $client."
    )
    exit_message = surveys.survey_message(store, demo.client_id(AGENCY), kind="exit", today=today)
    assert exit_message.subject == "Votre avis sur Portail usagers et billettique"
    assert exit_message.body == f"Bonjour Isabelle, merci {AGENCY}."
    with pytest.raises(InvalidInput, match=r"unknown placeholder \$prenom"):
        surveys.save_survey_template(store, "exit", subject="x", body="Bonjour $prenom")
    # The satisfaction template was kept as it was.
    assert surveys.survey_templates(store)["satisfaction"].subject.startswith("How is our work")


# --- case study ----------------------------------------------------------------------------------


def test_a_case_study_needs_the_clients_agreement(demo: Demo) -> None:
    store, today = demo.store, demo.today
    agency_id = demo.client_id(AGENCY)
    mission_id = case_study_mission_id(store, agency_id)
    with pytest.raises(InvalidInput, match="has not agreed to a case study"):
        case_study_draft(store, mission_id)
    record_case_study(
        store,
        mission_id,
        agreed_on=today,
        role="Lead developer",
        outcomes="Portail livré en 9 mois\nBillettique unifiée",
    )
    text = case_study_draft(store, mission_id)
    assert "# Case study: Portail usagers et billettique for " + AGENCY in text
    assert "- Portail livré en 9 mois\n- Billettique unifiée" in text
    assert "2 Nov 2026" in text  # the actual (early) end
    view = offboarding_view.get_offboarding_view(
        store, offboarding_view.latest_offboarding_id(store, agency_id)
    )
    assert next(i for i in view.items if i.key == "case_study").done_on == today
