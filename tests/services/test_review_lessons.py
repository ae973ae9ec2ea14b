"""The weekly review mentions the post-mortem lessons still open (issue 6)."""

from __future__ import annotations

import json
from datetime import timedelta

from pipeline_tui.services.clients import find_client
from pipeline_tui.services.lessons import add_lesson, set_lesson_done
from pipeline_tui.services.review import weekly_review
from pipeline_tui.services.review_format import review_json, review_markdown
from tests.conftest import TODAY


def test_open_lessons_appear_in_the_review_and_leave_when_done(store) -> None:
    from pipeline_tui.services.clients import add_client

    add_client(store, "Cimentis")
    client = find_client(store, "Cimentis")
    lesson = add_lesson(
        store,
        "take a contract-negotiation course",
        kind="training",
        client_id=client.id,
        today=TODAY - timedelta(days=20),
        due_on=TODAY - timedelta(days=10),
    )
    review = weekly_review(store, TODAY)
    data = json.loads(json.dumps(review_json(review)))
    assert [row["text"] for row in data["open_lessons"]] == ["take a contract-negotiation course"]
    assert data["open_lessons"][0]["overdue"] is True
    markdown = review_markdown(review)
    assert "## Open lessons (1)" in markdown
    assert "take a contract-negotiation course — Cimentis (training by" in markdown
    set_lesson_done(store, lesson.id, TODAY - timedelta(days=5))
    assert weekly_review(store, TODAY).lessons == ()
