"""Migrations: empty → head, backup before an upgrade, models ↔ migrations, no Alembic at head."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline_tui.config import Config
from pipeline_tui.errors import DatabaseError
from pipeline_tui.store import migrate
from pipeline_tui.store.database import open_store
from pipeline_tui.store.migrate import known_revisions, stored_revision
from tests.conftest import TODAY
from tests.helpers import run_process


def _config(path: Path) -> Config:
    return Config(db_url=f"sqlite:///{path}", today=TODAY)


def test_empty_database_is_brought_to_head(tmp_path: Path) -> None:
    store = open_store(_config(tmp_path / "new.db"))
    try:
        assert stored_revision(store.engine) == known_revisions().head
        tables = set(sa.inspect(store.engine).get_table_names())
        assert {"client", "contact", "mission", "deal", "deal_stage_change", "activity"} <= tables
        assert {"cadence", "sequence", "sequence_step", "signal", "survey"} <= tables
        assert {"offboarding", "offboarding_item", "setting"} <= tables
        assert store.backup_written is None  # nothing to save in a new file
    finally:
        store.close()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    store = open_store(_config(tmp_path / "cmp.db"))
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        store.close()


def test_head_parsed_from_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.migrations_dir()))
    assert known_revisions().head == script.get_current_head()
    assert known_revisions().known == {rev.revision for rev in script.walk_revisions()}


@pytest.fixture
def newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This code with one more revision on top (adds a column), as a future version would ship."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.migrations_dir(), folder)
    old_head = known_revisions().head
    (folder / "versions" / "9999_add_column.py").write_text(
        textwrap.dedent(
            f'''\
            """add a column"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999_future"
            down_revision = "{old_head}"


            def upgrade():
                with op.batch_alter_table("client") as batch:
                    batch.add_column(sa.Column("future", sa.Integer(), nullable=True))


            def downgrade():
                with op.batch_alter_table("client") as batch:
                    batch.drop_column("future")
            '''
        )
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
    known_revisions.cache_clear()
    yield "9999_future"
    known_revisions.cache_clear()


def test_upgrading_an_older_file_writes_a_backup_first(tmp_path: Path, newer_migrations) -> None:
    path = tmp_path / "old.db"
    head_now = "0001_initial"
    # A database at 0001 holding a client, as the previous version of the code left it.
    engine = sa.create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, head_now)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO client (name, created_at) VALUES ('Acme', '2026-01-01 00:00:00')")
        )
    engine.dispose()

    store = open_store(_config(path))
    try:
        assert stored_revision(store.engine) == newer_migrations
        assert store.backup_written is not None
        backup = Path(store.backup_written)
        assert backup.parent == path.parent
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (head_now,)
            assert copy.execute("SELECT name FROM client").fetchall() == [("Acme",)]
        finally:
            copy.close()
        with store.engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("client")}
        assert "future" in columns
    finally:
        store.close()


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(_config(path)).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'abc123future'")
    with pytest.raises(DatabaseError, match="newer version"):
        open_store(_config(path))
    with sqlite3.connect(path) as raw:  # untouched
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "abc123future",
        )


def test_a_foreign_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(DatabaseError, match="not a pipeline-tui database"):
        open_store(_config(path))
    with sqlite3.connect(path) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == {"notes"}


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "head.db"
    open_store(_config(path)).close()
    code = textwrap.dedent(
        f"""
        import sys
        from pipeline_tui.config import Config
        from pipeline_tui.store.database import open_store
        from pipeline_tui.services.clients import list_clients
        store = open_store(Config.from_options({str(path)!r}, None))
        list_clients(store, store.config.today)
        print(sorted(m for m in sys.modules if m == "alembic" or m.startswith("alembic.")))
        """
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    # …and the CLI entry point (a command that opens the store) neither.
    result = run_process("--db", str(path), "backup", "-o", str(tmp_path / "b.db"))
    assert result.returncode == 0, result.stderr


def test_a_new_database_does_import_alembic_to_create_the_schema(tmp_path: Path) -> None:
    """The check above can fail: on a new file the same code path does load Alembic."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom pipeline_tui.config import Config\n"
        "from pipeline_tui.store.database import open_store\n"
        f"open_store(Config.from_options({str(tmp_path / 'n.db')!r}, None))\n"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
