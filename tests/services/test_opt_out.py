"""Property: whatever the sequences and the order of events, no opted-out contact is scheduled."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.services import clients, deals, sequences
from pipeline_tui.services.quicklog import log_text
from pipeline_tui.store.database import Store

BASE = date(2026, 11, 2)
PEOPLE = (("Alice", "Martin"), ("Bruno", "Petit"), ("Chloé", "Durand"), ("David", "Leroy"))
WITH_DEAL = (True, True, False, False)  # the last two are contacts enrolled without a deal
TABLES = (
    "activity",
    "sequence_enrollment",
    "sequence_step",
    "sequence",
    "deal_stage_change",
    "deal",
    "contact",
    "client",
)

steps_strategy = st.lists(
    st.tuples(st.integers(0, 21), st.sampled_from(["email", "call", "social", "follow_up"])),
    min_size=1,
    max_size=5,
)
event_strategy = st.tuples(
    st.sampled_from(["apply", "apply_all", "opt_out", "log", "reply", "move"]),
    st.integers(0, len(PEOPLE) - 1),
    st.integers(0, 30),  # the day it happens
    st.integers(-10, 30),  # for an opt-out: the date it is recorded with
)


def _reset(store: Store) -> None:
    with store.connection() as conn:
        for table in TABLES:
            conn.execute(sa.text(f"DELETE FROM {table}"))


def _scalar(store: Store, sql: str, **params) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar_one()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=steps_strategy,
    skip_weekends=st.booleans(),
    events=st.lists(event_strategy, min_size=1, max_size=10),
)
# Found by this test: a follow-up scheduled by a log, then the opt-out.
@example(steps=[(0, "email")], skip_weekends=False, events=[("log", 0, 0, 0), ("opt_out", 0, 0, 0)])
def test_no_opted_out_contact_appears_in_a_scheduled_activity(
    store: Store, steps, skip_weekends, events
) -> None:
    _reset(store)
    client = clients.add_client(store, "Prospect SA")
    contacts, deal_of = [], {}
    for (first, last), has_deal in zip(PEOPLE, WITH_DEAL, strict=True):
        contact = clients.add_contact(store, first, last_name=last, client_id=client.id)
        contacts.append(contact)
        if has_deal:
            deal = deals.add_deal(store, client.id, f"Deal {first}", on=BASE, contact_id=contact.id)
            deal_of[contact.id] = deal.id
    sequence = sequences.create_sequence(
        store, "Random", [(offset, kind) for offset, kind in steps], skip_weekends=skip_weekends
    )
    opted_out: dict[int, int] = {}  # contact id → enrollments it had when it opted out

    def enroll(targets) -> None:
        sequences.apply_sequence(
            store,
            sequence.id,
            on=on,
            deal_ids=[deal_of[c.id] for c in targets if c.id in deal_of],
            contact_ids=[c.id for c in targets if c.id not in deal_of],
        )

    def enrollments_of(contact_id: int) -> int:
        return _scalar(
            store,
            "SELECT count(*) FROM sequence_enrollment WHERE contact_id = :c",
            c=contact_id,
        )

    for kind, who, day, recorded in sorted(events, key=lambda e: e[2]):
        on = BASE + timedelta(days=day)
        contact = contacts[who]
        name = contact.full_name
        if kind == "apply":
            enroll([contact])
        elif kind == "apply_all":
            enroll(contacts)
        elif kind == "opt_out" and contact.id not in opted_out:
            opted_out[contact.id] = enrollments_of(contact.id)
            clients.set_do_not_contact(store, contact.id, BASE + timedelta(days=recorded))
        elif kind == "log":
            log_text(store, f"email {name} next:+3d", on)
        elif kind == "reply":
            log_text(store, f"call {name} outcome:replied", on)
        elif kind == "move" and contact.id in deal_of:
            stage = deals.get_deal(store, deal_of[contact.id]).stage
            if stage in OPEN_STAGES[:-1]:
                following = OPEN_STAGES[OPEN_STAGES.index(stage) + 1]
                deals.move_deal(store, deal_of[contact.id], following, on=on)  # events in order

    scheduled = _scalar(
        store,
        "SELECT count(*) FROM activity a JOIN contact c ON c.id = a.contact_id "
        "WHERE a.done_on IS NULL AND c.do_not_contact",
    )
    assert scheduled == 0
    running = _scalar(
        store,
        "SELECT count(*) FROM sequence_enrollment e JOIN contact c ON c.id = e.contact_id "
        "WHERE e.stopped_on IS NULL AND c.do_not_contact",
    )
    assert running == 0
    for contact_id, before in opted_out.items():
        assert enrollments_of(contact_id) == before  # never enrolled again
        reasons = {
            r[0]
            for r in store.engine.connect()
            .execute(
                sa.text("SELECT stop_reason FROM sequence_enrollment WHERE contact_id = :c"),
                {"c": contact_id},
            )
            .all()
        }
        assert reasons <= {"opt_out", "reply", "stage_change", "completed"}
