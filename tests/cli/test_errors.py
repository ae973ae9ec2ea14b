"""Errors a user meets: one clear line on stderr, a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.store.database import open_store
from tests.conftest import TODAY
from tests.helpers import run_process


def _assert_clean_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("Error: ")
    for fragment in fragments:
        assert fragment in result.stderr


def test_db_in_a_missing_folder(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.db"
    result = cli_run("--db", str(target), "backup", "-o", str(tmp_path / "b.db"))
    _assert_clean_error(result, 3, "folder", "does not exist", str(target.parent))
    assert not target.parent.exists()


def test_db_in_a_folder_that_is_not_writable(cli_run, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere on a normal filesystem; /proc refuses even root.
        target = Path("/proc/pipeline-tui-test.db")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        target = folder / "x.db"
    result = cli_run("--db", str(target), "backup", "-o", str(tmp_path / "b.db"))
    _assert_clean_error(result, 3, "cannot create the database", "not writable")
    assert not target.exists()


def test_db_that_is_not_sqlite(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("these are my notes, not a database\n" * 20)
    result = cli_run("--db", str(target), "backup", "-o", str(tmp_path / "b.db"))
    _assert_clean_error(result, 3, "is not a SQLite database")
    assert target.read_text().startswith("these are my notes")


def test_db_newer_than_the_code(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "future.db"
    open_store(Config(db_url=f"sqlite:///{target}", today=TODAY)).close()
    with sqlite3.connect(target) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    result = cli_run("--db", str(target), "backup", "-o", str(tmp_path / "b.db"))
    _assert_clean_error(result, 3, "ffff_from_the_future", "newer version")


def test_db_locked_by_another_program_at_open(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "locked.db"
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli_run(
            "--db",
            str(target),
            "backup",
            "-o",
            str(tmp_path / "b.db"),
            env={"PIPELINE_TUI_BUSY_TIMEOUT_MS": "100"},
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_clean_error(result, 3, "locked by another program")


def test_db_locked_while_writing(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "busy.db"
    open_store(Config(db_url=f"sqlite:///{target}", today=TODAY)).close()
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer that does not let go (WAL: readers still read)
    try:
        result = cli_run(
            "--db",
            str(target),
            "--today",
            "2026-11-26",
            "demo",
            "--no-open",
            env={"PIPELINE_TUI_BUSY_TIMEOUT_MS": "100"},
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_clean_error(result, 3, "locked by another program")
    with sqlite3.connect(target) as raw:
        assert raw.execute("SELECT count(*) FROM client").fetchone() == (0,)


def test_bad_today_is_a_usage_error(cli_run, tmp_path: Path) -> None:
    result = cli_run("--db", str(tmp_path / "x.db"), "--today", "26/11/2026", "db", "current")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_current_on_a_missing_file_creates_nothing(cli_run, tmp_path: Path) -> None:
    target = tmp_path / "absent.db"
    result = cli_run("--db", str(target), "db", "current")
    _assert_clean_error(result, 1, "no database at")
    assert not target.exists()


@pytest.mark.parametrize("command", [["db", "current"], ["backup", "-o", "B"]])
def test_errors_are_clean_in_a_real_process(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "garbage.db"
    target.write_bytes(b"\x00garbage" * 100)
    command = [str(tmp_path / "b.db") if c == "B" else c for c in command]
    result = run_process("--db", str(target), *command)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "not a SQLite database" in result.stderr


def test_every_command_is_loaded_from_the_module_the_group_names() -> None:
    """The group imports a command's module when the command is used: the table it goes by
    must name every command, and the right module."""
    from pipeline_tui.cli.base import COMMAND_MODULES, cli, load_commands

    load_commands()
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback.__module__ == f"pipeline_tui.cli.{COMMAND_MODULES[name]}", name


def test_a_command_runs_in_a_fresh_process_with_only_its_module(tmp_path) -> None:
    """``status`` loads ``cli.numbers`` alone; ``--help`` still lists every command."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        f"""
        import sys
        from pipeline_tui.cli import cli
        try:
            cli(["--db", {str(tmp_path / "x.db")!r}, "status", "--json"])
        except SystemExit:
            pass
        loaded = sorted(m for m in sys.modules if m.startswith("pipeline_tui.cli."))
        print("LOADED", loaded, file=sys.stderr)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    # click_words: click's own words in the language spoken, which every command needs; json_text:
    # print_json's writer; and the command's own module, no other command's
    loaded = ", ".join(
        f"'pipeline_tui.cli.{name}'" for name in ("base", "click_words", "json_text", "numbers")
    )
    assert f"LOADED [{loaded}]" in out.stderr, out.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "pipeline_tui", "--help"], capture_output=True, text=True
    ).stdout
    for name in ("status", "import", "survey-gaps", "playbook", "forget"):
        assert f"  {name} " in help_text


