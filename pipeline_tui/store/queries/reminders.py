"""What ``remind`` said before: today's reminders, and the lasting ones not cleared."""

from __future__ import annotations

from datetime import date

from pipeline_tui.store.reader import Reader


def said_today(q: Reader, day: date) -> set[tuple[str, str]]:
    """(kind, key) of every reminder said on ``day``."""
    rows = q.rows("SELECT kind, key FROM reminder_sent WHERE day = :day", {"day": day})
    return {(kind, key) for kind, key in rows}


def open_lasting(q: Reader, kinds: tuple[str, ...]) -> set[tuple[str, str]]:
    """(kind, key) of the lasting reminders said and not cleared (their state still holds)."""
    rows = q.rows(
        "SELECT kind, key FROM reminder_sent WHERE cleared_on IS NULL AND kind IN :kinds",
        {"kinds": kinds},
    )
    return {(kind, key) for kind, key in rows}


def count_said(q: Reader) -> int:
    return q.rows("SELECT count(*) FROM reminder_sent")[0][0]
