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
    assert result.stderr.strip().splitlines() == ["Error: a number or a date given is out of range"]


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


def test_control_characters_never_reach_a_name(cli_run, tmp_path: Path) -> None:
    """An ANSI escape in a name would later drive the user's terminal: refused where typed, and a
    CSV cell with a NUL is a refused row, with its line (issue 20, point 11)."""
    db = str(tmp_path / "p.db")
    result = cli_run("--db", db, "add", "Acme\x1b[31mRed / Jane Doe")
    assert result.exit_code == 2
    assert "control character at position 5" in result.stderr
    csv = tmp_path / "contacts.csv"
    csv.write_bytes(b"first_name,last_name,company\nAna\x00x,Silva,Acme\nBob,Roy,Acme\n")
    result = cli_run("--db", db, "import", "csv", "--kind", "contacts", str(csv))
    assert result.exit_code == 0, result.output
    assert "line 2: first_name: first_name has a control character" in result.output
    assert "1 contact" in result.output  # Bob's row, alone


def test_an_export_from_an_unknown_schema_is_refused(cli_run, demo_db: Path, tmp_path: Path):
    import json

    out = tmp_path / "export.json"
    assert (
        cli_run("--db", str(demo_db), "export", "--format", "json", "-o", str(out)).exit_code == 0
    )
    data = json.loads(out.read_text())
    data["schema_revision"] = "9999_future"
    out.write_text(json.dumps(data))
    result = cli_run("--db", str(tmp_path / "new.db"), "import", "json", str(out))
    assert result.exit_code == 2
    assert "does not know" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("end", "Banque Rivemont", "--on", "9999-12-31", "--reason", "budget"),
        ("add", "Acme / Jo Ann next:9999-12-31"),
        ("survey", "Banque Rivemont", "--score", "3", "--sent", "0001-01-01"),
    ],
)
def test_a_date_at_the_calendars_edge_is_refused_where_it_is_given(
    cli_run, demo_db: Path, args: tuple[str, ...]
) -> None:
    """Kept within 1900–2999, no date stored can overflow what is computed from it."""
    result = cli_run("--db", str(demo_db), "--today", "2026-11-26", *args)
    assert result.exit_code == 2
    assert "is outside the years 1900–2999" in result.stderr


def test_a_damaged_database_is_never_written_into(cli_run, demo_db: Path) -> None:
    """Before its first write a process checks the file (``PRAGMA quick_check``, cached while
    the file does not change): a damaged one is refused with what to do, and left as it was
    (issue 20, point 2)."""
    size = demo_db.stat().st_size
    with demo_db.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xa5" * 8192)
    damaged = demo_db.read_bytes()
    result = cli_run("--db", str(demo_db), "--today", "2026-11-26", "add", "Acme / Jo Ann 5k/m")
    assert result.exit_code == 3
    assert "is damaged" in result.stderr and ".recover" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert demo_db.read_bytes() == damaged


def test_a_sound_database_is_checked_once_then_known(cli_run, demo_db: Path, monkeypatch) -> None:
    from pipeline_tui.store import integrity

    calls = []
    real = integrity.quick_problem
    monkeypatch.setattr(integrity, "quick_problem", lambda e: calls.append(1) or real(e))
    for name in ("Acme / Jo Ann 5k/m", "Bolt / Al Roy 4k/m"):
        result = cli_run("--db", str(demo_db), "--today", "2026-11-26", "add", name)
        assert result.exit_code == 0, result.output
    assert len(calls) <= 1  # the second process finds the file as the first one left it


def test_a_binary_file_given_to_import_csv_is_named_as_such(cli_run, tmp_path: Path) -> None:
    data = tmp_path / "contacts.xlsx"
    data.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    result = cli_run(
        "--db", str(tmp_path / "p.db"), "import", "csv", "--kind", "contacts", str(data)
    )
    assert result.exit_code == 2
    assert "is not a text file" in result.stderr
