"""Reading a store's rows the same way on SQLite and PostgreSQL, for tests that run on both."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from pipeline_tui.store.database import Store


def plain(value: object) -> object:
    """A value as SQLite gives it back: dates as ISO text, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain_rows(store: Store, sql: str, **params: object) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(plain(v) for v in row) for row in conn.execute(sa.text(sql), params)]


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table of the store (the schema's tables, whichever the backend)."""
    names = sa.inspect(store.engine).get_table_names()
    with store.engine.connect() as conn:
        return {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in names}
