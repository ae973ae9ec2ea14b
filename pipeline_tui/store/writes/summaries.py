"""The deals' summary columns: what the dashboard reads of years of history, kept exact.

A deal's ``last_done_on`` (its latest done activity), ``last_moved_on`` / ``first_moved_on`` (its
latest and earliest stage change), ``won_on`` (its latest change to "won"), ``last_to_stage`` (the
stage its latest change went to: the latest date, then the latest row), ``highest_open_stage``
(the highest open stage its history names, as ``from_stage`` or ``to_stage``) and
``won_cycle_days`` (for a won deal, the days from its first entry to its win, as
``domain.conversion`` counts them) are derived from the ``activity`` and ``deal_stage_change``
rows. This module is the one place that computes them:

- :func:`refresh_deals` recomputes the columns of some deals (or all) from their history, with
  two set-based ``UPDATE`` statements, inside the caller's transaction;
- :func:`track` watches a session (``Store.session`` does it for every write block): the deals
  whose activities, stage changes or own dates it inserts, changes or deletes, through the ORM
  or through an ``UPDATE``/``DELETE`` statement; ``Tracker.refresh`` refreshes them before the
  commit, so every use-case keeps them exact without knowing of them;
- the bulk writers (imports, the demo, a restore) call :func:`refresh_deals` at their end for the
  deals they wrote;
- :func:`drift` compares the stored columns with a recomputation (``pipeline-tui db check``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.store.models import Activity, Deal, DealStageChange
from pipeline_tui.store.queries.sql import literal, open_index

IDS_PER_STATEMENT = 5000  # under every driver's limit on parameters

_STAGE_AT = " ".join(f"WHEN {i} THEN {literal(s)}" for i, s in enumerate(OPEN_STAGES))
_TOP_TO = f"max({open_index('c.to_stage')})"
_TOP_FROM = f"max({open_index('c.from_stage')})"

_CHANGES = "FROM deal_stage_change c WHERE c.deal_id = deal.id"

# Each summary column as a correlated subquery on the history of the deal of the row
# (``deal.id``); both SQLite and PostgreSQL answer each with an index seek.
HISTORY: dict[str, str] = {
    "last_done_on": (
        "(SELECT max(a.done_on) FROM activity a WHERE a.deal_id = deal.id"
        " AND a.done_on IS NOT NULL)"
    ),
    "last_moved_on": f"(SELECT max(c.changed_on) {_CHANGES})",
    "first_moved_on": f"(SELECT min(c.changed_on) {_CHANGES})",
    "won_on": f"(SELECT max(c.changed_on) {_CHANGES} AND c.to_stage = 'won')",
    "last_to_stage": (
        f"(SELECT c.to_stage {_CHANGES} ORDER BY c.changed_on DESC, c.id DESC LIMIT 1)"
    ),
    "highest_open_stage": (
        f"(SELECT CASE CASE WHEN coalesce({_TOP_TO}, -1) >= coalesce({_TOP_FROM}, -1)"
        f" THEN {_TOP_TO} ELSE {_TOP_FROM} END {_STAGE_AT} END {_CHANGES})"
    ),
}
COLUMNS = (*HISTORY, "won_cycle_days")


def _days(dialect: str, end: str, start: str) -> str:
    if dialect == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def cycle_days_sql(dialect: str, first_moved_on: str, won_on: str) -> str:
    """A won deal's cycle (``domain.conversion._cycle_span``): from its first entry (its first
    change, or its creation when earlier) to its win (its last change to won, else its closing
    day), never negative; NULL for a deal not won or without an end."""
    start = (
        f"CASE WHEN {first_moved_on} IS NOT NULL AND {first_moved_on} < deal.created_on"
        f" THEN {first_moved_on} ELSE deal.created_on END"
    )
    span = _days(dialect, f"coalesce({won_on}, deal.closed_on)", start)
    return (
        f"CASE WHEN deal.stage = 'won' AND coalesce({won_on}, deal.closed_on) IS NOT NULL"
        f" THEN CASE WHEN {span} < 0 THEN 0 ELSE {span} END END"
    )


def _deal_table() -> sa.Table:
    return Deal.__table__  # type: ignore[attr-defined,no-any-return]


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted({i for i in ids if i is not None})
    for start in range(0, len(ordered), IDS_PER_STATEMENT):
        yield ordered[start : start + IDS_PER_STATEMENT]


def refresh_deals(db: Session | sa.Connection, deal_ids: Iterable[int] | None = None) -> None:
    """Recompute the summary columns of these deals (None: of every deal) from their history,
    inside the caller's transaction. Through a session, the statements are the session's own
    (the undo journal sees the rows they change)."""
    deal = _deal_table()
    dialect = db.get_bind().dialect.name if isinstance(db, Session) else db.dialect.name
    from_history = {name: sa.literal_column(sql) for name, sql in HISTORY.items()}
    cycle_sql = cycle_days_sql(dialect, "first_moved_on", "won_on")
    cycle = {"won_cycle_days": sa.literal_column(cycle_sql)}
    if deal_ids is None:
        db.execute(sa.update(deal).values(from_history))
        db.execute(sa.update(deal).values(cycle))
        return
    for chunk in _chunks(deal_ids):
        db.execute(sa.update(deal).where(deal.c.id.in_(chunk)).values(from_history))
        db.execute(sa.update(deal).where(deal.c.id.in_(chunk)).values(cycle))


@dataclass
class Drift:
    """Deals whose stored summary differs from their history, per column."""

    deals: int = 0
    by_column: dict[str, list[int]] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.by_column

    def lines(self, shown: int = 5) -> list[str]:
        """One line per column that drifted: how many deals, and the first ids."""
        out = []
        for name, ids in self.by_column.items():
            first = ", ".join(f"#{i}" for i in ids[:shown])
            more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
            noun = "deal" if len(ids) == 1 else "deals"
            out.append(f"deal.{name} differs from the history on {len(ids)} {noun}: {first}{more}")
        return out


def drift(conn: sa.Connection) -> Drift:
    """Compare every deal's stored summary with a recomputation from its history."""
    recomputed = dict(HISTORY)
    recomputed["won_cycle_days"] = cycle_days_sql(
        conn.dialect.name, HISTORY["first_moved_on"], HISTORY["won_on"]
    )
    stored = ", ".join(COLUMNS)
    fresh = ", ".join(recomputed[name] for name in COLUMNS)
    rows = conn.execute(sa.text(f"SELECT id, {stored}, {fresh} FROM deal ORDER BY id"))
    found = Drift()
    width = len(COLUMNS)
    for row in rows:
        found.deals += 1
        for i, name in enumerate(COLUMNS):
            if row[1 + i] != row[1 + width + i]:
                found.by_column.setdefault(name, []).append(row[0])
    return found


