"""Services: the user creates, changes, pauses and removes cadences and sequences; enrolments
start, stand somewhere, and stop by hand or on their own (reply, stage change, opt-out)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.errors import Ambiguous, InvalidInput, NotFound
from pipeline_tui.services import (
    activities,
    clients,
    deals,
    plan_progress,
    prospecting,
    sequence_view,
)
from pipeline_tui.services import sequences as seqs
from pipeline_tui.services.quicklog import log_text
from pipeline_tui.services.transfer.forget import forget_contact
from pipeline_tui.store.database import Store
from pipeline_tui.store.journal import Journal
from tests.conftest import TODAY
from tests.helpers import MONDAY
from tests.services.backend_rows import plain_rows

STEPS = "email:0, call:3, email:7, social:14"


def dated(rows: list[tuple]) -> list[tuple]:
    """Rows with their ISO dates (how ``plain_rows`` gives them) as dates."""
    return [
        tuple(date.fromisoformat(v) if isinstance(v, str) and v[:2] == "20" else v for v in row)
        for row in rows
    ]


def open_steps(store: Store, contact_id: int) -> list[tuple]:
    """(kind, due_on) of the contact's open activities, by due date."""
    return dated(
        plain_rows(
            store,
            "SELECT kind, due_on FROM activity WHERE contact_id = :c AND done_on IS NULL "
            "ORDER BY due_on, id",
            c=contact_id,
        )
    )


def enrolment_of(store: Store, enrollment_id: int) -> tuple:
    (row,) = dated(
        plain_rows(
            store,
            "SELECT stopped_on, stop_reason FROM sequence_enrollment WHERE id = :i",
            i=enrollment_id,
        )
    )
    return row


# --- cadences -----------------------------------------------------------------------------------


def test_a_cadence_is_added_edited_paused_resumed_and_removed(store: Store) -> None:
    """``email 10 per week`` starts this Monday (TODAY is Thursday 26 Nov 2026), so it counts
    this week: 2 emails done this week → 2/10; paused, the plan has no line; resumed, it is back;
    edited to 3 a month from the 1st, 2/3."""
    cadence = prospecting.new_cadence(store, "email", 10, per="week", today=TODAY)
    assert (cadence.channel, cadence.count, cadence.rrule, cadence.starts_on) == (
        "emailing",
        10,
        "FREQ=WEEKLY;BYDAY=MO",
        MONDAY,
    )
    for day in (MONDAY, MONDAY + timedelta(days=1)):
        activities.add_activity(store, "email", subject="prospect", done_on=day)
    (line,) = plan_progress.plan_status(store, TODAY).lines
    assert (line.cadence_id, line.done, line.target) == (cadence.id, 2, 10)

    prospecting.pause_cadence(store, cadence.id)
    assert plan_progress.plan_status(store, TODAY).lines == ()
    assert prospecting.get_cadence(store, cadence.id).active is False
    with pytest.raises(InvalidInput, match="already paused"):
        prospecting.pause_cadence(store, cadence.id)

    prospecting.resume_cadence(store, cadence.id)
    assert [x.cadence_id for x in plan_progress.plan_status(store, TODAY).lines] == [cadence.id]

    prospecting.edit_cadence(store, cadence.id, count=3, per="month", starts_on=date(2026, 11, 1))
    (line,) = plan_progress.plan_status(store, TODAY).lines
    assert (line.target, line.done, line.period.start) == (3, 2, date(2026, 11, 1))

    removed = prospecting.remove_cadence(store, cadence.id)
    assert removed.count == 3
    assert prospecting.list_cadences(store) == []
    with pytest.raises(NotFound, match="no cadence #"):
        prospecting.remove_cadence(store, cadence.id)


