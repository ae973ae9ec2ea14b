"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "pipeline-tui demo" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    install, test = _readme_commands()[1].rsplit(" && ", 1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_line = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert ci_line.startswith(install + " && ")
    assert ci_line.endswith(" && " + test)


def test_the_reminders_section_has_the_two_commands_that_set_it_up() -> None:
    from click.testing import CliRunner

    from pipeline_tui.cli import cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Reminders", 1)[1].split("\n### ", 1)[0]
    (block,) = re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)
    commands = [line.split("#")[0].split() for line in block.splitlines()]
    assert commands == [
        ["pipeline-tui", "remind", "--install"],
        ["pipeline-tui", "remind", "--install", "--write"],
    ]
    helptext = CliRunner().invoke(cli, ["remind", "--help"]).output
    assert all(option in helptext for option in ("--install", "--write", "--uninstall"))
