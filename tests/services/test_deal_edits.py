"""A deal end to end (on both backends): edited, won with or without the mission it opens,
lost, reopened, deleted with exactly what goes with it, and a won-with-mission undone whole."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.winning import MissionTerms
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import activities, clients, deal_edits, deals, missions, sequences
from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.store.database import Store
from pipeline_tui.store.journal import Journal
from tests.conftest import TODAY
from tests.services.backend_rows import plain_rows
from tests.services.test_undo import everything

LATER = date(2026, 12, 1)


def _deal(store: Store, **fields):
    acme = clients.add_client(store, "Acme")
    marie = clients.add_contact(store, "Marie", last_name="Martin", client_id=acme.id)
    deal = deals.add_deal(
        store,
        acme.id,
        "Audit data",
        on=TODAY,
        contact_id=marie.id,
        monthly_value_cents=8_000_00,
        duration_months=6,
        **fields,
    )
    deals.move_deal(store, deal.id, "proposal", on=TODAY)
    return acme, marie, deal


def test_edit_changes_the_fields_and_refuses_what_breaks_a_rule(store: Store) -> None:
    acme, marie, deal = _deal(store)
    run = missions.add_mission(store, acme.id, "Run", TODAY, fixed_monthly_cents=1000_00)
    deals.update_deal(
        store,
        deal.id,
        title=" Audit data v2 ",
        monthly_value_cents=9_500_00,
        duration_months=3,
        probability=70,
        expected_close_on=LATER,
        channel="referral",
        renewal_of_mission_id=run.id,
    )
    got = deals.get_deal(store, deal.id)
    assert (
        got.title,
        got.monthly_value_cents,
        got.duration_months,
        got.probability,
        got.expected_close_on,
        got.channel,
        got.renewal_of_mission_id,
        got.stage,
    ) == ("Audit data v2", 9_500_00, 3, 70, LATER, "referral", run.id, "proposal")

    other = clients.add_client(store, "Globex")
    stranger = clients.add_contact(store, "Paul", client_id=other.id)
    with pytest.raises(InvalidInput, match="works at another client"):
        deals.update_deal(store, deal.id, contact_id=stranger.id)
    with pytest.raises(InvalidInput, match="before the deal was created"):
        deals.update_deal(store, deal.id, expected_close_on=date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="between 0 and 100"):
        deals.update_deal(store, deal.id, probability=120)
    with pytest.raises(InvalidInput, match="title"):
        deals.update_deal(store, deal.id, title="  ")
    assert deals.get_deal(store, deal.id).contact_id == marie.id  # nothing of that was written
    deals.update_deal(store, deal.id, probability=None, contact_id=None)
    got = deals.get_deal(store, deal.id)
    assert (got.probability, got.contact_id, got.title) == (None, None, "Audit data v2")


def test_won_opens_the_mission_from_the_deal_in_one_write(store: Store) -> None:
    acme, _, deal = _deal(store)
    before = compute_numbers(store, LATER).monthly_revenue_cents

    won = deal_edits.win_deal(store, deal.id, on=LATER, mission=MissionTerms())

    assert (won.deal.stage, won.deal.closed_on) == ("won", LATER)
    rows = plain_rows(
        store,
        "SELECT client_id, title, start_on, planned_end_on, day_rate_cents, days_per_month, "
        "fixed_monthly_cents, status FROM mission",
    )
    assert rows == [
        (acme.id, "Audit data", "2026-12-01", "2027-05-31", None, None, 8_000_00, "active")
    ]
    assert compute_numbers(store, LATER).monthly_revenue_cents == before + 8_000_00


def test_won_with_a_day_rate_and_the_terms_given(store: Store) -> None:
    _, _, deal = _deal(store)
    deal_edits.win_deal(
        store,
        deal.id,
        on=LATER,
        mission=MissionTerms(
            title="Audit — phase 1",
            start_on=date(2027, 1, 4),
            months=3,
            day_rate_cents=650_00,
        ),
    )
    assert plain_rows(
        store,
        "SELECT title, start_on, planned_end_on, day_rate_cents, days_per_month, "
        "fixed_monthly_cents FROM mission",
    ) == [("Audit — phase 1", "2027-01-04", "2027-04-03", 650_00, 18.0, None)]


def test_a_refused_mission_leaves_the_deal_open(store: Store) -> None:
    _, _, deal = _deal(store)
    terms = MissionTerms(day_rate_cents=600_00, monthly_cents=5000_00)
    with pytest.raises(InvalidInput, match="not both"):
        deal_edits.win_deal(store, deal.id, on=LATER, mission=terms)
    with pytest.raises(InvalidInput, match="before the start"):
        deal_edits.win_deal(
            store,
            deal.id,
            on=LATER,
            mission=MissionTerms(start_on=LATER, planned_end_on=date(2026, 11, 1)),
        )
    assert deals.get_deal(store, deal.id).stage == "proposal"
    assert missions.list_missions(store) == []


def test_won_without_a_mission_then_lost_reasons_and_reopen(store: Store) -> None:
    _, _, deal = _deal(store)
    won = deal_edits.win_deal(store, deal.id, on=LATER)
    assert won.mission is None and deals.get_deal(store, deal.id).stage == "won"
    assert missions.list_missions(store) == []
    with pytest.raises(InvalidInput, match="already at the won stage"):
        deal_edits.win_deal(store, deal.id, on=LATER)

    back = deal_edits.reopen_deal(store, deal.id, on=LATER)
    assert (back.was, back.stage, back.missions_kept) == ("won", "proposal", ())
    got = deals.get_deal(store, deal.id)
    assert (got.stage, got.closed_on) == ("proposal", None)

    with pytest.raises(InvalidInput, match="say why"):
        deals.move_deal(store, deal.id, "lost", on=LATER, lost_reason=" ")
    deals.move_deal(store, deal.id, "lost", on=LATER, lost_reason="went in-house")
    assert deals.get_deal(store, deal.id).lost_reason == "went in-house"
    again = deal_edits.reopen_deal(store, deal.id, on=LATER, stage="meeting")
    assert (again.was, again.stage) == ("lost", "meeting")
    got = deals.get_deal(store, deal.id)
    assert (got.stage, got.lost_reason, got.closed_on) == ("meeting", None, None)
    with pytest.raises(InvalidInput, match="the deal is open"):
        deal_edits.reopen_deal(store, deal.id, on=LATER)
    deals.move_deal(store, deal.id, "lost", on=LATER, lost_reason="budget")
    with pytest.raises(InvalidInput, match="stage to reopen at 'won'"):
        deal_edits.reopen_deal(store, deal.id, on=LATER, stage="won")
    moves = [(c.from_stage, c.to_stage) for c in deals.stage_history(store, deal.id)]
    assert moves == [
        (None, "lead"),
        ("lead", "proposal"),
        ("proposal", "won"),
        ("won", "proposal"),
        ("proposal", "lost"),
        ("lost", "meeting"),
        ("meeting", "lost"),
    ]


def test_reopening_a_won_deal_keeps_the_mission_it_opened_and_says_so(store: Store) -> None:
    _, _, deal = _deal(store)
    deal_edits.win_deal(store, deal.id, on=LATER, mission=MissionTerms(title="Audit run"))
    back = deal_edits.reopen_deal(store, deal.id, on=LATER)
    assert back.stage == "proposal"
    assert back.missions_kept == ("Audit run",)
    assert back.kept_sentence == (
        "The client's running mission “Audit run” stays as it is: end or delete it if the win "
        "fell through."
    )
    assert [m.title for m in missions.list_missions(store)] == ["Audit run"]


def test_add_a_deal_by_its_client_name(store: Store) -> None:
    clients.add_client(store, "École Numérique")
    made = deal_edits.add_named_deal(
        store, "ecole numerique", "Formation", on=TODAY, stage="meeting", monthly_value_cents=100
    )
    assert (made.stage, made.monthly_value_cents) == ("meeting", 100)
    with pytest.raises(NotFound, match="did you mean"):
        deal_edits.add_named_deal(store, "Ecole Numeriq", "Other", on=TODAY)


def test_delete_takes_the_history_and_enrolment_and_leaves_activities_unlinked(
    store: Store,
) -> None:
    acme, marie, deal = _deal(store)
    keep = deals.add_deal(store, acme.id, "Other deal", on=TODAY)
    sequence = sequences.create_sequence(store, "Relance", [(0, "email"), (7, "call")])
    sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id])
    done = activities.add_activity(store, "call", done_on=TODAY, deal_id=deal.id)
    activities.add_activity(store, "email", done_on=TODAY, deal_id=keep.id)

    removal = deal_edits.deal_removal(store, deal.id)
    assert removal.question == (
        "Delete Audit data? Its 2 stage changes and 1 sequence enrolment go with it. "
        "3 activities stay, unlinked."
    )
    deal_edits.remove_deal(store, deal.id)

    assert [d.id for d, _ in deals.list_deals(store)] == [keep.id]
    assert plain_rows(store, "SELECT deal_id FROM deal_stage_change ORDER BY id") == [(keep.id,)]
    assert plain_rows(store, "SELECT count(*) FROM sequence_enrollment") == [(0,)]
    assert plain_rows(
        store, "SELECT id, deal_id, client_id, enrollment_id FROM activity ORDER BY id"
    ) == [
        (1, None, acme.id, None),
        (2, None, acme.id, None),
        (done.id, None, acme.id, None),
        (done.id + 1, keep.id, acme.id, None),
    ]
    assert [c.full_name for c in clients.list_contacts(store)] == [marie.full_name]
    with pytest.raises(NotFound, match="no deal #"):
        deal_edits.remove_deal(store, deal.id)


def test_undo_of_a_win_with_mission_puts_the_deal_back_and_removes_the_mission(
    store: Store,
) -> None:
    _, _, deal = _deal(store)
    store.journal = Journal()
    before = everything(store)
    deal_edits.win_deal(store, deal.id, on=LATER, mission=MissionTerms())
    assert len(store.journal) == 1  # one user action, one step

    said = store.journal.undo(store)

    assert said.startswith("changed deal “Audit data”")
    assert everything(store) == before
    assert deals.get_deal(store, deal.id).stage == "proposal"
    assert missions.list_missions(store) == []
    assert compute_numbers(store, LATER).monthly_revenue_cents == 0
