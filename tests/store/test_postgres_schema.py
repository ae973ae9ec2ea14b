"""The schema on PostgreSQL: every migration goes up and down again on a server database, the
head matches the models, and ``db check`` / ``db current`` speak of a server database.

Each test works in a database of its own (``pg_server``, tests/conftest.py); without
``PIPELINE_TUI_TEST_PG_URL`` they skip with the reason, and with ``CI=true`` they fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from pipeline_tui.store.migrate import alembic_config, stored_revision, upgrade
from pipeline_tui.store.schema_check import schema_differences
from tests.conftest import PgServer


@pytest.fixture
def blank(pg_server: PgServer) -> Iterator[tuple[str, sa.Engine]]:
    """An empty PostgreSQL database of the test's own (no schema yet), and an engine on it."""
    name = pg_server.create()
    url = pg_server.url_of(name)
    engine = sa.create_engine(url)
    yield url, engine
    engine.dispose()
    pg_server.drop(name)


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_every_migration_goes_up_and_down_on_postgresql(blank) -> None:
    _, engine = blank
    cfg = alembic_config(engine)
    revisions = [s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()]
    revisions.reverse()  # base → head
    seen: list[set[str]] = []
    for revision in revisions:
        upgrade(engine, revision)
        assert stored_revision(engine) == revision
        seen.append(_tables(engine))
    assert schema_differences(engine) == []  # the head is the models

    for index in range(len(revisions) - 1, 0, -1):
        command.downgrade(alembic_config(engine), revisions[index - 1])
        engine.dispose()
        assert stored_revision(engine) == revisions[index - 1]
        assert _tables(engine) == seen[index - 1], revisions[index]
    command.downgrade(alembic_config(engine), "base")
    engine.dispose()
    assert _tables(engine) <= {"alembic_version"}

    upgrade(engine)  # and up again from nothing
    assert schema_differences(engine) == []


def test_db_check_passes_on_postgresql_and_names_a_drift(cli_run, blank) -> None:
    url, engine = blank
    assert cli_run("--db", url, "db", "upgrade").exit_code == 0
    current = cli_run("--db", url, "db", "current")
    assert current.exit_code == 0 and "(head)" in current.stdout, current.stderr

    ok = cli_run("--db", url, "db", "check")
    assert ok.exit_code == 0, ok.stderr

    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_activity_channel_done_on")
    drift = cli_run("--db", url, "db", "check")
    assert drift.exit_code == 1
    assert "ix_activity_channel_done_on" in drift.stderr


def test_backup_refuses_a_server_database_and_says_what_to_use(cli_run, blank, tmp_path) -> None:
    url, _ = blank
    result = cli_run("--db", url, "backup", "-o", str(tmp_path / "copy.db"))
    assert result.exit_code == 3
    assert "use your server's tools" in result.stderr
    assert not (tmp_path / "copy.db").exists()
