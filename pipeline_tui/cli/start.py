"""Opening the TUI, the daily use, without loading click and the command modules first.

``pipeline-tui`` alone, or with only ``--db`` and ``--today``, opens the TUI: those two options are
read here and the app starts at once. Anything else (a command, ``--help``, ``--version``, a
repeated or malformed option) goes to the click group in ``base``, which gives the same result for
these two options and words every error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pipeline_tui.config import check_today

OPTIONS = ("--db", "--today")


def tui_options(argv: Sequence[str]) -> tuple[str | None, date | None] | None:
    """(db, today) when ``argv`` only opens the TUI with those options, else None."""
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
    return values.get("--db"), day


def run_tui(db: str | None, today: date | None) -> int:
    """Open the TUI with these options; the exit code (``tui.launch.open_tui``)."""
    from pipeline_tui.config import Config
    from pipeline_tui.tui.launch import open_tui

    return open_tui(Config.from_options(db, today))
