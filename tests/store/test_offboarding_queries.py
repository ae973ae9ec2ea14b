"""The offboarding reads (``store.queries.offboardings``, ``lessons``, ``playbook``,
``case_studies``) give the same typed rows on the fast path (``sqlite3``) and through an engine
(as on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui.config import Config
from pipeline_tui.demo import build_demo
from pipeline_tui.domain.playbook import TemplateStep
from pipeline_tui.services.case_study import case_study_mission_id, record_case_study
from pipeline_tui.services.clients import add_client
from pipeline_tui.services.missions import add_mission
from pipeline_tui.services.offboarding_view import get_offboarding_view
from pipeline_tui.services.playbook_template import add_template_step
from pipeline_tui.store.database import Store, open_store
from pipeline_tui.store.queries import case_studies, lessons, offboardings, playbook
from pipeline_tui.store.reader import EngineReader, Reader, open_read_store
from tests.conftest import TODAY


class _EngineSource:
    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def read(self) -> Iterator[EngineReader]:
        with self.store.engine.connect() as conn, conn.begin():
            yield EngineReader(conn)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    build_demo(store, today=TODAY)
    add_template_step(store, TemplateStep("thanks", "Say thank you", "end", 1, True, False))
    (summary,) = offboardings_list(store)
    record_case_study(
        store, case_study_mission_id(store, summary.client_id), agreed_on=TODAY, role="Lead"
    )
    store.close()
    return path


def offboardings_list(source) -> list[offboardings.OffboardingSummary]:
    with source.read() as q:
        return offboardings.summaries(q)


def _everything(q: Reader) -> dict[str, Any]:
    (summary,) = offboardings.summaries(q)
    oid, cid = summary.id, summary.client_id
    row = offboardings.offboarding(q, oid)
    assert row is not None
    return {
        "summaries": offboardings.summaries(q, open_only=True, client_id=cid),
        "latest": offboardings.latest_offboarding_id(q, cid),
        "offboarding": row,
        "mission": offboardings.offboarded_mission(q, row.mission_id),
        "items": offboardings.items(q, oid),
        "item": offboardings.item_by_key(q, oid, "post_mortem"),
        "steps": offboardings.steps(q, oid),
        "documents": offboardings.documents(q, oid),
        "missions": offboardings.client_missions(q, cid),
        "lessons": lessons.lesson_rows(q),
        "open lessons": lessons.lesson_rows(q, open_only=True),
        "its lessons": lessons.offboarding_lessons(q, oid),
        "template": playbook.stored_steps(q),
        "edited": playbook.has_stored_template(q),
        "case study": case_studies.case_study_mission_id(q, cid),
        "draft": case_studies.draft_facts(q, row.mission_id),
    }


def test_both_paths_read_the_same_rows(demo_file: Path) -> None:
    config = Config(db_url=f"sqlite:///{demo_file}", today=TODAY)
    fast = open_read_store(config)
    assert fast is not None
    store = open_store(config)
    try:
        with fast.read() as q:
            direct = _everything(q)
        with _EngineSource(store).read() as q:
            through = _everything(q)
        assert direct == through
        assert get_offboarding_view(fast, 1) == get_offboarding_view(_EngineSource(store), 1)
    finally:
        store.close()
        fast.close()
    # Typed as the callers expect them: dates, booleans, counts.
    (summary,) = direct["summaries"]
    assert isinstance(summary.end_on, date) and summary.relationship_good is True
    assert str(summary.progress) == "9/10"  # the demo's 8, and the case study agreed
    assert all(isinstance(item.due_on, date) for item in direct["items"])
    assert direct["template"][-1] == TemplateStep("thanks", "Say thank you", "end", 1, True, False)
    assert direct["edited"] is True
    assert direct["draft"].agreed and direct["draft"].role == "Lead"


def test_the_case_study_mission_is_the_latest_agreed_else_the_latest(store: Store) -> None:
    client = add_client(store, "Atelier Nord").id
    assert client is not None
    with store.read() as q:
        assert case_studies.case_study_mission_id(q, client) is None
    older = add_mission(store, client, "Audit", date(2025, 1, 6), fixed_monthly_cents=500_000).id
    newer = add_mission(store, client, "Refonte", date(2026, 3, 2), fixed_monthly_cents=800_000).id
    with store.read() as q:
        assert case_studies.case_study_mission_id(q, client) == newer
    record_case_study(store, older, role="Lead")  # recorded, not agreed: it does not count
    with store.read() as q:
        assert case_studies.case_study_mission_id(q, client) == newer
    record_case_study(store, older, agreed_on=TODAY)
    with store.read() as q:
        assert case_studies.case_study_mission_id(q, client) == older
