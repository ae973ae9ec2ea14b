"""Checks behind ``pipeline-tui db check``: schema drift and file integrity."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def schema_differences(engine: Engine) -> list[str]:
    """What differs between the database and the models (Alembic's autogenerate comparison)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import pipeline_tui.store.models  # noqa: F401  (registers the tables)

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, SQLModel.metadata)
    return [f"schema differs from this version: {diff!r}" for diff in diffs]


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's own integrity and foreign-key checks; nothing to say for other databases."""
    if engine.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    with engine.connect() as conn:
        result = [row[0] for row in conn.execute(sa.text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            problems.extend(f"integrity: {line}" for line in result)
        for row in conn.execute(sa.text("PRAGMA foreign_key_check")):
            problems.append(f"foreign key: {row[0]} row {row[1]} points to a missing {row[2]}")
    return problems
