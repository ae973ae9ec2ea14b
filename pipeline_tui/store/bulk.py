"""The bulk writer: thousands of new rows in one executemany per table, for the imports and the
demo.

- ``BulkWriter`` gathers rows whose ids the database gives (an import), with placeholders that
  other rows can point at before the real ids exist;
- ``insert_with_ids`` writes rows that carry their own ids (the demo, numbered 1, 2, 3… in an
  empty database; a restored export);
- ``insert_many`` is what both run: ``conn.execute(t.insert(), rows)``, several times faster.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from pipeline_tui.store.dialect import reset_id_sequences
from pipeline_tui.store.tables import column_default, model_tables, natural_key
from pipeline_tui.store.writes.summaries import refresh_deals


class BulkWriter:
    """New rows gathered per table and written with one executemany per table on ``flush``.

    ``add`` returns a negative placeholder id that other rows can use as a foreign key before the
    real id exists; ``flush`` inserts in dependency order and swaps placeholders for the ids the
    database returned. Only the tables named in ``ids_for`` ask for their new ids (``RETURNING``);
    the others are written with a plain executemany, several times faster. Without a connection
    (a dry run) nothing is written and placeholders stay.
    """

    def __init__(self, conn: sa.Connection | None, *, ids_for: tuple[str, ...] = ()) -> None:
        self.conn = conn
        self.ids_for = frozenset(ids_for)
        self.created: Counter[str] = Counter()
        self.ids: dict[int, int] = {}
        self._pending: dict[str, list[tuple[int, dict]]] = defaultdict(list)
        self._next = -1
        self.deal_ids: set[int] = set()  # the deals whose history was written (their summaries)

    def add(self, table_name: str, values: dict) -> int:
        placeholder = self._next
        self._next -= 1
        self._pending[table_name].append((placeholder, values))
        self.created[table_name] += 1
        return placeholder

    def real_id(self, row_id: int | None) -> int | None:
        """The database id of a row, given either its id or its placeholder."""
        if row_id is None or row_id > 0:
            return row_id
        return self.ids.get(row_id, row_id)

    def flush(self) -> None:
        if self.conn is None:
            self._pending.clear()
            return
        for t in model_tables():
            pending = self._pending.pop(t.name, None)
            if not pending:
                continue
            foreign = [c.name for c in t.columns if c.foreign_keys]
            # executemany needs the same keys in every row: fill the gaps with column defaults.
            keys = {key for _, values in pending for key in values}
            blanks = {c.name: column_default(c) for c in t.columns if c.name in keys}
            params = []
            for _, values in pending:
                row = {**blanks, **values}
                for name in foreign:
                    if name in row:
                        row[name] = self.real_id(row[name])
                        if row[name] is not None and row[name] < 0:
                            raise AssertionError(f"{t.name}.{name} refers to a row without id")
                params.append(row)
            self.deal_ids.update(summarised_deals(t.name, params))
            key = natural_key(t) if t.name in self.ids_for else None
            if t.name in self.ids_for and key is None:
                stmt = t.insert().returning(t.c.id, sort_by_parameter_order=True)
                new_ids = self.conn.execute(stmt, params).scalars().all()
                for (placeholder, _), new_id in zip(pending, new_ids, strict=True):
                    self.ids[placeholder] = new_id
                if t.name == "deal":
                    self.deal_ids.update(new_ids)
                continue
            insert_many(self.conn, t, params)
            if key is not None:
                # The new rows' ids, by their unique key (one indexed query per 500 rows).
                keys = [row[key] for row in params]
                found: dict[object, int] = {}
                for start in range(0, len(keys), 500):
                    chunk = keys[start : start + 500]
                    query = sa.select(t.c[key], t.c.id).where(t.c[key].in_(chunk))
                    found.update((k, i) for k, i in self.conn.execute(query))
                for (placeholder, _), value in zip(pending, keys, strict=True):
                    self.ids[placeholder] = found[value]


def summarised_deals(table_name: str, rows: Iterable[Mapping[str, Any]]) -> set[int]:
    """The deals whose summary (``store.writes.summaries``) these new rows change."""
    if table_name == "deal":
        return {row["id"] for row in rows if row.get("id") is not None}
    if table_name in ("activity", "deal_stage_change"):
        return {row["deal_id"] for row in rows if row.get("deal_id") is not None}
    return set()


def insert_many(conn: sa.Connection, t: sa.Table, rows: list[dict]) -> None:
    """``conn.execute(t.insert(), rows)``, several times faster for thousands of rows: the
    statement is compiled once, each column's bind processing (dates, UTC timestamps) is applied
    in one pass, and the driver's executemany gets plain tuples. Every row has the same keys."""
    names = list(rows[0])
    missing = [c for c in t.columns if c.name not in rows[0] and c.default is not None]
    if any(not c.default.is_scalar for c in missing):
        conn.execute(t.insert(), rows)  # a default computed per row: let SQLAlchemy do it
        return
    constants = {c.name: c.default.arg for c in missing}
    columns = [*names, *constants]
    compiled = t.insert().compile(dialect=conn.dialect, column_keys=columns)
    order = list(compiled.positiontup or []) if compiled.positional else columns
    # Each row as a list in ``columns`` order, the constants appended; then the columns that
    # need it bound, column by column.
    tail = list(constants.values())
    get = _getter(names)
    lists = [[*get(row), *tail] for row in rows]
    dialect = conn.dialect
    for i, name in enumerate(columns):
        process = t.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            _bind_column(lists, i, process)
    if compiled.positional and order == columns:
        params: list = list(map(tuple, lists))  # already in the statement's order
    elif compiled.positional:
        pick = _getter([columns.index(name) for name in order])
        params = [pick(values) for values in lists]
    else:
        params = [dict(zip(columns, values, strict=True)) for values in lists]
    conn.exec_driver_sql(compiled.string, params)


