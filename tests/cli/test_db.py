"""The ``db`` and ``backup`` commands."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from pipeline_tui.config import Config
from pipeline_tui.store.database import open_store
from pipeline_tui.store.migrate import known_revisions
from tests.conftest import TODAY


def _make(path: Path) -> None:
    open_store(Config(db_url=f"sqlite:///{path}", today=TODAY)).close()


def test_db_current_prints_the_head(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    _make(path)
    result = cli_run("--db", str(path), "db", "current")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{known_revisions().head} (head)"


def test_db_check_passes_on_a_sound_database_and_fails_on_drift(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    _make(path)
    ok = cli_run("--db", str(path), "db", "check")
    assert ok.exit_code == 0, ok.stderr
    with sqlite3.connect(path) as raw:
        raw.execute("DROP INDEX ix_activity_channel_done_on")
    drift = cli_run("--db", str(path), "db", "check")
    assert drift.exit_code == 1
    assert "ix_activity_channel_done_on" in drift.stderr


def test_db_upgrade_on_a_current_database_says_so(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    _make(path)
    result = cli_run("--db", str(path), "db", "upgrade")
    assert result.exit_code == 0
    assert "newest schema" in result.stdout


def test_db_option_reads_the_environment(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    _make(path)
    result = cli_run("db", "current", env={"PIPELINE_TUI_DB": str(path)})
    assert result.exit_code == 0
    assert "(head)" in result.stdout


def test_backup_is_a_consistent_private_copy(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    _make(path)
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO client (name, created_at) VALUES ('Acme', '2026-01-01')")
    target = tmp_path / "copy.db"
    result = cli_run("--db", str(path), "backup", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM client").fetchall() == [("Acme",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = cli_run("--db", str(path), "backup", "-o", str(target))
    assert again.exit_code != 0
    assert "already exists" in again.stderr


def test_backup_without_output_goes_next_to_the_database(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    _make(path)
    result = cli_run("--db", str(path), "backup")
    assert result.exit_code == 0
    copies = list(tmp_path.glob("x-backup-*.db"))
    assert len(copies) == 1


def test_db_check_reports_a_deal_summary_edited_by_hand_and_repair_fixes_it(
    cli_run, demo_db: Path
) -> None:
    """The deals' summaries are derived: ``db check`` recomputes them from the history, says
    which drifted (exit 1, as every failed check), and ``--repair`` recomputes them."""
    clean = cli_run("--db", str(demo_db), "db", "check")
    assert clean.exit_code == 0, clean.stderr
    assert "deal summaries match history" in clean.stdout
    with sqlite3.connect(demo_db) as raw:
        raw.execute("UPDATE deal SET last_done_on = '2001-01-01' WHERE id IN (2, 3)")
        raw.execute(
            "UPDATE deal SET highest_open_stage = 'lead', won_cycle_days = 9999 WHERE id = 1"
        )
    drift = cli_run("--db", str(demo_db), "db", "check")
    assert drift.exit_code == 1
    lines = drift.stderr.splitlines()
    assert "✗ deal.last_done_on differs from the history on 2 deals: #2, #3" in lines
    assert "✗ deal.highest_open_stage differs from the history on 1 deal: #1" in lines
    assert "✗ deal.won_cycle_days differs from the history on 1 deal: #1" in lines
    assert "--repair" in drift.stderr
    repaired = cli_run("--db", str(demo_db), "db", "check", "--repair")
    assert repaired.exit_code == 0, repaired.stderr
    assert "✓ repaired: deal.last_done_on differs from the history on 2 deals" in repaired.stdout
    again = cli_run("--db", str(demo_db), "db", "check")
    assert again.exit_code == 0, again.stderr
