"""Installing the reminders' schedule (``domain.schedule``) in the user's config directories, and
removing exactly what was installed.

Where: ``$XDG_CONFIG_HOME`` (default ``$HOME/.config``) ``/systemd/user`` for systemd units,
``$HOME/Library/LaunchAgents`` for launchd agents, ``$XDG_CONFIG_HOME/pipeline-tui`` for the
crontab lines and for ``reminders-installed.json``: the list of every file, link and directory
written, which ``uninstall`` removes (and nothing else). Nothing is written unless asked.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline_tui.domain.schedule import Schedule, describe, plan_schedule, system_for
from pipeline_tui.domain.settings import time_of_day
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.settings import read_settings

MANIFEST = "reminders-installed.json"


@dataclass(frozen=True)
class Places:
    home: Path
    config: Path  # $XDG_CONFIG_HOME or ~/.config

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Places:
        env = os.environ if env is None else env
        home = Path(env.get("HOME") or Path.home())
        config = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
        return cls(home, config)

    def where(self) -> dict[str, str]:
        return {
            "systemd": str(self.config / "systemd" / "user"),
            "launchd": str(self.home / "Library" / "LaunchAgents"),  # not shown: a macOS folder
            "config": str(self.config / "pipeline-tui"),
        }

    @property
    def manifest(self) -> Path:
        return self.config / "pipeline-tui" / MANIFEST


def remind_command(db_option: str | None) -> list[str]:
    """How the timer runs this program: this Python, on the same database when one was named."""
    command = [sys.executable, "-m", "pipeline_tui"]
    return [*command, "--db", db_option] if db_option else command


def schedule_for(
    source, command: list[str], *, platform: str = sys.platform, has_systemd: bool | None = None
) -> Schedule:
    """The schedule on this machine: the digest at the ``reminder_time`` setting."""
    with source.read() as q:
        hour, minute = time_of_day(read_settings(q).reminder_time)
    if has_systemd is None:
        has_systemd = shutil.which("systemctl") is not None
    return plan_schedule(system_for(platform, has_systemd), command, hour, minute)


def show(schedule: Schedule, places: Places) -> str:
    return describe(schedule, places.where())


def _created_dirs(path: Path, stop: Path) -> list[Path]:
    """The directories of ``path`` to create, outermost first (up to an existing one)."""
    missing = []
    for parent in path.parents:
        if parent.exists() or parent == stop.parent:
            break
        missing.append(parent)
    return list(reversed(missing))


def install(schedule: Schedule, places: Places) -> list[Path]:
    """Write the schedule's files and links, and the manifest of what was written; the paths.
    A file already there that we did not install is not overwritten (InvalidInput)."""
    if places.manifest.exists():
        raise InvalidInput(
            _(
                "the reminders are already installed; "
                "remove them first: pipeline-tui remind --uninstall"
            )
        )
    where = {k: Path(v) for k, v in places.where().items()}
    targets = [where[f.place] / f.name for f in schedule.files]
    targets += [where[link.place] / link.name for link in schedule.links]
    for target in targets:
        if target.exists() or target.is_symlink():
            raise InvalidInput(_("{path} already exists; not overwriting it").format(path=target))
    dirs: list[Path] = []
    for target in [*targets, places.manifest]:
        for d in _created_dirs(target, places.home):
            if d not in dirs:
                dirs.append(d)
            d.mkdir(exist_ok=True)
    written: list[Path] = []
    for f in schedule.files:
        path = where[f.place] / f.name
        path.write_text(f.text, encoding="utf-8")
        written.append(path)
    for link in schedule.links:
        path = where[link.place] / link.name
        path.symlink_to(link.target)
        written.append(path)
    record = {
        "system": schedule.system,
        "files": [str(p) for p in written],
        "directories": [str(d) for d in dirs],
    }
    places.manifest.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return written


def uninstall(places: Places) -> list[Path]:
    """Remove what ``install`` wrote (the manifest says what), then the manifest, then the
    directories it created if they are empty; the paths removed. Nothing installed: []."""
    if not places.manifest.exists():
        return []
    record = json.loads(places.manifest.read_text(encoding="utf-8"))
    removed = []
    for name in record.get("files", []):
        path = Path(name)
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    places.manifest.unlink()
    removed.append(places.manifest)
    for name in reversed(record.get("directories", [])):
        path = Path(name)
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