def test_cadence_input_is_refused_in_words(store: Store) -> None:
    with pytest.raises(InvalidInput, match="'fax' is not a channel"):
        prospecting.new_cadence(store, "fax", 3, per="week", today=TODAY)
    with pytest.raises(InvalidInput, match="'fortnight' is not a period"):
        prospecting.new_cadence(store, "call", 3, per="fortnight", today=TODAY)
    with pytest.raises(InvalidInput, match="not an RRULE"):
        prospecting.new_cadence(store, "call", 3, rrule="FREQ=SOMETIMES", today=TODAY)
    with pytest.raises(InvalidInput, match="not both"):
        prospecting.new_cadence(store, "call", 3, per="week", rrule="FREQ=DAILY", today=TODAY)
    with pytest.raises(InvalidInput, match="count"):
        prospecting.new_cadence(store, "call", 0, per="week", today=TODAY)
    cadence = prospecting.new_cadence(store, "call", 5, rrule="FREQ=WEEKLY;BYDAY=TH", today=TODAY)
    assert cadence.starts_on == TODAY
    with pytest.raises(InvalidInput, match="nothing to change"):
        prospecting.edit_cadence(store, cadence.id)
    with pytest.raises(NotFound):
        prospecting.pause_cadence(store, cadence.id + 1)


# --- sequences ---------------------------------------------------------------------------------


def test_a_sequence_is_defined_edited_and_removed(store: Store, lead) -> None:
    _client, karim, _deal = lead
    made = seqs.define_sequence(store, "Relance", STEPS)
    assert [(s.day_offset, s.kind, s.channel) for s in made.steps] == [
        (0, "email", "emailing"),
        (3, "call", "phone"),
        (7, "email", "emailing"),
        (14, "social", "social"),
    ]
    with pytest.raises(InvalidInput, match="'emial' in 'emial:3' is not a step kind"):
        seqs.define_sequence(store, "Autre", "email:0, emial:3")
    with pytest.raises(InvalidInput, match="already exists"):
        seqs.define_sequence(store, "relance", "email:0")

    edited = seqs.edit_sequence(store, made.id, name="Relance courte", steps_text="email:0,call:2")
    assert (edited.name, [(s.day_offset, s.kind) for s in edited.steps]) == (
        "Relance courte",
        [(0, "email"), (2, "call")],
    )
    # TODAY is a Thursday: day 2 is a Saturday, moved to Monday 30 Nov.
    enrolment = seqs.enroll_named(store, "Relance courte", "Karim Benali", on=TODAY)
    assert open_steps(store, karim.id) == [("email", TODAY), ("call", date(2026, 11, 30))]

    removal = seqs.remove_sequence(store, made.id, on=TODAY)
    assert (removal.name, removal.enrollments) == ("Relance courte", 1)
    assert [s.enrollment_id for s in removal.stopped] == [enrolment.id]
    assert open_steps(store, karim.id) == []
    assert seqs.list_sequences(store) == []
    assert plain_rows(store, "SELECT COUNT(*) FROM sequence_enrollment") == [(0,)]


def test_enrolment_stands_somewhere_and_is_stopped_by_hand(store: Store, lead) -> None:
    _client, karim, deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "deal:Plateforme data", on=TODAY)
    assert (enrolment.deal_id, enrolment.contact_id) == (deal.id, karim.id)
    log_text(store, "email Karim Benali", TODAY)  # the day-0 email, done
    (state,) = sequence_view.sequences_with_enrollments(store)
    (standing,) = state.enrollments
    assert standing.who == "Karim Benali — Plateforme data"
    assert [(s.kind, s.done_on) for s in standing.steps if s.done_on] == [("email", TODAY)]
    assert [s.kind for s in standing.remaining] == ["call", "email", "social"]

    with pytest.raises(InvalidInput, match="already in a running sequence"):
        seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)

    stopped = seqs.stop_enrollment(store, enrolment.id, on=TODAY)
    assert (stopped.reason, stopped.cancelled) == ("cancelled", 3)
    assert enrolment_of(store, enrolment.id) == (TODAY, "cancelled")
    assert open_steps(store, karim.id) == []
    with pytest.raises(InvalidInput, match="already stopped"):
        seqs.stop_enrollment(store, enrolment.id, on=TODAY)


def test_naming_the_lead(store: Store, lead) -> None:
    _client, karim, deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    with pytest.raises(NotFound, match="no contact or deal named 'Nobody'"):
        seqs.enroll_named(store, "Relance", "Nobody", on=TODAY)
    with pytest.raises(NotFound, match="no sequence named 'Unknown'"):
        seqs.enroll_named(store, "Unknown", "Karim Benali", on=TODAY)
    if karim.id == deal.id:
        with pytest.raises(Ambiguous, match="both a contact and a deal"):
            seqs.enroll_named(store, "Relance", f"#{karim.id}", on=TODAY)


