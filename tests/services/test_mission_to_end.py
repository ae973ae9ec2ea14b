"""``services.offboarding.mission_to_end``: the one rule ``end CLIENT`` and the clients screen
follow to pick the mission to end early."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.clients import add_client
from pipeline_tui.services.missions import add_mission, end_mission
from pipeline_tui.services.offboarding import mission_to_end
from pipeline_tui.store.database import Store
from tests.conftest import TODAY


def _mission(store: Store, client_id: int, title: str, start_on: date) -> int:
    mission = add_mission(store, client_id, title, start_on, fixed_monthly_cents=100_000)
    assert mission.id is not None
    return mission.id


def test_the_running_mission_without_an_end_is_the_one(store: Store) -> None:
    client = add_client(store, "Acme")
    assert client.id is not None
    running = _mission(store, client.id, "Run", TODAY - timedelta(days=90))
    _mission(store, client.id, "Next year", TODAY + timedelta(days=40))  # not started
    ending = _mission(store, client.id, "Ending", TODAY - timedelta(days=30))
    end_mission(store, ending, TODAY + timedelta(days=20))  # its end is already recorded
    assert mission_to_end(store, client.id, TODAY) == running


def test_two_running_missions_are_named(store: Store) -> None:
    client = add_client(store, "Acme")
    assert client.id is not None
    first = _mission(store, client.id, "Build", date(2026, 2, 1))
    second = _mission(store, client.id, "Run", date(2026, 5, 1))
    with pytest.raises(InvalidInput) as raised:
        mission_to_end(store, client.id, TODAY)
    assert str(raised.value) == (
        f"Acme has 2 running missions, name one by id: "
        f"#{first} Build (since 1 Feb 2026); #{second} Run (since 1 May 2026)"
    )


def test_no_running_mission_and_no_client(store: Store) -> None:
    client = add_client(store, "Acme")
    assert client.id is not None
    with pytest.raises(InvalidInput, match=r"^Acme has no running mission to end$"):
        mission_to_end(store, client.id, TODAY)
    with pytest.raises(NotFound, match="no client #999"):
        mission_to_end(store, 999, TODAY)
