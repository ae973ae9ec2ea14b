"""Run-time configuration: where the database is and what "today" is. Created once, passed down.

User-tunable numbers (stage probabilities, risk weights, currency) live in the database's
``setting`` table so that they travel with the data; see ``services.settings``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline_tui.domain.years import check_in_years

APP_NAME = "pipeline-tui"
DB_ENV = "PIPELINE_TUI_DB"
BUSY_TIMEOUT_ENV = "PIPELINE_TUI_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def to_url(db: str | os.PathLike[str] | None) -> str:
    """Turn ``--db`` (a path or a database URL) into a SQLAlchemy URL.

    ``None`` means ``$PIPELINE_TUI_DB``, then ``pipeline.db`` in the user data directory.
    """
    if db is None:
        db = os.environ.get(DB_ENV) or None
    if db is None:
        return f"sqlite:///{default_data_dir() / 'pipeline.db'}"
    text = os.fspath(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().absolute()}"


def busy_timeout_ms() -> int:
    raw = os.environ.get(BUSY_TIMEOUT_ENV)
    try:
        return max(0, int(raw)) if raw else DEFAULT_BUSY_TIMEOUT_MS
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


@dataclass(frozen=True)
class Config:
    """Everything a command or the TUI needs to know about its run."""

    db_url: str
    today: date = field(default_factory=date.today)
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
    # ``--lang``: the language asked for on the command line (None: the setting, then LANG).
    lang: str | None = None

    @classmethod
    def from_options(cls, db: str | None, today: date | None, lang: str | None = None) -> Config:
        return cls(
            db_url=to_url(db),
            today=today or date.today(),
            busy_timeout_ms=busy_timeout_ms(),
            lang=lang,
        )

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, when the URL is a SQLite file (not memory, not a server)."""
        prefix = "sqlite:///"
        if not self.db_url.startswith(prefix):
            return None
        rest = self.db_url[len(prefix) :].split("?", 1)[0]
        if rest in ("", ":memory:"):
            return None
        return Path(rest)


def check_today(day: date) -> date:
    """``day`` if it can be "today" (``domain.years``), else ValueError worded for the user."""
    return check_in_years(day, "--today")
