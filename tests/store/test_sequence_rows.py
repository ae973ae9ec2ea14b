"""The sequences' rows: enrolling, completing and stopping (``store.writes.sequences``), the
views of sequences and enrollments, the cadences and who a log line may name (the queries), the
same through ``sqlite3`` and through the engine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.domain.sequence import Step
from pipeline_tui.store.database import Store, reader_in
from pipeline_tui.store.models import Activity, Cadence, Client, Contact, Deal
from pipeline_tui.store.queries import cadences, sequences, targets
from pipeline_tui.store.reader import EngineReader
from pipeline_tui.store.writes import sequences as writes
from tests.conftest import TODAY

STEPS = (
    Step(1, 0, "email", "emailing", "Premier email"),
    Step(2, 3, "call", "phone", "Appel"),
)


@pytest.fixture
def lead(store: Store) -> tuple[int, int, int]:
    """(client, contact, deal) ids: Karim Benali of Cimentis and his deal."""
    with store.session() as session:
        client = Client(name="Cimentis")
        session.add(client)
        session.flush()
        karim = Contact(first_name="Karim", last_name="Benali", client_id=client.id)
        session.add(karim)
        session.flush()
        deal = Deal(
            client_id=client.id, contact_id=karim.id, title="Audit", stage="lead", created_on=TODAY
        )
        session.add(deal)
        session.flush()
        return client.id, karim.id, deal.id


def _enroll(store: Store, lead: tuple[int, int, int], on: date = TODAY) -> tuple[int, int]:
    client_id, contact_id, deal_id = lead
    with store.session() as session:
        sequence_id = writes.add_sequence(session, "Relance", STEPS, skip_weekends=True)
        enrollment_id = writes.enroll(
            session,
            sequence_id,
            on,
            deal_id=deal_id,
            contact_id=contact_id,
            client_id=client_id,
            steps=[
                writes.StepActivity("email", "emailing", "Premier email", on),
                writes.StepActivity("call", "phone", "Appel", on + timedelta(days=3)),
            ],
        )
    return sequence_id, enrollment_id


def test_the_views_read_what_was_written_on_both_paths(store: Store, lead) -> None:
    sequence_id, enrollment_id = _enroll(store, lead)
    with store.read() as q:
        listed = sequences.sequences(q)
        one = sequences.sequence(q, sequence_id)
        views = sequences.enrollments(q, deal_id=lead[2])
        assert sequences.sequence(q, 9999) is None
        assert sequences.sequence_names(q) == [(sequence_id, "Relance")]
    with store.engine.connect() as conn:
        through = sequences.enrollments(EngineReader(conn), deal_id=lead[2])
    assert listed == [one] and one.steps == STEPS and one.skip_weekends is True
    assert views == through
    (view,) = views
    assert (view.id, view.sequence_name, view.started_on, view.running) == (
        enrollment_id,
        "Relance",
        TODAY,
        True,
    )
    assert [(s.kind, s.due_on) for s in view.steps] == [
        ("email", TODAY),
        ("call", TODAY + timedelta(days=3)),
    ]


def test_enrollments_are_newest_first_and_filtered(store: Store, lead) -> None:
    _, first = _enroll(store, lead)
    with store.session() as session:
        writes.stop_enrollments(session, on=TODAY, reason="cancelled", enrollment_ids=[first])
        second = writes.enroll(
            session, 1, TODAY, deal_id=None, contact_id=lead[1], client_id=None, steps=[]
        )
    with store.read() as q:
        assert [e.id for e in sequences.enrollments(q)] == [second, first]
        assert [e.id for e in sequences.enrollments(q, running_only=True)] == [second]
        assert [e.id for e in sequences.enrollments(q, deal_id=lead[2])] == [first]
        assert [e.id for e in sequences.enrollments(q, ids=[first])] == [first]
        assert sequences.enrollments(q, ids=[]) == []
        assert sequences.enrollments(q, contact_id=lead[1], running_only=True)[0].steps == ()


def test_stopping_deletes_the_open_steps_and_keeps_the_done_ones(store: Store, lead) -> None:
    _, enrollment_id = _enroll(store, lead)
    with store.session() as session:
        (email, _call) = writes.open_steps(session, [enrollment_id])
        session.get(Activity, email.activity_id).done_on = TODAY
        session.flush()
        assert writes.running_enrollments(session, contact_id=lead[1])[0].id == enrollment_id
        (stopped,) = writes.stop_enrollments(
            session, on=TODAY - timedelta(days=5), reason="reply", deal_id=lead[2]
        )
        assert writes.running_enrollments(session, deal_id=lead[2]) == []
        assert writes.stop_enrollments(session, on=TODAY, reason="reply", deal_id=lead[2]) == []
        with_reader = sequences.enrollments(reader_in(session), ids=[enrollment_id])
    assert (stopped.sequence_name, stopped.on, stopped.cancelled) == ("Relance", TODAY, 1)
    (view,) = with_reader
    assert (view.stopped_on, view.stop_reason) == (TODAY, "reply")  # never before the start
    assert [(s.kind, s.done_on) for s in view.steps] == [("email", TODAY)]


def test_an_enrollment_is_complete_when_no_step_is_left(store: Store, lead) -> None:
    _, enrollment_id = _enroll(store, lead)
    with store.session() as session:
        steps = writes.open_steps(session, [enrollment_id])
        session.get(Activity, steps[0].activity_id).done_on = TODAY
        assert writes.complete_if_done(session, enrollment_id, TODAY) is False
        session.get(Activity, steps[1].activity_id).done_on = TODAY
        assert writes.complete_if_done(session, enrollment_id, TODAY) is True
        assert writes.complete_if_done(session, enrollment_id, TODAY) is False  # stopped now
        assert writes.complete_if_done(session, 9999, TODAY) is False
    with store.read() as q:
        assert sequences.enrollments(q)[0].stop_reason == "completed"


def test_an_opt_out_cancels_only_the_outreach(store: Store, lead) -> None:
    client_id, contact_id, _ = lead
    with store.session() as session:
        for kind, channel in (("call", "phone"), ("meeting", "other"), ("follow_up", "social")):
            session.add(
                Activity(
                    kind=kind,
                    channel=channel,
                    due_on=TODAY,
                    contact_id=contact_id,
                    client_id=client_id,
                )
            )
        session.flush()
        assert (
            writes.cancel_open_outreach(session, contact_id, ("emailing", "phone", "social")) == 2
        )
        assert writes.name_taken(session, "RELANCE") is False
        writes.add_sequence(session, "Relance", STEPS, skip_weekends=False)
        assert writes.name_taken(session, "RELANCE") is True


def test_cadences_and_log_targets(store: Store, lead) -> None:
    with store.session() as session:
        session.add(Cadence(channel="phone", count=5, rrule="FREQ=WEEKLY", starts_on=TODAY))
        session.add(
            Cadence(channel="event", count=1, rrule="FREQ=MONTHLY", starts_on=TODAY, active=False)
        )
        session.add(Contact(first_name="Inès", last_name="Moreau"))
    with store.read() as q:
        every = cadences.cadences(q)
        active = cadences.cadences(q, active_only=True)
        contacts, clients = targets.log_targets(q)
    assert [(c.channel, c.active, c.starts_on) for c in every] == [
        ("phone", True, TODAY),
        ("event", False, TODAY),
    ]
    assert active == every[:1]
    assert [c.label for c in contacts] == ["Karim Benali (Cimentis)", "Inès Moreau"]
    assert [(c.kind, c.name) for c in clients] == [("client", "Cimentis")]
