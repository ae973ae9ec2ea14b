"""Every command, driven with generated arguments: text with any code point, huge numbers, dates
at the calendar's edges, long names (issue 20, acceptance 1). Whatever the input: no traceback,
an exit code in {0, 1, 2, 3}, the database intact, and nothing changed by a refusal."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.cli.base import cli, load_commands
from tests.conftest import TODAY

load_commands()
# (command words) — every command and sub-command but the ones that open the TUI or build a demo
COMMANDS: list[tuple[str, ...]] = sorted(
    (name, *((sub,) if sub else ()))
    for name, command in cli.commands.items()
    if name != "demo"
    for sub in (sorted(command.commands) if isinstance(command, click.Group) else [""])
)
OPTIONS = sorted(
    {
        opt
        for command in cli.commands.values()
        for c in (command.commands.values() if isinstance(command, click.Group) else [command])
        for p in c.params
        if isinstance(p, click.Option)
        for opt in p.opts
        if opt.startswith("--") and opt not in ("--help", "--output")
    }
)


def _safe(text: str) -> bool:
    """No absolute path, home or parent folder: a generated -o must stay in the test's folder."""
    return not text.startswith(("/", "~", "-o")) and ".." not in text and "\x00" not in text


words = st.one_of(
    st.text(min_size=0, max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=20),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["#99999999999999999999", "9999-12-31", "0001-01-01", "2026-02-30", "nan"]),
    st.sampled_from(["1e30/m", "-5/d", "Maison Verlaine Distribution", "Banque Rivemont"]),
    st.text(alphabet="abc", min_size=250, max_size=400),
    st.sampled_from(OPTIONS),
).filter(_safe)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture(scope="module")
def fuzz_db(demo_template: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(demo_template, path)
    return path


@settings(
    max_examples=int(os.environ.get("PIPELINE_TUI_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(command=st.sampled_from(COMMANDS), args=st.lists(words, max_size=4))
def test_no_input_gives_a_traceback(
    fuzz_db: Path, tmp_path: Path, monkeypatch, command: tuple[str, ...], args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # where a generated relative -o lands
    before = _counts(fuzz_db)
    argv = ["--db", str(fuzz_db), "--today", TODAY.isoformat(), *command, *args]
    result = CliRunner().invoke(cli, argv, catch_exceptions=True, input="")
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (argv, repr(result.exception), result.output[-500:])
    assert result.exit_code in (0, 1, 2, 3), (argv, result.exit_code, result.output[-300:])
    after = _counts(fuzz_db)
    if result.exit_code != 0:
        assert after == before, (argv, result.output[-300:])
