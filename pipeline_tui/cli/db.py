"""``pipeline-tui db current|upgrade|check`` and ``backup``: the database itself."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from pipeline_tui.cli.base import Runtime, cli, output_option, progress_option, progress_printer
from pipeline_tui.errors import PipelineError


@cli.command()
@output_option("Target (default: beside the database, named with the date and time).")
@progress_option
@click.pass_obj
def backup(runtime: Runtime, output: Path | None, show_progress: bool) -> None:
    """Write a consistent copy of the database (readable by you only); a killed backup leaves
    nothing under the target's name."""
    from pipeline_tui.store.backup import backup_sqlite

    store = runtime.store()
    if output is None:
        source = runtime.config.sqlite_path
        if source is None:
            raise PipelineError("give -o FILE: this database is not a local file")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        output = source.with_name(f"{source.stem}-backup-{stamp}{source.suffix}")
    written = backup_sqlite(store.engine, output, progress=progress_printer(show_progress))
    click.echo(f"Backup written: {written}")


@cli.group()
def db() -> None:
    """Inspect and upgrade the database schema."""


def _engine(runtime: Runtime):
    """An engine on the database as it is: the ``db`` commands look before they upgrade."""
    from pipeline_tui.store.engine import create_store_engine

    path = runtime.config.sqlite_path
    if path is not None and not path.exists():
        raise PipelineError(f"there is no database at {path}")
    return create_store_engine(runtime.config)


@db.command("current")
@click.pass_obj
def db_current(runtime: Runtime) -> None:
    """Print the database's schema revision (without upgrading it)."""
    from pipeline_tui.store.migrate import known_revisions, stored_revision

    engine = _engine(runtime)
    try:
        revision = stored_revision(engine)
    finally:
        engine.dispose()
    head = known_revisions().head
    if revision is None:
        click.echo("(empty: no schema yet)")
    else:
        click.echo(f"{revision} (head)" if revision == head else f"{revision} (head is {head})")


@db.command("upgrade")
@click.pass_obj
def db_upgrade(runtime: Runtime) -> None:
    """Bring the database to the newest schema (a backup is written first)."""
    from pipeline_tui.store.migrate import known_revisions

    store = runtime.store()
    head = known_revisions().head
    if store.backup_written is None:
        click.echo(f"The database is at the newest schema ({head}).")
    else:
        click.echo(f"Upgraded to {head}.")


@db.command("check")
@click.option(
    "--repair",
    is_flag=True,
    help="Recompute every deal's summary from its history (one transaction) when it drifted.",
)
@click.pass_obj
def db_check(runtime: Runtime, repair: bool) -> None:
    """Check that the schema matches this version, the file is sound and every deal's summary
    (last activity, moves, win, highest stage) equals its history; exit 1 if not."""
    from pipeline_tui.store.migrate import known_revisions, stored_revision
    from pipeline_tui.store.schema_check import integrity_problems, schema_differences
    from pipeline_tui.store.writes.summaries import drift, refresh_deals

    engine = _engine(runtime)
    repaired: list[str] = []
    try:
        revision = stored_revision(engine)
        head = known_revisions().head
        problems: list[str] = []
        if revision != head:
            problems.append(f"schema revision is {revision or 'none'}, expected {head}")
        else:
            problems.extend(schema_differences(engine))
        problems.extend(integrity_problems(engine))
        if not problems:
            with engine.connect() as conn:
                found = drift(conn)
            if not found.clean and repair:
                with engine.begin() as conn:
                    refresh_deals(conn)
                repaired = found.lines()
            elif not found.clean:
                problems.extend([*found.lines(), "(db check --repair recomputes them)"])
    finally:
        engine.dispose()
    for line in repaired:
        click.echo(f"✓ repaired: {line}")
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}", err=True)
        sys.exit(1)
    click.echo(f"✓ schema {head} matches this version; integrity ok; deal summaries match history")
