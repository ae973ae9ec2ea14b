"""Plain helpers used by several test layers (no fixtures: those are in the conftests).

LinkedIn-style files, row counts, a store at a path, a separate CLI process, the demo's story
(``Demo``), a client with a running mission, and the small apps that host one screen.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from textual.app import App

from pipeline_tui.config import Config
from pipeline_tui.demo import DemoSummary
from pipeline_tui.services import clients, missions
from pipeline_tui.services.clients import find_client
from pipeline_tui.services.missions import list_missions
from pipeline_tui.services.offboarding import EndedMission
from pipeline_tui.store.database import Store, open_store
from pipeline_tui.store.models import Mission
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.offboarding import EndMissionScreen, OffboardingScreen
from tests.conftest import TODAY

MONDAY: date = TODAY - timedelta(days=TODAY.weekday())
"""The Monday of TODAY's ISO week (2026-11-23)."""


def open_at(path: Path) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline_tui ARGS`` as a separate process (for sys.modules, locks…)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("PIPELINE_TUI_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "pipeline_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def counts(db_path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 (as any SQLite tool would)."""
    with sqlite3.connect(db_path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


# --- LinkedIn's Connections.csv ------------------------------------------------------------------

LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
# What LinkedIn writes before the header of Connections.csv.
LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address using this setting"\r\n'
    "\r\n"
)


def linkedin_bytes(rows: Sequence[Sequence[str]], *, preamble: bool = True) -> bytes:
    """A Connections.csv as LinkedIn writes it: BOM, Notes preamble, CRLF, quotes where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINKEDIN_HEADER)
    writer.writerows(rows)
    text = (LINKEDIN_PREAMBLE if preamble else "") + out.getvalue()
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def write_linkedin(path: Path, rows: Sequence[Sequence[str]], **kwargs) -> Path:
    path.write_bytes(linkedin_bytes(rows, **kwargs))
    return path


def first_data_line(preamble: bool = True) -> int:
    """The line of the first connection: Notes, the quoted note, a blank line, the header."""
    return 5 if preamble else 2


# --- the demo's story, and small stores ----------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """The small demo in a store of the test's own (the ``demo`` fixture), and its story's names."""

    store: Store
    config: Config
    summary: DemoSummary
    today: date

    def client_id(self, name: str) -> int:
        client_id = find_client(self.store, name).id
        assert client_id is not None
        return client_id

    def running_mission(self, client_name: str) -> Mission:
        (mission,) = [
            m
            for m in list_missions(self.store, self.client_id(client_name))
            if m.actual_end_on is None
        ]
        return mission


def add_active_client(store: Store, name: str, day_rate_cents: int, days: float):
    client = clients.add_client(store, name)
    missions.add_mission(
        store,
        client.id,
        f"Mission {name}",
        TODAY - timedelta(days=120),
        day_rate_cents=day_rate_cents,
        days_per_month=days,
    )
    return client


# --- apps that host one screen, for Pilot and snapshot tests -------------------------------------


class TransferHost(App[None]):
    """Just enough app to push the import/export screen and keep what it dismissed with."""

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.dismissed: list[bool] = []

    def on_mount(self) -> None:
        from pipeline_tui.tui.screens.transfer import TransferScreen

        context = TuiContext(self.config, self.store)
        self.push_screen(TransferScreen(context), self.dismissed.append)


class OffboardingTestApp(App[None]):
    """Opens the end-mission form (``mission_id``), then the offboarding it opened; or directly
    the offboarding screen."""

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        mission_id: int | None = None,
        offboarding_id: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.context = TuiContext(config, store)
        self.mission_id = mission_id
        self.offboarding_id = offboarding_id
        self.ended: EndedMission | None = None
        self.changes: list[int] = []

    def on_mount(self) -> None:
        if self.mission_id is not None:
            self.push_screen(EndMissionScreen(self.context, self.mission_id), self._ended)
        else:
            self.push_screen(OffboardingScreen(self.context, self.offboarding_id))

    def _ended(self, result: EndedMission | None) -> None:
        self.ended = result
        if result is not None:
            self.push_screen(OffboardingScreen(self.context, result.offboarding_id))

    def on_offboarding_screen_changed(self, message: OffboardingScreen.Changed) -> None:
        self.changes.append(message.offboarding_id)


def log_lines(config, client: str, n: int, each: int, errors: list[str]) -> None:
    """One writer of a concurrency test: ``each`` log lines about ``client`` through a store of
    its own, every refusal recorded in ``errors`` (whatever its kind)."""
    from pipeline_tui.services import quicklog
    from pipeline_tui.store.database import open_store

    store = open_store(config)
    try:
        for i in range(each):
            try:
                quicklog.log_text(store, f"call {client} outcome:w{n}-{i}", config.today)
            except Exception as exc:
                errors.append(repr(exc)[:200])
    finally:
        store.close()