def _bind_column(lists: list[list], i: int, process: Callable[[Any], Any]) -> None:
    """Apply ``process`` to column ``i`` of every row, once per distinct value (an import's rows
    share their timestamp, their dates, their flags)."""
    done: dict[tuple[type, Any], Any] = {}
    for values in lists:
        raw = values[i]
        if raw is None:
            continue
        key = (type(raw), raw)  # True and 1 are equal, but not bound alike
        try:
            values[i] = done[key]
        except KeyError:
            values[i] = done[key] = process(raw)
        except TypeError:  # unhashable: bind it as it is
            values[i] = process(raw)


def _getter(keys: list) -> Callable[[Any], tuple]:
    """``itemgetter(*keys)``, always giving a tuple (one key included)."""
    if len(keys) == 1:
        key = keys[0]
        return lambda item: (item[key],)
    return itemgetter(*keys)


def insert_with_ids(conn: sa.Connection, rows_by_table: Mapping[str, Sequence[dict]]) -> None:
    """Rows that carry their own ids, every table in dependency order (the rows of a table all
    have the same keys, ``id`` included); on PostgreSQL the id sequences of the tables written
    then move past the largest id, so that the next row added gets a new one."""
    written = []
    deal_ids: set[int] = set()
    for t in model_tables():
        rows = rows_by_table.get(t.name)
        if rows:
            insert_many(conn, t, list(rows))
            written.append(t)
            deal_ids |= summarised_deals(t.name, rows)
    reset_id_sequences(conn, written)
    refresh_deals(conn, deal_ids)


class RowsDoNotFit(Exception):
    """Rows that break a rule of the schema (a foreign key to nothing, an id given twice…); the
    message is the database's."""


@contextmanager
def rows_must_fit() -> Iterator[None]:
    """Turns the database's refusal of rows that do not fit together into ``RowsDoNotFit``
    (around the transaction: the refusal may come with the commit)."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        raise RowsDoNotFit(str(exc.orig)) from exc
