"""``pipeline-tui db current|upgrade|check`` and ``backup``: the database itself."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from pipeline_tui.cli.base import Runtime, cli, output_option, progress_option, progress_printer
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import _


@cli.command(
    help=_(
        "Write a consistent copy of the database (readable by you only); a killed backup leaves "
        "nothing under the target's name."
    )
)
@output_option(_("Target (default: beside the database, named with the date and time)."))
@progress_option
@click.pass_obj
def backup(runtime: Runtime, output: Path | None, show_progress: bool) -> None:
    from pipeline_tui.store.backup import backup_sqlite

    store = runtime.store()
    if output is None:
        source = runtime.config.sqlite_path
        if source is None:
            raise PipelineError(_("give -o FILE: this database is not a local file"))
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        output = source.with_name(f"{source.stem}-backup-{stamp}{source.suffix}")
    written = backup_sqlite(store.engine, output, progress=progress_printer(show_progress))
    click.echo(_("Backup written: {path}").format(path=written))


@cli.group(help=_("Inspect and upgrade the database schema."))
def db() -> None: ...


def _engine(runtime: Runtime):
    """An engine on the database as it is: the ``db`` commands look before they upgrade."""
    from pipeline_tui.store.engine import create_store_engine

    path = runtime.config.sqlite_path
    if path is not None and not path.exists():
        raise PipelineError(_("there is no database at {path}").format(path=path))
    return create_store_engine(runtime.config)


@db.command("current", help=_("Print the database's schema revision (without upgrading it)."))
@click.pass_obj
def db_current(runtime: Runtime) -> None:
    from pipeline_tui.store.migrate import known_revisions, stored_revision

    engine = _engine(runtime)
    try:
        revision = stored_revision(engine)
    finally:
        engine.dispose()
    head = known_revisions().head
    if revision is None:
        click.echo(_("(empty: no schema yet)"))
    else:
        click.echo(
            f"{revision} (head)"  # not shown: a revision id and the word of alembic
            if revision == head
            else _("{revision} (head is {head})").format(revision=revision, head=head)
        )


@db.command(
    "upgrade", help=_("Bring the database to the newest schema (a backup is written first).")
)
@click.pass_obj
def db_upgrade(runtime: Runtime) -> None:
    from pipeline_tui.store.migrate import known_revisions

    store = runtime.store()
    head = known_revisions().head
    if store.backup_written is None:
        click.echo(_("The database is at the newest schema ({head}).").format(head=head))
    else:
        click.echo(_("Upgraded to {head}.").format(head=head))


@db.command(
    "check",
    help=_(
        "Check that the schema matches this version, the file is sound and every deal's summary "
        "(last activity, moves, win, highest stage) equals its history; exit 1 if not."
    ),
)
@click.option(
    "--repair",
    is_flag=True,
    help=_("Recompute every deal's summary from its history (one transaction) when it drifted."),
)
@click.pass_obj
def db_check(runtime: Runtime, repair: bool) -> None:
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
            problems.append(
                _("schema revision is {revision}, expected {head}").format(
                    revision=revision or _("none"), head=head
                )
            )
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
                problems.extend([*found.lines(), _("(db check --repair recomputes them)")])
    finally:
        engine.dispose()
    for line in repaired:
        click.echo("✓ " + _("repaired: {what}").format(what=line))
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}", err=True)
        sys.exit(1)
    click.echo(
        "✓ "
        + _(
            "schema {head} matches this version; integrity ok; deal summaries match history"
        ).format(head=head)
    )
