"""Alembic environment for pipeline-tui.

The application passes its engine in ``config.attributes["engine"]`` (see
``pipeline_tui.store.migrate``); the ``alembic`` command line uses ``sqlalchemy.url`` from
``alembic.ini`` or ``$PIPELINE_TUI_DB`` instead.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import pipeline_tui.store.models  # noqa: F401  (registers the tables)
from pipeline_tui.config import Config
from pipeline_tui.store.engine import create_store_engine

target_metadata = SQLModel.metadata


def _engine():
    engine = context.config.attributes.get("engine")
    if engine is None:
        url = context.config.get_main_option("sqlalchemy.url") or None
        engine = create_store_engine(Config.from_options(url, None))
    return engine


def run_migrations_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A batch migration rebuilds a table (copy, drop, rename): with foreign keys on,
            # dropping the old table would cascade to its children. SQLite ignores this pragma
            # inside a transaction, so it is set on the raw connection before SQLAlchemy's
            # "begin" (``store.engine``) opens the migration's transaction.
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
