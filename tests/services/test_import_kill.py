"""Acceptance 2: a process killed in the middle of a large import leaves the database as before."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from pipeline_tui.services.transfer.linkedin import import_linkedin
from tests.conftest import TODAY
from tests.helpers import counts, open_at, write_linkedin

ROWS = 200_000
KILL_AFTER = 20_000  # rows written in the open transaction: more than SQLite's page cache holds


def _sound(db_path: Path) -> tuple[str, list]:
    with sqlite3.connect(db_path) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("PRAGMA foreign_key_check").fetchall(),
        )


def test_a_killed_import_leaves_counts_and_integrity_as_before(demo_db: Path, tmp_path: Path):
    rows = [
        [
            f"Person{i}",
            "Test",
            f"https://www.linkedin.com/in/person-{i}",
            f"p{i}@example.org" if i % 3 == 0 else "",
            f"Company {i % 500} SAS",
            "Engineer, R&D",
            "12 Mar 2024",
        ]
        for i in range(ROWS)
    ]
    big = write_linkedin(tmp_path / "Connections.csv", rows)
    before, sound_before = counts(demo_db), _sound(demo_db)
    assert sound_before == ("ok", [])
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_TUI_DB"}
    command = [sys.executable, "-m", "pipeline_tui", "--db", str(demo_db)]
    command += ["--today", TODAY.isoformat(), "import", "linkedin", "--progress", str(big)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    seen = []
    try:
        for line in process.stderr:  # type: ignore[union-attr]
            seen.append(line.strip())
            if line.startswith("progress "):
                done, total = map(int, line.split()[1].split("/"))
                if done >= KILL_AFTER:
                    process.send_signal(signal.SIGKILL)
                    break
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == -signal.SIGKILL, seen
    assert KILL_AFTER <= done < total == ROWS  # killed in the middle, not after the end
    wal = Path(f"{demo_db}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the transaction had written pages
    assert counts(demo_db) == before
    assert _sound(demo_db) == ("ok", [])

    # The database is not left locked: the next import goes through.
    store = open_at(demo_db)
    try:
        report = import_linkedin(store, write_linkedin(tmp_path / "small.csv", rows[:3]))
    finally:
        store.close()
    assert report.created["contact"] == 3
    assert counts(demo_db)["contact"] == before["contact"] + 3
