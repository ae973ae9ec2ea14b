"""Input no command can take: one line, exit code 2, never a traceback (issue 20, point 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PIPELINE_TUI_DB": str(tmp_path / "p.db")}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline_tui", "end", b"x\xff", "--reason", "other"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "Error: argument 2 is not valid UTF-8 text\n"
    assert not (tmp_path / "p.db").exists()  # refused before anything was opened


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
def test_a_today_at_the_calendars_edges_is_refused(cli_run, demo_db: Path, day: str) -> None:
    result = cli_run("--db", str(demo_db), "--today", day, "plan")
    assert result.exit_code == 2
    assert "outside the years 1900–2999" in result.stderr
    assert "Traceback" not in result.output


def test_a_huge_id_is_refused_without_a_traceback(cli_run, demo_db: Path) -> None:
    result = cli_run("--db", str(demo_db), "forget", "#99999999999999999999", "--yes")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["Error: a number given is too large"]


def test_a_foreign_sqlite_file_is_never_changed(cli_run, tmp_path: Path) -> None:
    """Not a pipeline-tui database: every command says so and the file stays byte-identical
    (no journal-mode switch rewriting its header; issue 20, point 7)."""
    import sqlite3

    path = tmp_path / "notes.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    for args in (("status",), ("add", "Acme / Jane Doe 5k/m"), ("db", "upgrade"), ("today",)):
        result = cli_run("--db", str(path), *args)
        assert result.exit_code == 3, (args, result.output)
        assert "not a pipeline-tui database" in result.stderr
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_missing_database_driver_says_which_extra_to_install(cli_run) -> None:
    result = cli_run("--db", "postgresql+pg8000://someone@localhost/pipeline", "status")
    assert result.exit_code == 3
    assert "pip install 'pipeline-tui[postgres]'" in result.stderr
    assert "Traceback" not in result.output
