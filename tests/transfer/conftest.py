"""Fixtures of the import/export tests: a demo database to copy, LinkedIn-style files, counts."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from textual.app import App

from pipeline_tui.config import Config
from pipeline_tui.services.demo import build_demo
from pipeline_tui.store.database import Store, open_store
from tests.conftest import TODAY

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


def open_at(path: Path) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("transfer-demo") / "demo.db"
    store = open_at(path)
    build_demo(store, today=TODAY, seed=42)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    store = open_at(demo_db)
    yield store
    store.close()


class TransferHost(App[None]):
    """Just enough app to push the import/export screen and keep what it dismissed with."""

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.dismissed: list[bool] = []

    def on_mount(self) -> None:
        from pipeline_tui.tui.context import TuiContext
        from pipeline_tui.tui.screens.transfer import TransferScreen

        context = TuiContext(self.config, self.store)
        self.push_screen(TransferScreen(context), self.dismissed.append)
