"""Where reminders go: a desktop notification where the machine has one, else text.

- Linux and other freedesktop systems: ``notify-send`` (libnotify), when it is on the PATH;
- macOS: ``osascript`` (``display notification``);
- anything else, or a notification that fails (no desktop session under cron): text on
  standard output, which cron mails.

Detected, never required. ``detect_notifier`` takes ``which`` and ``platform`` so tests choose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import TextIO

from pipeline_tui.i18n import ngettext

APP = "pipeline-tui"
BODY_LINES = 8  # a notification shows a few lines; the rest is said as "… and N more"


def body(lines: list[str]) -> str:
    shown = lines[:BODY_LINES]
    if len(lines) > BODY_LINES:
        more = len(lines) - BODY_LINES
        shown.append(
            ngettext(
                "… and {count} more (pipeline-tui remind --again)",
                "… and {count} more (pipeline-tui remind --again)",
                more,
            ).format(count=more)
        )
    return "\n".join(shown)


Runner = Callable[[list[str]], int]


def run_quietly(command: list[str]) -> int:
    """Run ``command``; its exit code (127 when it cannot be started)."""
    try:
        return subprocess.run(command, capture_output=True, timeout=15, check=False).returncode
    except (OSError, subprocess.SubprocessError):
        return 127


class CommandNotifier:
    """A desktop notification sent by running a program: ``command`` says how, ``name`` is the
    program's (the executable run unless another path is given)."""

    name: str

    def __init__(self, executable: str | None = None, run: Runner = run_quietly) -> None:
        self.executable = executable or self.name
        self.run = run

    def command(self, title: str, lines: list[str]) -> list[str]:
        raise NotImplementedError

    def notify(self, title: str, lines: list[str]) -> bool:
        return self.run(self.command(title, lines)) == 0


class NotifySend(CommandNotifier):
    """A freedesktop notification through ``notify-send``."""

    name = "notify-send"

    def command(self, title: str, lines: list[str]) -> list[str]:
        options = [f"--app-name={APP}", "--urgency=normal"]  # not shown: the command's options
        return [self.executable, *options, title, body(lines)]


def _applescript_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Osascript(CommandNotifier):
    """A macOS notification through ``osascript``."""

    name = "osascript"

    def command(self, title: str, lines: list[str]) -> list[str]:
        script = (
            f"display notification {_applescript_text(body(lines))} "  # not shown: AppleScript
            f"with title {_applescript_text(APP)} subtitle {_applescript_text(title)}"
        )
        return [self.executable, "-e", script]


class TextNotifier:
    """The reminders as text on a stream (standard output by default)."""

    name = "text"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def notify(self, title: str, lines: list[str]) -> bool:
        out = self.stream or sys.stdout
        out.write("\n".join([title, *(f"  {line}" for line in lines)]) + "\n")
        return True


class FirstThatWorks:
    """Try each notifier in turn until one delivers (a desktop one, then text)."""

    def __init__(self, *notifiers) -> None:
        self.notifiers = notifiers
        self.used: str | None = None

    @property
    def name(self) -> str:
        return " or ".join(n.name for n in self.notifiers)

    def notify(self, title: str, lines: list[str]) -> bool:
        for notifier in self.notifiers:
            if notifier.notify(title, lines):
                self.used = notifier.name
                return True
        return False


def detect_notifier(
    stream: TextIO | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
) -> FirstThatWorks:
    """The desktop notifier this machine has, if any, falling back to text on ``stream``."""
    found = []
    if platform == "darwin" and which("osascript"):
        found.append(Osascript(which("osascript")))
    elif platform != "win32" and which("notify-send"):
        found.append(NotifySend(which("notify-send")))
    return FirstThatWorks(*found, TextNotifier(stream))
