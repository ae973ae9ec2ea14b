"""The tables of the models as data: their order, their columns' types, their values as text, and
whole-table reads (counts, every row).

Everything here is derived from the SQLModel metadata, so a table or column added to the models is
exported, imported, counted and written in bulk without touching the code that does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import cache

import sqlalchemy as sa
from sqlalchemy import Column, Connection, Table

from pipeline_tui.store.models import ALL_TABLES, SQLModel

__all__ = ["Column", "Connection", "Table"]  # the types callers outside the store annotate with


@cache
def model_tables() -> tuple[Table, ...]:
    """Every table of the models, each after the tables it refers to (the order to insert in)."""
    wanted = {model.__table__ for model in ALL_TABLES}
    return tuple(t for t in SQLModel.metadata.sorted_tables if t in wanted)


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def python_type(column: Column) -> type:
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


def column_default(column: Column) -> object:
    """The column's constant default, or None (also for a default computed per row)."""
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def blank_row(t: Table) -> dict[str, object]:
    """Every column of ``t`` with its constant default, or None: a row to fill in."""
    return {c.name: column_default(c) for c in t.columns}


def natural_key(t: Table) -> str | None:
    """A column that tells a row from every other (unique, never empty), besides the id."""
    for column in t.columns:
        if column.unique and not column.nullable and not column.primary_key:
            return column.name
    return None


def to_text(column: Column, value: object) -> object:
    """A stored value as JSON holds it: dates and timestamps as ISO 8601 text, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_text(column: Column, value: object) -> object:
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


# --- whole tables -----------------------------------------------------------------------------


def row_counts(conn: Connection) -> dict[str, int]:
    return {
        t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
        for t in model_tables()
    }


def nonempty_tables(conn: Connection, *, leaving_out: tuple[str, ...] = ()) -> list[str]:
    """The tables that hold at least one row, with their counts, e.g. ``["client: 8"]``; the
    tables named in ``leaving_out`` are not looked at. Empty: the database is new."""
    found = []
    for t in model_tables():
        if t.name in leaving_out:
            continue
        if conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first():
            n = conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            found.append(f"{t.name.replace('_', ' ')}: {n}")
    return found


def table_rows(conn: Connection, t: Table) -> Iterator[tuple]:
    """Every row of ``t`` ordered by primary key, its values typed (dates, UTC timestamps,
    booleans) and in the order of ``t.columns``."""
    order = list(t.primary_key.columns) or list(t.columns)
    for row in conn.execute(sa.select(t).order_by(*order)):
        yield tuple(row)