def test_enrolling_an_opted_out_contact_is_refused(store: Store, lead) -> None:
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    clients.set_do_not_contact(store, karim.id, TODAY)
    with pytest.raises(InvalidInput, match="Karim Benali opted out of prospecting"):
        seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    with pytest.raises(InvalidInput, match="opted out"):
        seqs.enroll_named(store, "Relance", "deal:Plateforme data", on=TODAY)
    assert plain_rows(store, "SELECT COUNT(*) FROM sequence_enrollment") == [(0,)]
    assert open_steps(store, karim.id) == []


# --- the three automatic stops ---------------------------------------------------------------


def test_a_reply_completed_from_the_agenda_stops_the_sequence(store: Store, lead) -> None:
    """The agenda's "done" (``complete_activity``) with a reply outcome stops the enrolment in
    the same transaction; the later steps are deleted."""
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    first = enrolment.steps[0]
    activities.complete_activity(store, first.id, TODAY, outcome="replied")
    assert enrolment_of(store, enrolment.id) == (TODAY, "reply")
    assert open_steps(store, karim.id) == []


def test_a_reply_logged_as_a_new_activity_stops_the_sequence(store: Store, lead) -> None:
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    activities.add_activity(
        store, "call", contact_id=karim.id, done_on=TODAY, outcome="replied", subject="Karim"
    )
    assert enrolment_of(store, enrolment.id) == (TODAY, "reply")
    assert open_steps(store, karim.id) == []


def test_an_outcome_edited_into_a_reply_stops_the_sequence(store: Store, lead) -> None:
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    done = activities.add_activity(
        store, "note", contact_id=karim.id, done_on=TODAY, outcome="no answer", subject="n"
    )
    assert enrolment_of(store, enrolment.id) == (None, None)
    activities.update_activity(store, done.id, outcome="replied")
    assert enrolment_of(store, enrolment.id) == (TODAY, "reply")


def test_the_last_step_done_from_the_agenda_completes_the_enrolment(store: Store, lead) -> None:
    seqs.define_sequence(store, "Un seul email", "email:0")
    enrolment = seqs.enroll_named(store, "Un seul email", "Karim Benali", on=TODAY)
    (step,) = enrolment.steps
    activities.complete_activity(store, step.id, TODAY, outcome="sent")
    assert enrolment_of(store, enrolment.id) == (TODAY, "completed")


def test_a_stage_change_stops_the_deals_sequence(store: Store, lead) -> None:
    _client, karim, deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "deal:Plateforme data", on=TODAY)
    moved_on = TODAY + timedelta(days=1)
    deals.move_deal(store, deal.id, "contacted", on=moved_on)
    assert enrolment_of(store, enrolment.id) == (moved_on, "stage_change")
    assert open_steps(store, karim.id) == []  # every open step, even one due before


def test_an_opt_out_stops_the_sequence(store: Store, lead) -> None:
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    clients.set_do_not_contact(store, karim.id, TODAY)
    assert enrolment_of(store, enrolment.id) == (TODAY, "opt_out")
    assert open_steps(store, karim.id) == []


def test_forgetting_a_contact_stops_its_sequence(store: Store, lead) -> None:
    _client, karim, _deal = lead
    seqs.define_sequence(store, "Relance", STEPS)
    enrolment = seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    forget_contact(store, karim.id, today=TODAY)
    assert enrolment_of(store, enrolment.id) == (TODAY, "opt_out")
    assert open_steps(store, karim.id) == []


# --- each action is one undo step ------------------------------------------------------------


def test_each_action_is_one_undo_step(store: Store, lead) -> None:
    """Removing a sequence with a running enrolment, and removing a cadence: one step each, and
    undoing them puts every row back (the enrolment, its planned steps, the cadence)."""
    from tests.services.test_undo import everything

    store.journal = Journal()
    cadence = prospecting.new_cadence(store, "email", 10, per="week", today=TODAY)
    made = seqs.define_sequence(store, "Relance", STEPS)
    seqs.enroll_named(store, "Relance", "Karim Benali", on=TODAY)
    before = everything(store)
    steps = len(store.journal)
    seqs.remove_sequence(store, made.id, on=TODAY)
    prospecting.remove_cadence(store, cadence.id)
    assert len(store.journal) == steps + 2
    store.journal.undo(store)
    store.journal.undo(store)
    assert everything(store) == before
