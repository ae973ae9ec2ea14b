"""The demo's rows: plain dicts per table, numbered 1, 2, 3… as the generator adds them (the ids
they get in the empty database), and what ``build_demo`` reports it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from pipeline_tui.store.tables import blank_row, model_tables


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote: rows per table, and the names the demo's story is about."""

    clients: int
    contacts: int
    missions: int
    deals: int
    stage_changes: int
    activities: int
    signals: int
    surveys: int
    cadences: int
    sequences: int
    sequence_steps: int
    enrollments: int
    offboardings: int
    offboarding_items: int
    at_risk_client: str
    former_client: str


_BLANKS = {t.name: blank_row(t) for t in model_tables()}


def at(day: date, n: int = 0) -> datetime:
    """A ``created_at`` stamp on ``day`` between 08:00 and 18:00 UTC, derived from ``n``."""
    return datetime.combine(day, time(8), tzinfo=UTC) + timedelta(minutes=(n * 7) % 600)


class Rows:
    """Rows per table with ids 1..n, every column given (its default when left out); foreign
    keys hold these ids."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[dict]] = {name: [] for name in _BLANKS}

    def add(self, table: str, **values: object) -> int:
        rows = self.by_table[table]
        row = _BLANKS[table].copy()
        row.update(values)
        if len(row) != len(_BLANKS[table]):
            raise KeyError(f"unknown columns for {table}: {set(row) - set(_BLANKS[table])}")
        row["id"] = len(rows) + 1
        rows.append(row)
        return row["id"]

    def count(self, table: str) -> int:
        return len(self.by_table[table])
