"""The root ``pipeline-tui`` group: options every command shares, and clean errors.

Errors a user can act on are printed on stderr without a traceback, with a non-zero exit code.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

import click

from pipeline_tui.cli.click_words import speak_for_click
from pipeline_tui.cli.json_text import dumps
from pipeline_tui.config import DB_ENV, Config, check_today
from pipeline_tui.errors import InvalidInput, PipelineError
from pipeline_tui.i18n import LANGUAGES, N_, _, resolve_language, set_language

speak_for_click()  # click's own words (Usage:, Error:…) in the language spoken


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                _("{value!r} is not a date; write it as YYYY-MM-DD").format(value=value), param, ctx
            )
        try:
            return check_today(day)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = _DateType()


def _take_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--lang`` is read first (eager), so that ``--help`` after it is in that language; without
    it, the environment's until the store gives the setting (``Runtime._speak``)."""
    set_language(resolve_language(value.lower() if value else None))
    return value.lower() if value else None


class Runtime:
    """What every command gets: the configuration, and the store opened on first use."""

    def __init__(self, db: str | None, today: date | None, lang: str | None = None) -> None:
        self.db_option = db
        self.config = Config.from_options(db, today, lang)
        self._store = None
        self._reads = None

    def reads(self):
        """Where the numbers are read from: the fast read path (``store.reader``) on a SQLite
        file at the current schema, else the store (opened, created or upgraded)."""
        if self._store is not None:
            return self._store
        if self._reads is None:
            from pipeline_tui.store.reader import open_read_store

            self._reads = open_read_store(self.config) or False
            if self._reads:
                self._speak(self._reads)
        return self._reads or self.store()

    def store(self):
        if self._store is None:
            from pipeline_tui.store.database import open_store

            self._store = open_store(self.config)
            if self._store.backup_written:
                saved = _("Upgraded the database; the previous file was saved as {path}")
                click.echo(saved.format(path=self._store.backup_written), err=True)
            self._speak(self._store)
        return self._store

    def _speak(self, source) -> None:
        """The ``language`` setting, once the store can be read (unless ``--lang`` said)."""
        if self.config.lang is None:
            from pipeline_tui.services.language import speak

            speak(None, source)

    @property
    def opened_store(self):
        """The store if a command already opened it, else None (the TUI opens its own)."""
        return self._store

    def close(self) -> None:
        if self._reads:
            self._reads.close()
        if self._store is not None:
            self._store.close()


# Which module of this package registers each command: a command's module (and what it imports)
# is loaded when that command runs, so ``status`` does not pay for ``import`` or ``demo``.
COMMAND_MODULES = {
    "activity": "activities",
    "add": "leads",
    "backup": "db",
    "casestudy": "feedback",
    "checklist": "checklist",
    "client": "records",
    "contact": "records",
    "db": "db",
    "deal": "deals",
    "demo": "demo",
    "end": "offboarding",
    "export": "transfer",
    "forget": "transfer",
    "ics": "transfer",
    "import": "transfer",
    "lesson": "feedback",
    "lessons": "feedback",
    "log": "prospecting",
    "mission": "records",
    "offboarding": "offboarding",
    "plan": "prospecting",
    "playbook": "offboarding",
    "remind": "remind",
    "review": "prospecting",
    "sequence": "sequences",
    "settings": "settings",
    "signal": "records",
    "status": "numbers",
    "survey": "feedback",
    "survey-gaps": "feedback",
    "survey-message": "feedback",
    "today": "numbers",
    "whatif": "numbers",
}


def load_commands(names: Iterable[str] | None = None) -> None:
    """Import the modules registering ``names`` (every command when None)."""
    wanted = COMMAND_MODULES if names is None else [n for n in names if n in COMMAND_MODULES]
    for module in sorted({COMMAND_MODULES[name] for name in wanted}):
        importlib.import_module(f"pipeline_tui.cli.{module}")


