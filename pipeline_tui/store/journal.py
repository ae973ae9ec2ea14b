"""Undo: what each write changed, row by row, so it can be put back exactly.

A ``Journal`` attached to a store (``Store.journal``, the TUI attaches one when it opens) records
every ``store.session()`` block as one step: the image of each row the block inserted, changed or
deleted, before and after, read from the database itself (every column, ``created_at`` included),
and the rows the database removes or changes with them (``ON DELETE CASCADE`` / ``SET NULL``
children, found by walking the foreign keys of the metadata). It sees the ORM's unit of work
(``session.add``, attribute changes, ``session.delete``) and the ``UPDATE``/``DELETE`` statements a
session executes; a step that ran a bulk ``INSERT`` statement cannot be undone and says so.

``Journal.undo`` puts back the last step in one transaction, on one condition: every row it touched
is still as the step left it. A row changed since (another process wrote) makes the undo refuse
rather than overwrite that change; the step stays on the stack.

The steps live in memory: undo goes back as far as the app was opened, not further.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import SQLModel

from pipeline_tui.errors import NotFound, PipelineError

Key = tuple[str, tuple[Any, ...]]  # (table name, primary-key values)
Row = dict[str, Any]

#: how a table's rows are named in the step's description, first match wins
_NAME_COLUMNS = ("name", "title", "subject", "task", "first_name", "key", "kind", "channel")
_LABELS = {
    "deal_stage_change": "stage change",
    "sequence_enrollment": "enrolment",
    "offboarding_item": "offboarding step",
    "offboarding_template_item": "playbook step",
    "transition_step": "transition step",
    "handover_document": "document",
}


@dataclass
class Change:
    """One row: ``before`` is None when the step inserted it, ``after`` when it deleted it."""

    table: str
    pk: tuple[Any, ...]
    before: Row | None
    after: Row | None = None

    @property
    def verb(self) -> str:
        if self.before is None:
            return "new"
        return "deleted" if self.after is None else "changed"


@dataclass
class Step:
    """What one ``store.session()`` block changed, in the order it changed it."""

    changes: dict[Key, Change] = field(default_factory=dict)
    undoable: bool = True

    def seen(self, table: str, pk: tuple[Any, ...], before: Row | None) -> None:
        """Remember a row's image before the step first touched it (later touches keep it)."""
        self.changes.setdefault((table, pk), Change(table, pk, before))

    @property
    def empty(self) -> bool:
        return all(c.before == c.after for c in self.changes.values())

    def describe(self) -> str:
        """'deleted client "Acme" and 14 rows with it', for the message after an undo."""
        real = [c for c in self.changes.values() if c.before != c.after]
        if not real:
            return "nothing"
        first = real[0]
        image = first.before or first.after or {}
        name = next((image[c] for c in _NAME_COLUMNS if image.get(c)), None)
        what = _LABELS.get(first.table, first.table.replace("_", " "))
        text = f"{first.verb} {what}" + (f" “{name}”" if name else "")
        others = len(real) - 1
        if others:
            text += f" and {others} row{'s' if others > 1 else ''} with it"
        return text


def _table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


def _pk_columns(table: sa.Table) -> list[sa.Column]:
    return list(table.primary_key.columns)


def _where_pk(table: sa.Table, pk: tuple[Any, ...]) -> sa.ColumnElement[bool]:
    return sa.and_(*(c == v for c, v in zip(_pk_columns(table), pk, strict=True)))


def _image(conn: sa.Connection, table: sa.Table, pk: tuple[Any, ...]) -> Row | None:
    row = conn.execute(sa.select(table).where(_where_pk(table, pk))).mappings().first()
    return dict(row) if row is not None else None


def _pk_of(table: sa.Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in _pk_columns(table))


