"""``pipeline-tui remind``: what needs you now, said once; the morning digest; the schedule that
runs them while the terminal is closed."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from pipeline_tui.cli.base import Runtime, cli, format_option, json_option, print_json
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _, ngettext


def _now(runtime: Runtime, text: str | None) -> datetime:
    """``--now``, else the fixed ``--today`` at the reminder_time setting, else the clock."""
    if text is not None:
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError as exc:
            raise InvalidInput(
                _("--now {value!r} is not a time; write it YYYY-MM-DDTHH:MM").format(value=text)
            ) from exc
    if click.get_current_context().find_root().params.get("today") is not None:
        from pipeline_tui.services.reminders import moment

        return moment(runtime.store(), runtime.config.today)
    return datetime.now()


def _schedule(runtime: Runtime, write: bool, remove: bool) -> None:
    from pipeline_tui.services import reminder_install as setup

    places = setup.Places.from_env()
    if remove:
        removed = setup.uninstall(places)
        if not removed:
            click.echo(_("Nothing to remove: the reminders are not installed."))
        for path in removed:
            click.echo(_("Removed {path}").format(path=path))
        return
    schedule = setup.schedule_for(
        runtime.store(), setup.remind_command(runtime.config.db_url if runtime.db_option else None)
    )
    if not write:
        click.echo(setup.show(schedule, places), nl=False)
        click.echo("# " + _("nothing written: add --write to install it"))
        return
    for path in setup.install(schedule, places):
        click.echo(_("Wrote {path}").format(path=path))
    click.echo(
        _("Recorded in {path} (pipeline-tui remind --uninstall removes it all)").format(
            path=places.manifest
        )
    )
    for command in schedule.then:
        click.echo(_("Then run: {command}").format(command=command))


@cli.command(
    help=_(
        "What needs you now — due and overdue activities, risk crossings, rotting deals, the "
        "plan's pace, coverage — said once a day (--again repeats)."
    )
)
@json_option(_("Same as --format json."))
@format_option(
    ("text", "markdown", "json"),
    _("text: a desktop notification where there is one, else text on standard output."),
    show_default=False,
)
@click.option("--again", is_flag=True, help=_("Say everything that needs you, said before or not."))
@click.option(
    "--hours",
    type=click.IntRange(1, 168),
    default=12,
    help=_("What is due within the next N hours counts too (default 12)."),
)
@click.option("--now", "now_text", metavar="YYYY-MM-DDTHH:MM", help=_("Fix the time of day."))
@click.option(
    "--digest", is_flag=True, help=_("The morning digest, as Markdown (remembers nothing).")
)
@click.option(
    "--install", is_flag=True, help=_("Print the timer that runs remind (and the digest).")
)
@click.option("--write", is_flag=True, help=_("With --install: install it."))
@click.option("--uninstall", is_flag=True, help=_("Remove exactly what --install --write wrote."))
@click.pass_obj
def remind(
    runtime: Runtime,
    as_json: bool,
    fmt: str,
    again: bool,
    hours: int,
    now_text: str | None,
    digest: bool,
    install: bool,
    write: bool,
    uninstall: bool,
) -> None:
    if write and not install:
        raise InvalidInput(_("--write goes with --install"))
    if install and uninstall:
        raise InvalidInput(_("--install and --uninstall: one of the two"))
    if (install or uninstall) and (digest or again or as_json):
        raise InvalidInput(_("--install and --uninstall take no other option but --write"))
    if install or uninstall:
        _schedule(runtime, write, uninstall)
        return
    now = _now(runtime, now_text)
    if digest:
        from pipeline_tui.services.digest import build_digest

        click.echo(build_digest(runtime.store(), now), nl=False)
        return
    from pipeline_tui.services import reminders

    fmt = "json" if as_json else fmt
    notifier = None
    if fmt == "text":
        from pipeline_tui.services.notifiers import detect_notifier

        notifier = detect_notifier()
    run = reminders.send_reminders(runtime.store(), now, notifier, again=again, hours=hours)
    if fmt == "json":
        print_json(reminders.run_json(run))
    elif fmt == "markdown":
        click.echo(reminders.reminders_markdown(run), nl=False)
    elif not run.new and sys.stdout.isatty():
        pending = len(run.current)
        click.echo(
            ngettext(
                "Nothing new ({count} pending; --again repeats it).",
                "Nothing new ({count} pending; --again repeats them).",
                pending,
            ).format(count=pending)
        )
    elif run.new and notifier is not None and notifier.used != "text":
        sent = len(run.new)
        click.echo(
            ngettext(
                "{count} reminder sent by {how}.", "{count} reminders sent by {how}.", sent
            ).format(count=sent, how=notifier.used)
        )
