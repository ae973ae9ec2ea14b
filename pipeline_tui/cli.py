"""The ``pipeline-tui`` command: parse options, call services, print. No business logic here.

The contract (command names, ``--db``, ``--today``, JSON keys) is DESIGN.md's; add, never rename.
Errors a user can act on are printed on stderr without a traceback, with a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from pipeline_tui.config import DB_ENV, Config, default_data_dir
from pipeline_tui.errors import PipelineError


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD", param, ctx)


DATE = _DateType()


class Runtime:
    """What every command gets: the configuration, and the store opened on first use."""

    def __init__(self, db: str | None, today: date | None) -> None:
        self.db_option = db
        self.config = Config.from_options(db, today)
        self._store = None

    def store(self):
        if self._store is None:
            from pipeline_tui.store.database import open_store

            self._store = open_store(self.config)
            if self._store.backup_written:
                click.echo(
                    f"Upgraded the database; the previous file was saved as "
                    f"{self._store.backup_written}",
                    err=True,
                )
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


class _Cli(click.Group):
    """Turns the errors a user can act on into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context):
        from sqlalchemy import exc as sa_exc

        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except sa_exc.SQLAlchemyError as exc:
            from pipeline_tui.store.database import describe_db_error

            runtime = ctx.find_object(Runtime)
            where = str(runtime.config.sqlite_path or runtime.config.db_url) if runtime else "?"
            click.echo(f"Error: {describe_db_error(exc, where)}", err=True)
            ctx.exit(3)


@click.group(cls=_Cli, invoke_without_command=True)
@click.option(
    "--db",
    metavar="PATH|URL",
    envvar=DB_ENV,
    help=f"Database file or URL (default: ${DB_ENV}, then the user data directory).",
)
@click.option("--today", type=DATE, help="Fix today's date (reproducible figures).")
@click.version_option(package_name="pipeline-tui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, today: date | None) -> None:
    """Keep a lost client from becoming a lost income. Without a command, opens the TUI."""
    runtime = Runtime(db, today)
    ctx.obj = runtime
    ctx.call_on_close(runtime.close)
    if ctx.invoked_subcommand is None:
        _open_tui(runtime)


def _open_tui(runtime: Runtime) -> None:
    from pipeline_tui.tui.app import PipelineApp

    store = runtime.store()
    PipelineApp(store, runtime.config).run()


@cli.command()
@click.option("--no-open", is_flag=True, help="Only build the database; do not open the TUI.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed.")
@click.option(
    "--scale",
    type=click.Choice(["small", "large"]),
    default="small",
    show_default=True,
    help="small: ~8 clients; large: ~1k clients, 10k deals, 100k activities.",
)
@click.pass_obj
def demo(runtime: Runtime, no_open: bool, seed: int, scale: str) -> None:
    """Build a realistic demo database (dates relative to --today).

    Without --db it is a separate file, demo.db (or demo-large.db) in the data directory, rebuilt
    each time; with --db the database must be empty.
    """
    from pipeline_tui.services.demo import build_demo

    if runtime.db_option is None:
        path = default_data_dir() / ("demo.db" if scale == "small" else "demo-large.db")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        runtime.config = Config.from_options(str(path), runtime.config.today)
    summary = build_demo(runtime.store(), today=runtime.config.today, seed=seed, scale=scale)
    where = runtime.config.sqlite_path or runtime.config.db_url
    click.echo(f"Demo database ready: {where}")
    click.echo(
        f"  {summary.clients} clients, {summary.contacts} contacts, {summary.missions} missions, "
        f"{summary.deals} deals, {summary.activities} activities"
    )
    if not no_open:
        _open_tui(runtime)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Target.")
@click.pass_obj
def backup(runtime: Runtime, output: Path | None) -> None:
    """Write a consistent copy of the database (readable by you only)."""
    from pipeline_tui.store.backup import backup_sqlite

    store = runtime.store()
    if output is None:
        source = runtime.config.sqlite_path
        if source is None:
            raise PipelineError("give -o FILE: this database is not a local file")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        output = source.with_name(f"{source.stem}-backup-{stamp}{source.suffix}")
    written = backup_sqlite(store.engine, output)
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
@click.pass_obj
def db_check(runtime: Runtime) -> None:
    """Check that the schema matches this version and the file is sound; exit 1 if not."""
    from pipeline_tui.store.migrate import known_revisions, stored_revision
    from pipeline_tui.store.schema_check import integrity_problems, schema_differences

    engine = _engine(runtime)
    try:
        revision = stored_revision(engine)
        head = known_revisions().head
        problems: list[str] = []
        if revision != head:
            problems.append(f"schema revision is {revision or 'none'}, expected {head}")
        else:
            problems.extend(schema_differences(engine))
        problems.extend(integrity_problems(engine))
    finally:
        engine.dispose()
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}", err=True)
        sys.exit(1)
    click.echo(f"✓ schema {head} matches this version; integrity ok")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def status(runtime: Runtime, as_json: bool) -> None:
    """The numbers: revenue, concentration, risk, weighted pipeline, coverage."""
    from pipeline_tui.services.numbers import compute_numbers, numbers_json

    numbers = compute_numbers(runtime.store(), runtime.config.today)
    if as_json:
        print_json(numbers_json(numbers))
    else:
        from pipeline_tui.cli_text import render_status

        click.echo(render_status(numbers))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def today(runtime: Runtime, as_json: bool) -> None:
    """The daily agenda: due and overdue activities, risk alerts, rotting deals."""
    from pipeline_tui.services.today import compute_today, today_json

    agenda = compute_today(runtime.store(), runtime.config.today)
    if as_json:
        print_json(today_json(agenda))
    else:
        from pipeline_tui.cli_text import render_today

        click.echo(render_today(agenda))


@cli.command()
@click.argument("client", required=False)
@click.option("--gap", metavar="AMOUNT", help="A monthly gap instead of a client, e.g. 8000.")
@click.option("--weeks", type=click.IntRange(1, 520), default=12, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def whatif(
    runtime: Runtime, client: str | None, gap: str | None, weeks: int, as_json: bool
) -> None:
    """The loss of CLIENT (or a monthly --gap): gap, coverage and weekly targets."""
    from pipeline_tui.domain.money import parse_money
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.numbers import compute_whatif, whatif_json

    if (client is None) == (gap is None):
        raise InvalidInput("name a client, or give --gap AMOUNT (one of the two)")
    gap_cents = None
    if gap is not None:
        try:
            gap_cents = parse_money(gap)
        except ValueError as exc:
            raise InvalidInput(f"--gap: {exc}") from exc
    report = compute_whatif(
        runtime.store(), runtime.config.today, client_name=client, gap_cents=gap_cents, weeks=weeks
    )
    if as_json:
        print_json(whatif_json(report))
    else:
        from pipeline_tui.cli_text import render_whatif

        click.echo(render_whatif(report))


def print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def main() -> None:
    cli(prog_name="pipeline-tui")


if __name__ == "__main__":
    main()