def _dependents(table: sa.Table) -> Iterable[tuple[sa.Table, sa.ForeignKey]]:
    """The foreign keys of other tables onto ``table`` that the database acts on at a delete."""
    for other in SQLModel.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table and (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                yield other, fk


class _Recorder:
    """Fills one step from one session's events."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.step = Step()
        self._expanded: set[Key] = set()  # deleted rows whose dependents were looked at
        event.listen(session, "before_flush", self.before_flush)
        event.listen(session, "after_flush", self.after_flush)
        event.listen(session, "do_orm_execute", self.on_execute)

    def close(self) -> None:
        event.remove(self.session, "before_flush", self.before_flush)
        event.remove(self.session, "after_flush", self.after_flush)
        event.remove(self.session, "do_orm_execute", self.on_execute)

    @property
    def conn(self) -> sa.Connection:
        return self.session.connection()

    def _seen_row(self, table: sa.Table, pk: tuple[Any, ...]) -> None:
        if (table.name, pk) not in self.step.changes:
            self.step.seen(table.name, pk, _image(self.conn, table, pk))

    def _seen_delete(self, table: sa.Table, rows: list[Row]) -> None:
        """Rows about to be deleted, and what the database deletes or nulls with them."""
        for row in rows:
            pk = _pk_of(table, row)
            if (table.name, pk) in self._expanded:
                continue
            self._expanded.add((table.name, pk))
            self.step.seen(table.name, pk, row)
            for child, fk in _dependents(table):
                found = self.conn.execute(
                    sa.select(child).where(fk.parent == row[fk.column.name])
                ).mappings()
                children = [dict(r) for r in found]
                if (fk.ondelete or "").upper() == "CASCADE":
                    self._seen_delete(child, children)
                else:
                    for r in children:
                        self.step.seen(child.name, _pk_of(child, r), r)

    def before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        for obj in session.dirty:
            if session.is_modified(obj, include_collections=False):
                mapper = sa.inspect(obj).mapper
                self._seen_row(mapper.local_table, tuple(mapper.primary_key_from_instance(obj)))
        for obj in session.deleted:
            mapper = sa.inspect(obj).mapper
            table = mapper.local_table
            pk = tuple(mapper.primary_key_from_instance(obj))
            image = _image(self.conn, table, pk)
            if image is not None:
                self._seen_delete(table, [image])

    def after_flush(self, session: Session, _context: Any) -> None:
        for obj in session.new:
            mapper = sa.inspect(obj).mapper
            pk = tuple(mapper.primary_key_from_instance(obj))
            self.step.seen(mapper.local_table.name, pk, None)

    def on_execute(self, state: ORMExecuteState) -> None:
        statement = state.statement
        if state.is_insert:
            self.step.undoable = False
            return
        if not (state.is_update or state.is_delete):
            return
        table = statement.table  # type: ignore[attr-defined]
        if not isinstance(table, sa.Table):
            table = sa.inspect(table).local_table
        query = sa.select(table)
        if statement.whereclause is not None:  # type: ignore[attr-defined]
            query = query.where(statement.whereclause)  # type: ignore[attr-defined]
        rows = [dict(r) for r in self.conn.execute(query).mappings()]
        if state.is_delete:
            self._seen_delete(table, rows)
        else:
            for row in rows:
                self._seen_row(table, _pk_of(table, row))

    def finish(self) -> Step:
        """After the block's last flush: the image of every touched row as the step leaves it."""
        self.session.flush()
        for (name, pk), change in self.step.changes.items():
            change.after = _image(self.conn, _table(name), pk)
        return self.step


class Journal:
    """The undo stack of one app run (thread-safe: services run in worker threads)."""

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._steps)

    def record(self, session: Session) -> _Recorder:
        return _Recorder(session)

    def push(self, step: Step) -> None:
        if not step.empty:
            with self._lock:
                self._steps.append(step)

    def undo(self, store: Any) -> str:
        """Put back the last step in one transaction; its description, for the message."""
        with self._lock:
            if not self._steps:
                raise NotFound("nothing to undo")
            step = self._steps[-1]
        if not step.undoable:
            with self._lock:
                self._steps.pop()
            raise PipelineError(f"{step.describe()} cannot be undone (a bulk write)")
        with store.connection() as conn:
            _check_unchanged(conn, step)
            _put_back(conn, step)
        with self._lock:
            self._steps.pop()
        return step.describe()


def _check_unchanged(conn: sa.Connection, step: Step) -> None:
    for (name, pk), change in step.changes.items():
        if _image(conn, _table(name), pk) != change.after:
            raise PipelineError(
                f"cannot undo {step.describe()}: it was changed since (by another window or "
                "command); nothing was undone"
            )


def _order(name: str) -> int:
    """Parents before children: the metadata's dependency order."""
    return [t.name for t in SQLModel.metadata.sorted_tables].index(name)


def _put_back(conn: sa.Connection, step: Step) -> None:
    """Inserted rows out (children first), deleted rows back (parents first, with their ids: on
    PostgreSQL the id sequences stay ahead of them), then every changed row to its image before
    the step."""
    changes = list(step.changes.values())
    inserted = [c for c in changes if c.before is None and c.after is not None]
    deleted = [c for c in changes if c.before is not None and c.after is None]
    changed = [c for c in changes if c.before is not None and c.after is not None]
    for c in sorted(inserted, key=lambda c: _order(c.table), reverse=True):
        table = _table(c.table)
        conn.execute(sa.delete(table).where(_where_pk(table, c.pk)))
    for c in sorted(deleted, key=lambda c: _order(c.table)):
        conn.execute(sa.insert(_table(c.table)).values(**c.before))  # type: ignore[arg-type]
    for c in changed:
        if c.before != c.after:
            table = _table(c.table)
            values = c.before or {}
            conn.execute(sa.update(table).where(_where_pk(table, c.pk)).values(**values))
