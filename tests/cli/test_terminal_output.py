"""What the CLI prints for a person (issue 15, point 13): coloured through Rich on a terminal,
plain text in a pipe or with NO_COLOR, the same words either way, and dates one way."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _command(db: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline_tui",
        "--db",
        str(db),
        "--today",
        TODAY.isoformat(),
        *args,
    ]


def _in_a_terminal(args: list[str], **env: str) -> tuple[int, str]:
    """Run ``args`` with standard output and error on a pseudo-terminal; what it showed."""
    leader, follower = pty.openpty()
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    process = subprocess.Popen(
        args, stdout=follower, stderr=follower, env={**clean, "TERM": "xterm-256color", **env}
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=120), shown.decode().replace("\r\n", "\n")


def _piped(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [("status",), ("today",), ("whatif", "Banque Rivemont")])
def test_colour_on_a_terminal_plain_text_in_a_pipe(demo_db: Path, command: tuple[str, ...]) -> None:
    piped = _piped(_command(demo_db, *command))
    assert piped.returncode == 0, piped.stderr
    assert "\x1b" not in piped.stdout  # `pipeline-tui status | cat` has no escape code

    code, shown = _in_a_terminal(_command(demo_db, *command))
    assert code == 0
    assert ESCAPE.search(shown), "no colour on a terminal"
    assert ESCAPE.sub("", shown) == piped.stdout  # the same words, only coloured

    code, shown = _in_a_terminal(_command(demo_db, *command), NO_COLOR="1")
    assert code == 0 and "\x1b" not in shown and shown == piped.stdout


def test_risk_is_red_and_money_is_not(demo_db: Path) -> None:
    """One meaning per colour, as in the TUI: the dependence flag in red, revenue uncoloured."""
    _, shown = _in_a_terminal(_command(demo_db, "status"))
    revenue = next(line for line in shown.splitlines() if "Monthly revenue" in line)
    assert "\x1b" not in revenue
    top = next(line for line in shown.splitlines() if "Top client share" in line)
    assert "\x1b[1;31m" in top and "more than half of your revenue" in top


def test_an_error_is_red_on_a_terminal_only(demo_db: Path) -> None:
    args = _command(demo_db, "whatif", "Nobody At All")
    piped = _piped(args)
    assert piped.returncode == 1 and piped.stderr.startswith("Error: ")
    code, shown = _in_a_terminal(args)
    assert code == 1 and shown.startswith("\x1b[31m\x1b[1mError:\x1b[0m ")
    assert ESCAPE.sub("", shown) == piped.stderr


def test_a_gap_reads_as_a_sentence(cli_run, demo_db: Path) -> None:
    result = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "whatif", "--gap", "8000")
    assert result.stdout.splitlines()[0] == "A gap of €8,000/month to refill within 12 weeks"


def test_survey_dates_read_like_every_other_date(cli_run, demo_db: Path) -> None:
    result = cli_run(
        "--db", str(demo_db), "--today", TODAY.isoformat(),
        "survey", "Banque Rivemont", "--sent", "2026-11-02", "--score", "4",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    day = f"{TODAY.day} {TODAY:%b %Y}"
    assert result.stdout.strip() == (
        f"Recorded the satisfaction survey of Banque Rivemont sent 2 Nov 2026, answered {day}: "
        "CSAT 4."
    )
