"""Fixtures of the offboarding tests: the small demo at the fixed today, and its story's names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from pipeline_tui.config import Config
from pipeline_tui.demo import DemoSummary, build_demo
from pipeline_tui.services.clients import find_client
from pipeline_tui.services.missions import list_missions
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Mission


@dataclass(frozen=True)
class Demo:
    store: Store
    config: Config
    summary: DemoSummary
    today: date

    def client_id(self, name: str) -> int:
        client_id = find_client(self.store, name).id
        assert client_id is not None
        return client_id

    def running_mission(self, client_name: str) -> Mission:
        (mission,) = [
            m
            for m in list_missions(self.store, self.client_id(client_name))
            if m.actual_end_on is None
        ]
        return mission


@pytest.fixture
def demo(store: Store, today: date) -> Demo:
    summary = build_demo(store, today=today)
    return Demo(store, store.config, summary, today)