def test_opening_the_tui_reads_its_three_options_without_click() -> None:
    from datetime import date

    from pipeline_tui.cli.start import tui_options

    assert tui_options([]) == (None, None, None)
    assert tui_options(["--db", "x.db"]) == ("x.db", None, None)
    assert tui_options(["--db=x.db", "--today=2026-11-26"]) == ("x.db", date(2026, 11, 26), None)
    assert tui_options(["--today", "2026-11-26", "--db", "sqlite:///y"]) == (
        "sqlite:///y",
        date(2026, 11, 26),
        None,
    )
    assert tui_options(["--lang", "FR"]) == (None, None, "fr")
    # Everything else is the click group's: commands, help, errors it words.
    for argv in (
        ["status"],
        ["--db", "x.db", "status"],
        ["--help"],
        ["--version"],
        ["--db"],
        ["--db", "a", "--db", "b"],
        ["--today", "26/11/2026"],
        ["--dbx", "a"],
        ["--lang", "de"],
        ["--lang", "fr_FR"],
    ):
        assert tui_options(argv) is None, argv


def test_main_sends_commands_to_click_and_the_bare_command_to_the_tui(monkeypatch) -> None:
    import pytest

    import pipeline_tui.cli as cli_package
    from pipeline_tui.cli import base, start

    opened, clicked = [], []
    monkeypatch.setattr(start, "run_tui", lambda db, today, lang: opened.append((db, today)) or 3)
    monkeypatch.setattr(base, "cli", lambda **kw: clicked.append(kw))
    monkeypatch.setattr("sys.argv", ["pipeline-tui", "--db", "x.db"])
    with pytest.raises(SystemExit) as exit_:
        cli_package.main()
    assert exit_.value.code == 3 and opened == [("x.db", None)] and not clicked
    monkeypatch.setattr("sys.argv", ["pipeline-tui", "--db", "x.db", "status"])
    cli_package.main()
    assert clicked == [{"prog_name": "pipeline-tui"}]


def test_a_tui_that_cannot_start_says_why_and_exits_with_its_code(tmp_path, monkeypatch, capsys):
    from pipeline_tui.cli import start
    from pipeline_tui.tui import app as app_module

    class Failing:
        def __init__(self, store, config, **options) -> None:
            self.config = config

        def run(self) -> None:
            self.start_error = (f"cannot open the database {self.config.sqlite_path}", 3)

    monkeypatch.setattr(app_module, "PipelineApp", Failing)
    assert start.run_tui(str(tmp_path / "x.db"), None) == 3
    assert capsys.readouterr().err.startswith("Error: cannot open the database ")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("signal", "rm", "abc", "--yes"), "a signal"),
        (("activity", "rm", "#x1", "--yes"), "an activity"),
        (("checklist", "doc", "rm", "doc", "--yes"), "a document"),
    ],
)
def test_a_record_named_by_id_says_so_the_same_way(cli_run, demo_db, args, what) -> None:
    """One rule for ``#12`` or ``12`` (``cli.base.record_id``), one message, exit 2."""
    result = cli_run("--db", str(demo_db), *args)
    assert result.exit_code == 2, result.output
    assert f"is not {what} id (a number such as #12" in result.stderr
