"""kill -9 in the middle of a backup or an export (issue 20, points 3 and 9): nothing under the
final name but a whole file (an earlier export stays as it was), and the next run leaves no
``.part`` behind. Each process is killed as soon as it reports progress, so mid-way or at worst
just after the last step: the assertions hold wherever the kill lands."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from pipeline_tui.store.backup import STEP_PAGES


def _command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline_tui", "--db", str(db), "--today", "2026-11-24", *args]


def _kill_at_first_progress(db: Path, *args: str) -> None:
    process = subprocess.Popen(
        _command(db, *args, "--progress"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("progress"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(db, *args), capture_output=True, text=True, timeout=300)


def _parts(folder: Path) -> list[str]:
    """Leftovers of a write: ``.NAME.XXXX.part`` and what SQLite kept beside it (``-journal``)."""
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def _pad(db: Path, pages: int) -> None:
    """Make the database ``pages`` pages larger (a table of blobs), so a copy takes many steps."""
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("CREATE TABLE padding (blob BLOB)")
        connection.executemany("INSERT INTO padding VALUES (randomblob(3500))", [()] * pages)
    connection.close()


def test_a_killed_backup_leaves_nothing_under_its_name(demo_db: Path, tmp_path: Path) -> None:
    _pad(demo_db, 6 * STEP_PAGES)
    out = tmp_path / "copies"
    out.mkdir()
    target = out / "backup.db"

    _kill_at_first_progress(demo_db, "backup", "-o", str(target))
    for leftover in out.iterdir():  # never readable by others, not even half-written
        assert leftover.stat().st_mode & 0o077 == 0, leftover.name
    if target.exists():  # the kill landed after the link: then the copy is whole
        check = sqlite3.connect(target)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.close()
        target.unlink()

    result = _run(demo_db, "backup", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert _parts(out) == []
    check = sqlite3.connect(target)
    assert check.execute("SELECT count(*) FROM padding").fetchone() == (6 * STEP_PAGES,)
    check.close()


def test_a_killed_json_export_leaves_the_earlier_one(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text('{"the": "earlier export"}')
    _kill_at_first_progress(demo_db, "export", "-o", str(target))
    text = target.read_text()
    assert text == '{"the": "earlier export"}' or "schema_revision" in json.loads(text)

    result = _run(demo_db, "export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "schema_revision" in json.loads(target.read_text())
    assert _parts(tmp_path) == []


def test_a_killed_csv_export_leaves_no_half_folder(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    _kill_at_first_progress(demo_db, "export", "--format", "csv", "-o", str(folder))
    whole = sorted(p.name for p in folder.iterdir()) if folder.exists() else None

    result = _run(demo_db, "export", "--format", "csv", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    tables = sorted(p.name for p in folder.iterdir())
    assert whole in (None, tables)  # absent, or every table: never some of them
    assert "deal.csv" in tables
    assert _parts(tmp_path) == []