class _Cli(click.Group):
    """Loads a command's module on first use; turns the errors a user can act on into one line
    on stderr and an exit code. Its help and its options' are marked ``N_``: this module is
    imported before ``--lang`` is read, so they are translated when shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_(self.help))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, each option's help translated (``--help`` and ``--version`` included:
        click words them when they are made, before ``--lang`` is read)."""
        records = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl([(names, _(text)) for names, text in records])
        self.format_commands(ctx, formatter)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            load_commands([cmd_name])
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            from pipeline_tui.cli.terminal import error

            error(str(exc))
            ctx.exit(exc.exit_code)
        except OverflowError:
            # a number no column can hold (an id of 20 digits): refused before anything is written
            from pipeline_tui.cli.terminal import error

            error(_("a number or a date given is out of range"))
            ctx.exit(2)
        except Exception as exc:
            # SQLAlchemy is only loaded by commands that use it: do not import it to find out.
            sa_exc = sys.modules.get("sqlalchemy.exc")
            if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
                raise
            from pipeline_tui.store.errors import describe_db_error

            runtime = ctx.find_object(Runtime)
            where = str(runtime.config.sqlite_path or runtime.config.db_url) if runtime else "?"
            from pipeline_tui.cli.terminal import error

            error(describe_db_error(exc, where))
            ctx.exit(3)


