"""The clients screen's editors on the demo with a fixed today: each edit form filled from its
record, the confirmation of a deletion (a client with a mission: archived), the surveys table
with the focus, and the survey message."""

from __future__ import annotations

import pytest

from pipeline_tui.store.database import Store
from tests.tui.conftest import make_app, pressing

TAB = "tab"
VIEWS = {
    "edit-client": ["3", "e"],
    "edit-contact": ["3", TAB, "e"],
    "edit-mission": ["3", TAB, TAB, "e"],
    "edit-signal": ["3", *[TAB] * 4, "e"],
    "edit-survey": ["3", *[TAB] * 5, "e"],
    "archive-client": ["3", "delete"],
    "delete-contact": ["3", TAB, "delete"],
    "surveys-panel": ["3", *[TAB] * 5],
    "survey-message": ["3", "W"],
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_client_editor(snap_compare, demo_store: Store, name: str) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(140, 45), run_before=pressing(VIEWS[name]))
