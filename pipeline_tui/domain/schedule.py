"""What ``remind --install`` installs: a morning digest and an hourly check, as systemd user
units (Linux), launchd agents (macOS) or crontab lines (anything else).

Plain text built from the command to run; where the files go is ``services.reminder_install``'s.
Each file is named by a place (``systemd``, ``launchd``, ``config``) and a name in it.
"""

from __future__ import annotations

import plistlib
import re
from dataclasses import dataclass

from pipeline_tui.i18n import _

LABEL = "pipeline-tui"
UNITS = ("remind", "digest")  # the hourly check, the morning digest
HOURLY_CRON = "0 * * * *"


@dataclass(frozen=True)
class PlannedFile:
    place: str  # "systemd" (user units), "launchd" (LaunchAgents), "config" (our config dir)
    name: str
    text: str


@dataclass(frozen=True)
class PlannedLink:
    """A symbolic link ``name`` (in ``place``) to ``target``: what ``systemctl enable`` makes."""

    place: str
    name: str
    target: str


@dataclass(frozen=True)
class Schedule:
    system: str  # "systemd", "launchd" or "cron"
    files: tuple[PlannedFile, ...]
    links: tuple[PlannedLink, ...]
    then: tuple[str, ...]  # the commands the user runs afterwards (or that a login does)


def system_for(platform: str, has_systemd: bool) -> str:
    if platform == "darwin":
        return "launchd"
    if platform.startswith("linux") and has_systemd:
        return "systemd"
    return "cron"


_PLAIN = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")


def systemd_word(word: str) -> str:
    """One argument of ``ExecStart=``: quoted when it must be, ``%`` doubled (a specifier)."""
    word = word.replace("%", "%%")
    if _PLAIN.match(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def shell_word(word: str) -> str:
    if _PLAIN.match(word) and "%" not in word:
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


def _arguments(command: list[str], unit: str) -> list[str]:
    return [*command, "remind"] if unit == "remind" else [*command, "remind", "--digest"]


# What each unit does, in its unit file's Description (a file, not the interface: English).
_WHAT = {
    "remind": ("check what needs you (hourly)", "OnCalendar=hourly"),  # not shown: a unit file
    "digest": ("the morning digest", None),  # not shown: a unit file
}


def _systemd(command: list[str], hour: int, minute: int) -> Schedule:
    files, links = [], []
    for unit in UNITS:
        what, calendar = _WHAT[unit]
        calendar = calendar or f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00"
        exec_start = " ".join(systemd_word(w) for w in _arguments(command, unit))
        service = (
            f"[Unit]\nDescription={LABEL}: {what}\n\n"  # not shown: a systemd unit file
            f"[Service]\nType=oneshot\nExecStart={exec_start}\n"
        )
        timer = (
            f"[Unit]\nDescription={LABEL}: {what}, timer\n\n"  # not shown: a systemd unit file
            f"[Timer]\n{calendar}\nPersistent=true\nUnit={LABEL}-{unit}.service\n\n"
            "[Install]\nWantedBy=timers.target\n"
        )
        files.append(PlannedFile("systemd", f"{LABEL}-{unit}.service", service))
        files.append(PlannedFile("systemd", f"{LABEL}-{unit}.timer", timer))
        links.append(
            PlannedLink(
                "systemd",
                f"timers.target.wants/{LABEL}-{unit}.timer",  # not shown: a path
                f"../{LABEL}-{unit}.timer",
            )
        )
    then = (
        "systemctl --user daemon-reload",  # not shown: a command
        f"systemctl --user start {LABEL}-remind.timer {LABEL}-digest.timer",  # not shown: a command
    )
    return Schedule("systemd", tuple(files), tuple(links), then)


def _launchd(command: list[str], hour: int, minute: int) -> Schedule:
    files = []
    for unit in UNITS:
        agent: dict[str, object] = {
            "Label": f"com.{LABEL}.{unit}",
            "ProgramArguments": _arguments(command, unit),
            "StandardOutPath": f"/tmp/{LABEL}-{unit}.log",  # not shown: a path
        }
        if unit == "remind":
            agent["StartInterval"] = 3600
        else:
            agent["StartCalendarInterval"] = {"Hour": hour, "Minute": minute}
        text = plistlib.dumps(agent, sort_keys=True).decode("utf-8")
        files.append(PlannedFile("launchd", f"com.{LABEL}.{unit}.plist", text))  # not shown: a file
    then = tuple(f"launchctl load -w ~/Library/LaunchAgents/{f.name}" for f in files)  # not shown
    return Schedule("launchd", tuple(files), (), then)


def cron_lines(command: list[str], hour: int, minute: int) -> list[str]:
    return [
        f"{HOURLY_CRON} " + " ".join(shell_word(w) for w in _arguments(command, "remind")),
        f"{minute} {hour} * * * " + " ".join(shell_word(w) for w in _arguments(command, "digest")),
    ]


def _cron(command: list[str], hour: int, minute: int) -> Schedule:
    text = "# pipeline-tui reminders: an hourly check and the morning digest\n"  # not shown: a file
    text += "\n".join(cron_lines(command, hour, minute)) + "\n"
    name = "crontab"
    then = (f"(crontab -l 2>/dev/null; cat ~/.config/{LABEL}/{name}) | crontab -",)  # not shown
    return Schedule("cron", (PlannedFile("config", name, text),), (), then)


def plan_schedule(system: str, command: list[str], hour: int, minute: int) -> Schedule:
    """The files (and links) that run ``command remind`` hourly and ``command remind --digest``
    every morning at ``hour:minute``."""
    build = {"systemd": _systemd, "launchd": _launchd, "cron": _cron}[system]
    return build(command, hour, minute)


def describe(schedule: Schedule, where: dict[str, str]) -> str:
    """The schedule as text: each file with its path and content, then what to run."""
    said = _("{system}: an hourly check and a morning digest").format(system=schedule.system)
    lines = ["# " + said, ""]
    for f in schedule.files:
        lines += [f"# {where[f.place]}/{f.name}", f.text.rstrip("\n"), ""]
    for link in schedule.links:
        lines += [f"# link {where[link.place]}/{link.name} -> {link.target}", ""]
    if schedule.then:
        lines += ["# then:", *schedule.then]
    return "\n".join(lines).rstrip() + "\n"