@click.group(
    cls=_Cli,
    invoke_without_command=True,
    help=N_("Keep a lost client from becoming a lost income. Without a command, opens the TUI."),
)
@click.option(
    "--db",
    metavar="PATH|URL",
    envvar=DB_ENV,
    help=N_("Database file or URL (default: $PIPELINE_TUI_DB, then the user data directory)."),
)
@click.option("--today", type=DATE, help=N_("Fix today's date (reproducible figures)."))
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    is_eager=True,
    expose_value=True,
    callback=_take_language,
    help=N_("Language of the interface (default: the language setting, then LANG)."),
)
@click.version_option(package_name="pipeline-tui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, today: date | None, lang: str | None) -> None:
    runtime = Runtime(db, today, lang)
    ctx.obj = runtime
    ctx.call_on_close(runtime.close)
    if ctx.invoked_subcommand is None:
        open_tui(runtime)


def open_tui(runtime: Runtime) -> None:
    """Run the TUI (``tui.launch.open_tui``: the app opens the store itself, after painting its
    first frame, unless a command already opened it); exit with its code."""
    from pipeline_tui.tui.launch import open_tui as launch

    code = launch(runtime.config, runtime.opened_store)
    if code:
        click.get_current_context().exit(code)


def print_json(data: object) -> None:
    """``json.dumps(data, indent=2, ensure_ascii=False, default=str)``, written faster."""
    click.echo(dumps(data))


_Row = TypeVar("_Row")


def text_rows(
    rows: Sequence[_Row], as_json: bool, to_json: Callable[[_Row], object], empty: str
) -> Sequence[_Row]:
    """What a list command prints as text. With ``--json``, none: every row is printed here, as
    one JSON list (``to_json`` of each); else the rows, after saying ``empty`` if there are none."""
    if as_json:
        print_json([to_json(row) for row in rows])
        return ()
    if not rows:
        click.echo(empty)
    return rows


def progress_printer(enabled: bool):
    """A progress callback printing ``progress DONE/TOTAL`` lines on stderr, or None."""
    if not enabled:
        return None

    def show(done: int, total: int) -> None:
        click.echo(f"progress {done}/{total}", err=True)

    return show


def progress_option(command):
    """``--progress`` (received as ``show_progress``): progress lines on stderr."""
    return click.option(
        "--progress", "show_progress", is_flag=True, help=_("Print progress lines on stderr.")
    )(command)


def yes_option(command):
    """``--yes``: delete without asking."""
    return click.option("--yes", is_flag=True, help=_("Do not ask."))(command)


def options(*decorators):
    """One decorator for several click options shared by commands: as if they were stacked in
    this order above the command."""

    def apply(command):
        for option in reversed(decorators):
            command = option(command)
        return command

    return apply


def format_option(choices: tuple[str, ...], help: str, *, show_default: bool = True):
    """``--format`` (received as ``fmt``): one of ``choices``, the first by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=show_default,
        help=help,
    )


def json_option(help: str | None = None):
    """``--json``, received as ``as_json``: print JSON instead of text."""
    return click.option(
        "--json", "as_json", is_flag=True, help=help or _("Machine-readable output.")
    )


def output_option(help: str, *, dir_okay: bool = False):
    """``-o/--output PATH`` and ``--follow``, for every command that writes a file: a symbolic
    link at PATH is refused unless ``--follow`` asks to write where it points. The command
    receives ``output`` (None, or the path to write) only."""

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, output: Path | None = None, follow: bool = False, **kwargs):
            if output is not None and follow:
                from pipeline_tui.files import follow_link

                output = follow_link(output)
            return command(*args, output=output, **kwargs)

        wrapper = click.option(
            "--follow", is_flag=True, help=_("When -o names a symbolic link, write its target.")
        )(wrapper)
        return click.option(
            "-o", "--output", type=click.Path(dir_okay=dir_okay, path_type=Path), help=help
        )(wrapper)

    return decorate


def record_id(text: str, what: str) -> int:
    """A record named by its id, ``#12`` or ``12`` (as ``--json`` gives it); else exit 2."""
    digits = text.strip().removeprefix("#")
    if not digits.isdigit():
        raise InvalidInput(
            _("{value!r} is not {what} id (a number such as #12, as --json gives it)").format(
                value=text, what=what
            )
        )
    return int(digits)


def confirm_removal(question: str, yes: bool) -> None:
    """Go on with a deletion: ``--yes``, else ask on a terminal; not a terminal: refuse."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise PipelineError(
            _("{question} Not deleted: add --yes to confirm without a terminal").format(
                question=question
            )
        )
    if not click.confirm(question, default=False):
        raise PipelineError(_("nothing deleted"))


def deleted_line(done) -> str:
    """What a deletion says once done, from the ``domain.removal.Removal`` of the record."""
    if done.goes_with:
        return _("Deleted {name} with {goes_with}").format(name=done.name, goes_with=done.goes_with)
    return _("Deleted {name}").format(name=done.name)


def rm_by_name(group: click.Group, metavar: str, help: str):
    """Register the decorated ``find(store, name)`` as ``GROUP rm NAME [--yes]``. ``find``
    returns the record's id and the service's two functions of (store, id): ``removal``, whose
    ``Removal`` asks its question unless --yes, and ``remove``, which deletes and returns the
    ``Removal`` the last line says. ``help`` is the command's help."""

    def register(find: Callable[..., tuple[int, Callable, Callable]]) -> click.Command:
        @group.command("rm", help=help)
        @click.argument("name", metavar=metavar)
        @yes_option
        @click.pass_obj
        def rm(runtime: Runtime, name: str, yes: bool) -> None:
            store = runtime.store()
            wanted, removal, remove = find(store, name)
            confirm_removal(removal(store, wanted).question, yes)
            click.echo(deleted_line(remove(store, wanted)))

        return rm

    return register


def rm_by_id(group: click.Group, what: str, question: str, done: str, help: str):
    """Register the decorated ``remove(store, id)`` as ``GROUP rm ID [--yes]``: the record is
    named by its id (``record_id``, ``what`` such as "a lesson"), ``question`` is asked unless
    --yes and ``done`` printed after (both with ``{id}``; the three marked ``N_``). ``help`` is
    the command's help."""

    def register(remove: Callable[..., object]) -> click.Command:
        @group.command("rm", help=help)
        @click.argument("ref", metavar="ID")
        @yes_option
        @click.pass_obj
        def rm(runtime: Runtime, ref: str, yes: bool) -> None:
            wanted = record_id(ref, _(what))
            confirm_removal(_(question).format(id=wanted), yes)
            remove(runtime.store(), wanted)
            click.echo(_(done).format(id=wanted))

        return rm

    return register
