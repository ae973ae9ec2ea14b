"""The tables of the models as data: their order, their values as text, and bulk writing.

Everything here is derived from the SQLModel metadata, so a table or column added to the models is
exported, imported and counted without touching this package.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from functools import cache

import sqlalchemy as sa

from pipeline_tui.store.models import ALL_TABLES, SQLModel


@cache
def model_tables() -> tuple[sa.Table, ...]:
    """Every table of the models, each after the tables it refers to (the order to insert in)."""
    wanted = {model.__table__ for model in ALL_TABLES}
    return tuple(t for t in SQLModel.metadata.sorted_tables if t in wanted)


def table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


def python_type(column: sa.Column) -> type:
    """int, float, bool, str, date or datetime: what a column holds in Python."""
    column_type = column.type
    while isinstance(column_type, sa.types.TypeDecorator):  # AutoString, UTCDateTime…
        column_type = column_type.impl_instance
    try:
        kind = column_type.python_type
    except NotImplementedError:  # pragma: no cover - every model column has one today
        return str
    if issubclass(kind, datetime):
        return datetime
    if issubclass(kind, bool):
        return bool
    return kind


def row_counts(conn: sa.Connection) -> dict[str, int]:
    return {
        t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
        for t in model_tables()
    }


def nonempty_tables(conn: sa.Connection) -> list[str]:
    """The tables that hold at least one row, with their counts, e.g. ``["client: 8"]``."""
    found = []
    for t in model_tables():
        if conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first():
            n = conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            found.append(f"{t.name.replace('_', ' ')}: {n}")
    return found


def to_text(column: sa.Column, value: object) -> object:
    """A stored value as JSON holds it: dates and timestamps as ISO 8601 text, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_text(column: sa.Column, value: object) -> object:
    """The inverse of ``to_text``, checking the type; ValueError says what is wrong."""
    if value is None:
        return None
    kind = python_type(column)
    if kind is datetime:
        if not isinstance(value, str):
            raise ValueError(f"{column.name}: {value!r} is not a timestamp")
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            raise ValueError(f"{column.name}: {value!r} has no time zone")
        return stamp
    if kind is date:
        if not isinstance(value, str):
            raise ValueError(f"{column.name}: {value!r} is not a date")
        return date.fromisoformat(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{column.name}: {value!r} is not true or false")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{column.name}: {value!r} is not a whole number")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{column.name}: {value!r} is not a number")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{column.name}: {value!r} is not text")
    return value


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
            if t.name not in self.ids_for:
                self.conn.execute(t.insert(), params)
                continue
            stmt = t.insert().returning(t.c.id, sort_by_parameter_order=True)
            new_ids = self.conn.execute(stmt, params).scalars().all()
            for (placeholder, _), new_id in zip(pending, new_ids, strict=True):
                self.ids[placeholder] = new_id


def column_default(column: sa.Column) -> object:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None
