"""Opening the TUI, the daily use, without loading click and the command modules first.

``pipeline-tui`` alone, or with only ``--db``, ``--today`` and ``--lang``, opens the TUI: those are
read here and the app starts at once. Anything else (a command, ``--help``, ``--version``, a
repeated or malformed option) goes to the click group in ``base``, which gives the same result for
these two options and words every error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pipeline_tui.config import check_today
from pipeline_tui.i18n.core import language_of

OPTIONS = ("--db", "--today", "--lang")


def tui_options(argv: Sequence[str]) -> tuple[str | None, date | None, str | None] | None:
    """(db, today, lang) when ``argv`` only opens the TUI with those options, else None."""
    values: dict[str, str] = {}
    args = list(argv)
    while args:
        name, equals, value = args.pop(0).partition("=")
        if name not in OPTIONS or name in values:
            return None
        if not equals:
            if not args:
                return None
            value = args.pop(0)
        values[name] = value
    today = values.get("--today")
    try:
        day = check_today(date.fromisoformat(today)) if today is not None else None
    except ValueError:
        return None  # click says what is wrong with it
    lang = values.get("--lang")
    if lang is not None and language_of(lang) != lang.lower():
        return None  # not a language: click says which there are
    return values.get("--db"), day, lang.lower() if lang else None


def run_tui(db: str | None, today: date | None, lang: str | None = None) -> int:
    """Open the TUI with these options; the exit code (``tui.launch.open_tui``)."""
    from pipeline_tui.config import Config
    from pipeline_tui.tui.launch import open_tui

    return open_tui(Config.from_options(db, today, lang))
