"""Signals and a client's lessons, written through their services on both backends (the CLI's
``signal`` and ``lesson`` commands and the clients screen call these)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.lessons import list_lessons, record_client_lesson
from pipeline_tui.services.numbers import client_risk
from pipeline_tui.services.signals import add_signal, list_signals
from pipeline_tui.store.database import Store
from tests.conftest import TODAY
from tests.helpers import add_active_client


def test_a_signal_is_stored_listed_latest_first_and_raises_the_risk(store: Store) -> None:
    client = add_active_client(store, "Cimentis", 65_000, 18)
    before = client_risk(store, client.id, TODAY).score
    add_signal(store, client.id, "scope_creep", TODAY - timedelta(days=10), note="  extra task ")
    add_signal(store, client.id, "competitor", TODAY - timedelta(days=2))

    listed = list_signals(store, client.id)
    assert [(s.kind, s.occurred_on, s.note) for s in listed] == [
        ("competitor", TODAY - timedelta(days=2), None),
        ("scope_creep", TODAY - timedelta(days=10), "extra task"),
    ]
    assert client_risk(store, client.id, TODAY).score > before

    with pytest.raises(InvalidInput):
        add_signal(store, client.id, "not-a-kind", TODAY)
    assert len(list_signals(store, client.id)) == 2


def test_a_clients_lesson_is_a_training_when_dated(store: Store) -> None:
    client = add_active_client(store, "Cimentis", 65_000, 18)
    record_client_lesson(store, client.id, "write change requests", training_by=None, today=TODAY)
    due = TODAY + timedelta(days=30)
    record_client_lesson(store, client.id, "take a Kafka course", training_by=due, today=TODAY)

    rows = list_lessons(store, client_id=client.id)
    assert sorted((r.lesson.kind, r.lesson.text, r.lesson.due_on) for r in rows) == [
        ("training", "take a Kafka course", due),
        ("went_wrong", "write change requests", None),
    ]
    assert {r.client_name for r in rows} == {"Cimentis"}
    with pytest.raises(InvalidInput):
        record_client_lesson(store, client.id, "  ", training_by=None, today=TODAY)
    assert len(list_lessons(store, client_id=client.id)) == 2