@dataclass
class Tracker:
    """The deals a session's writes touched (:func:`track`)."""

    session: Session
    deal_ids: set[int] = field(default_factory=set)
    every_deal: bool = False

    def before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Activity | DealStageChange):
                history = sa.inspect(obj).attrs.deal_id.history
                self.deal_ids.update(i for i in (obj.deal_id, *history.deleted) if i)
            elif isinstance(obj, Deal) and obj.id is not None and obj not in session.deleted:
                self.deal_ids.add(obj.id)  # its stage and dates make its cycle

    def on_execute(self, state: ORMExecuteState) -> None:
        if not (state.is_update or state.is_delete):
            return
        table = state.statement.table  # type: ignore[attr-defined]
        if not isinstance(table, sa.Table):
            table = sa.inspect(table).local_table
        if table.name not in ("activity", "deal_stage_change"):
            return
        query = sa.select(table.c.deal_id).where(table.c.deal_id.is_not(None))
        where = state.statement.whereclause  # type: ignore[attr-defined]
        if where is not None:
            query = query.where(where)
        self.deal_ids.update(state.session.connection().execute(query).scalars())
        values = getattr(state.statement, "_values", None) or {}
        if state.is_update and "deal_id" in {getattr(k, "key", k) for k in values}:
            self.every_deal = True  # a statement relinking rows: their new deals are unknown

    def refresh(self) -> None:
        """Flush, then recompute the touched deals' summaries (before the commit)."""
        self.session.flush()
        if self.every_deal:
            refresh_deals(self.session)
        elif self.deal_ids:
            refresh_deals(self.session, self.deal_ids)
        self.deal_ids.clear()
        self.every_deal = False

    def close(self) -> None:
        event.remove(self.session, "before_flush", self.before_flush)
        event.remove(self.session, "do_orm_execute", self.on_execute)


def track(session: Session) -> Tracker:
    """Watch ``session`` for writes that change the deals' summaries."""
    tracker = Tracker(session)
    event.listen(session, "before_flush", tracker.before_flush)
    event.listen(session, "do_orm_execute", tracker.on_execute)
    return tracker
