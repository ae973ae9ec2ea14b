"""``remind`` from the command line on the demo (fixed clock), its digest snapshot, and the
schedule it installs in a temporary home (issue 17, acceptance 1, 2 and 4)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui.domain.schedule import cron_lines, plan_schedule
from pipeline_tui.services.notifiers import NotifySend, Osascript, TextNotifier, detect_notifier
from tests.cli.conftest import check_snapshot
from tests.conftest import TODAY

NOW = "2026-11-26T09:00"


def _home(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "XDG_CONFIG_HOME": ""}


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*"))


def test_remind_json_lists_then_lists_nothing_new(cli_run, demo_db: Path) -> None:
    args = ("--db", str(demo_db), "--today", TODAY.isoformat(), "remind", "--json")
    today = json.loads(
        cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "today", "--json").stdout
    )
    first = cli_run(*args)
    assert first.exit_code == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc["now"] == NOW  # --today runs at the reminder_time setting
    keys = [(r["kind"], r["key"]) for r in doc["reminders"]]
    assert keys[: len(today["overdue"])] == [
        ("overdue", f"activity-{a['id']}") for a in today["overdue"]
    ]
    due = [k for kind, k in keys if kind == "due"]
    assert due == [f"activity-{a['id']}" for a in today["due_today"]]
    assert [r["kind"] for r in doc["reminders"]].count("risk") == len(today["risk_alerts"])
    assert doc["pending"] == len(keys)
    second = json.loads(cli_run(*args).stdout)
    assert second["reminders"] == [] and second["pending"] == len(keys)
    again = json.loads(cli_run(*args, "--again").stdout)
    assert [(r["kind"], r["key"]) for r in again["reminders"]] == keys


def test_remind_text_falls_back_to_standard_output(cli_run, demo_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no notify-send, no osascript
    result = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "remind")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("10 reminders: 2 overdue, 4 due today")
    assert "  Client at risk: Maison Verlaine Distribution, risk 77" in result.stdout
    quiet = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "remind")
    assert quiet.exit_code == 0 and quiet.stdout == ""  # nothing new: cron mails nothing


def test_the_digest_snapshot(cli_run, demo_db: Path) -> None:
    result = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "remind", "--digest")
    assert result.exit_code == 0, result.stderr
    check_snapshot("remind_digest_2026-11-26.md", result.stdout)
    again = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "remind", "--json")
    assert json.loads(again.stdout)["reminders"]  # the digest remembered nothing


@pytest.mark.parametrize(
    "args",
    [
        ("remind", "--write"),
        ("remind", "--install", "--uninstall"),
        ("remind", "--install", "--digest"),
        ("remind", "--now", "tomorrow"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(cli_run, demo_db: Path, args) -> None:
    result = cli_run("--db", str(demo_db), *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_printed_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    schedule = plan_schedule("systemd", [sys.executable, "-m", "pipeline_tui"], 9, 0)
    for f in schedule.files:
        (tmp_path / f.name).write_text(f.text, encoding="utf-8")
    units = [str(tmp_path / f.name) for f in schedule.files]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "pipeline-tui" not in done.stderr  # no warning about our units


def test_the_crontab_lines_have_five_fields_that_parse() -> None:
    lines = cron_lines(["/usr/bin/python3", "-m", "pipeline_tui", "--db", "/x y/p.db"], 7, 30)
    ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
    for line in lines:
        fields = line.split()[:5]
        for field, (low, high) in zip(fields, ranges, strict=True):
            assert field == "*" or low <= int(field) <= high, line
        assert line.split(maxsplit=5)[5].startswith("/usr/bin/python3 -m pipeline_tui")
    assert lines[0].split()[:2] == ["0", "*"] and lines[1].split()[:2] == ["30", "7"]
    assert "'/x y/p.db'" in lines[0]  # quoted for the shell
    assert lines[1].endswith("remind --digest")


def test_install_prints_writes_nothing_then_write_and_uninstall_leave_nothing(
    cli_run, demo_db: Path, tmp_path: Path
) -> None:
    env = _home(tmp_path)
    home = Path(env["HOME"])
    printed = cli_run("--db", str(demo_db), "remind", "--install", env=env)
    assert printed.exit_code == 0, printed.stderr
    assert _files(home) == []  # nothing written without --write
    assert "remind --digest" in printed.stdout
    wrote = cli_run("--db", str(demo_db), "remind", "--install", "--write", env=env)
    assert wrote.exit_code == 0, wrote.stderr
    written = [p for p in _files(home) if p.is_file() or p.is_symlink()]
    assert len(written) >= 2
    manifest = json.loads((home / ".config/pipeline-tui/reminders-installed.json").read_text())
    assert {Path(p) for p in manifest["files"]} | {
        home / ".config/pipeline-tui/reminders-installed.json"
    } == set(written)
    twice = cli_run("--db", str(demo_db), "remind", "--install", "--write", env=env)
    assert twice.exit_code == 2  # already installed: not overwritten
    removed = cli_run("--db", str(demo_db), "remind", "--uninstall", env=env)
    assert removed.exit_code == 0, removed.stderr
    assert _files(home) == []  # nothing left behind, not even an empty directory
    none = cli_run("--db", str(demo_db), "remind", "--uninstall", env=env)
    assert "Nothing to remove" in none.stdout


def test_uninstall_removes_only_what_it_installed(cli_run, demo_db: Path, tmp_path: Path) -> None:
    env = _home(tmp_path)
    home = Path(env["HOME"])
    mine = home / ".config/systemd/user/my-own.timer"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Timer]\nOnCalendar=daily\n")
    assert cli_run("--db", str(demo_db), "remind", "--install", "--write", env=env).exit_code == 0
    assert cli_run("--db", str(demo_db), "remind", "--uninstall", env=env).exit_code == 0
    assert _files(home) == [home / ".config", mine.parent.parent, mine.parent, mine]


def test_launchd_agents_are_valid_plists() -> None:
    import plistlib

    schedule = plan_schedule("launchd", ["/usr/bin/python3", "-m", "pipeline_tui"], 8, 15)
    agents = {f.name: plistlib.loads(f.text.encode()) for f in schedule.files}
    digest = agents["com.pipeline-tui.digest.plist"]
    assert digest["StartCalendarInterval"] == {"Hour": 8, "Minute": 15}
    assert digest["ProgramArguments"][-2:] == ["remind", "--digest"]
    assert agents["com.pipeline-tui.remind.plist"]["StartInterval"] == 3600


def test_notifiers_are_detected_and_build_their_commands() -> None:
    assert [n.name for n in detect_notifier(which=lambda _n: None).notifiers] == ["text"]
    linux = detect_notifier(which=lambda n: f"/usr/bin/{n}", platform="linux")
    assert [n.name for n in linux.notifiers] == ["notify-send", "text"]
    mac = detect_notifier(which=lambda n: f"/usr/bin/{n}", platform="darwin")
    assert [n.name for n in mac.notifiers] == ["osascript", "text"]
    ran: list[list[str]] = []
    sender = NotifySend("notify-send", run=lambda cmd: ran.append(cmd) or 0)
    assert sender.notify("2 reminders", ["Overdue: a", "Due today: b"])
    assert ran[0][-2:] == ["2 reminders", "Overdue: a\nDue today: b"]
    script = Osascript().command('say "hi"', ["x"])[2]
    assert script.startswith('display notification "x"') and '\\"hi\\"' in script


def test_a_failing_desktop_notification_falls_back_to_text(capsys) -> None:
    from pipeline_tui.services.notifiers import FirstThatWorks

    chain = FirstThatWorks(NotifySend("notify-send", run=lambda _c: 1), TextNotifier())
    assert chain.notify("1 reminder", ["Overdue: a"])
    assert chain.used == "text"
    assert capsys.readouterr().out == "1 reminder\n  Overdue: a\n"


def test_the_real_notify_send_where_it_exists(capsys) -> None:
    if shutil.which("notify-send") is None:
        pytest.skip("notify-send is not installed here")
    chain = detect_notifier(platform="linux")
    assert chain.notify("pipeline-tui test", ["a notification from the test suite"])
    # delivered on the desktop, or (no session bus) said as text instead: never lost
    assert chain.used == "notify-send" or "pipeline-tui test" in capsys.readouterr().out
