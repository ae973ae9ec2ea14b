"""The root ``pipeline-tui`` group: options every command shares, and clean errors.

Errors a user can act on are printed on stderr without a traceback, with a non-zero exit code.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from pipeline_tui.config import DB_ENV, Config
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

    @property
    def opened_store(self):
        """The store if a command already opened it, else None (the TUI opens its own)."""
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


class _Cli(click.Group):
    """Turns the errors a user can act on into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:
            # SQLAlchemy is only loaded by commands that use it: do not import it to find out.
            sa_exc = sys.modules.get("sqlalchemy.exc")
            if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
                raise
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
        open_tui(runtime)


def open_tui(runtime: Runtime) -> None:
    """Run the TUI. The app opens the store itself, after painting its first frame."""
    from pipeline_tui.tui.app import PipelineApp

    app = PipelineApp(runtime.opened_store, runtime.config)
    app.run()
    error = getattr(app, "start_error", None)
    if error is not None:
        message, code = error
        failure = PipelineError(message)
        failure.exit_code = code
        raise failure


def print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
