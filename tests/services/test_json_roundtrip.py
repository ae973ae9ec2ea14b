"""Acceptance 3: export → import into a new database → export gives identical JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.settings import save_setting
from pipeline_tui.services.transfer.json_io import export_json, import_json
from pipeline_tui.store.database import Store
from pipeline_tui.store.tables import model_tables
from tests.conftest import TODAY
from tests.helpers import counts, open_at
from tests.services.backend_rows import table_counts


def test_the_demo_round_trips_to_identical_json(demo_store: Store, tmp_path: Path) -> None:
    save_setting(demo_store, "currency", "CHF")  # settings travel too
    first = export_json(demo_store, today=TODAY)
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")

    fresh = open_at(tmp_path / "new.db")
    try:
        calls: list[tuple[int, int]] = []
        report = import_json(fresh, path, progress=lambda d, t: calls.append((d, t)))
        second = export_json(fresh, today=TODAY)
    finally:
        fresh.close()

    assert second == first
    data = json.loads(first)
    assert (data["format"], data["version"], data["exported_on"]) == (
        "pipeline-tui",
        1,
        TODAY.isoformat(),
    )
    assert list(data["tables"]) == [t.name for t in model_tables()]  # every table, in order
    assert data["tables"]["setting"] == [{"key": "currency", "value": '"CHF"'}]
    assert len(data["tables"]["deal_stage_change"]) > len(data["tables"]["deal"])
    total = sum(len(rows) for rows in data["tables"].values())
    assert report.rows == total and calls[-1] == (total, total)
    assert counts(tmp_path / "new.db") == counts(Path(demo_store.config.sqlite_path))


def test_the_cli_round_trip_and_a_new_row_after_it(cli_run, demo_db: Path, tmp_path: Path):
    today = ["--today", TODAY.isoformat()]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    new_db = tmp_path / "restored.db"
    assert cli_run("--db", str(demo_db), *today, "export", "-o", str(first)).exit_code == 0
    imported = cli_run("--db", str(new_db), *today, "import", "json", str(first))
    assert imported.exit_code == 0, imported.stderr
    assert cli_run("--db", str(new_db), *today, "export", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_mode & 0o777 == 0o600
    stdout = cli_run("--db", str(new_db), *today, "export")
    assert stdout.stdout.encode("utf-8") == first.read_bytes()
    # Ids continue after the restored ones.
    added = cli_run("--db", str(new_db), *today, "add", "Nouvelle SAS, Jean Neuf, 5k")
    assert added.exit_code == 0, added.stderr


def test_import_json_needs_an_empty_database(demo_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(export_json(demo_store, today=TODAY), encoding="utf-8")
    with pytest.raises(InvalidInput, match="the database is not empty"):
        import_json(demo_store, path)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{", "line 1: not valid JSON"),
        ('{"format": "other"}', "not a pipeline-tui export"),
        ('{"format": "pipeline-tui", "version": 2, "tables": {}}', "format version 2"),
        ('{"format": "pipeline-tui", "version": 1, "tables": {"x": []}}', "unknown table x"),
        (
            '{"format": "pipeline-tui", "version": 1, "tables": {"client": [{"id": 1, '
            '"name": "A", "created_at": "2026-01-01"}]}}',
            "table client, row 1 \\(id 1\\): created_at: '2026-01-01' has no time zone",
        ),
        (
            '{"format": "pipeline-tui", "version": 1, "tables": {"contact": [{"id": 1, '
            '"first_name": "A", "client_id": 9, "created_at": "2026-01-01T00:00:00+00:00"}]}}',
            "the rows do not fit together",
        ),
    ],
)
def test_bad_exports_are_refused_whole(store: Store, tmp_path: Path, document, message):
    path = tmp_path / "bad.json"
    path.write_text(document, encoding="utf-8")
    before = table_counts(store)
    with pytest.raises(InvalidInput, match=message):
        import_json(store, path)
    assert table_counts(store) == before
