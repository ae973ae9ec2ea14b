"""``import linkedin|csv|json``, ``export``, ``ics`` and ``forget``: data in and out."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from pipeline_tui.cli.base import (
    Runtime,
    cli,
    format_option,
    output_option,
    progress_option,
    progress_printer,
)
from pipeline_tui.i18n import _, formats, ngettext

_FILE = click.Path(dir_okay=False, path_type=Path)


_dry_run_option = click.option(
    "--dry-run", is_flag=True, help=_("Show what would be imported; write nothing.")
)


@cli.group("import", help=_("Bring data in: LinkedIn connections, spreadsheets, a JSON export."))
def import_group() -> None: ...


@import_group.command(
    "linkedin",
    help=_(
        "Import LinkedIn's Connections.csv export (contacts, matched to clients by company).\n\n"
        "People already there (same profile URL or email) are not duplicated; rows that cannot be "
        "used are listed with their line numbers and the others are imported, in one transaction."
    ),
)
@click.argument("file", type=_FILE)
@_dry_run_option
@progress_option
@click.pass_obj
def import_linkedin_command(
    runtime: Runtime, file: Path, dry_run: bool, show_progress: bool
) -> None:
    from pipeline_tui.services.transfer.linkedin import import_linkedin

    report = import_linkedin(
        runtime.store(), file, dry_run=dry_run, progress=progress_printer(show_progress)
    )
    click.echo(report.summary())


@import_group.command(
    "csv",
    help=_(
        "Import contacts, deals or activities from a CSV/TSV file (or a JSON list).\n\n"
        "Columns are recognised by their header (English or French names); --map overrides. Bad "
        "cells are reported with their line numbers and the other rows are imported, in one "
        "transaction."
    ),
)
@click.option(
    "--kind",
    type=click.Choice(["contacts", "deals", "activities"]),
    required=True,
    help=_("What each row of the file is."),
)
@click.argument("file", type=_FILE)
@click.option(
    "--map",
    "overrides",
    multiple=True,
    metavar="COLUMN=FIELD",
    help=_('Which field a column holds, e.g. --map "Société=client" (FIELD empty or - : skip it).'),
)
@_dry_run_option
@progress_option
@click.pass_obj
def import_csv_command(
    runtime: Runtime,
    kind: str,
    file: Path,
    overrides: tuple[str, ...],
    dry_run: bool,
    show_progress: bool,
) -> None:
    from pipeline_tui.services.transfer.csv_import import import_csv

    report = import_csv(
        runtime.store(),
        file,
        kind,
        today=runtime.config.today,
        overrides=overrides,
        dry_run=dry_run,
        progress=progress_printer(show_progress),
    )
    click.echo(report.summary())


@import_group.command(
    "json",
    help=_("Restore a JSON export (pipeline-tui export --format json) into an empty database."),
)
@click.argument("file", type=_FILE)
@progress_option
@click.pass_obj
def import_json_command(runtime: Runtime, file: Path, show_progress: bool) -> None:
    from pipeline_tui.services.transfer.json_io import import_json

    report = import_json(runtime.store(), file, progress=progress_printer(show_progress))
    click.echo(report.summary())


@cli.command(
    help=_(
        "Export the database: JSON (restorable with import json) or CSV files (formulas escaped)."
    )
)
@format_option(
    ("json", "csv"), _("json: the whole database, lossless; csv: one spreadsheet per table.")
)
@output_option(
    _(
        "json: the file (default: standard output); csv: the folder "
        "(default: pipeline-export-YYYY-MM-DD)."
    ),
    dir_okay=True,
)
@progress_option
@click.pass_obj
def export(runtime: Runtime, fmt: str, output: Path | None, show_progress: bool) -> None:
    store = runtime.store()
    today = runtime.config.today
    progress = progress_printer(show_progress)
    if fmt == "csv":
        from pipeline_tui.services.transfer.csv_export import export_csv

        folder = output or Path(f"pipeline-export-{today.isoformat()}")
        files = export_csv(store, folder, progress=progress)
        where = folder.expanduser().absolute()
        click.echo(
            ngettext(
                "Exported {count} table to {path}", "Exported {count} tables to {path}", len(files)
            ).format(count=len(files), path=where)
        )
        return
    from pipeline_tui.services.transfer.json_io import write_json_export

    if output is None:
        write_json_export(store, sys.stdout, today=today, progress=progress)
        return
    from pipeline_tui.files import private_file

    with private_file(output) as handle:
        counts = write_json_export(store, handle, today=today, progress=progress)
    rows = sum(counts.values())
    click.echo(
        ngettext("Exported {count} row to {path}", "Exported {count} rows to {path}", rows).format(
            count=formats.number(rows), path=output
        )
    )


@cli.command(
    help=_(
        "Due activities as an iCalendar file, each with an alarm at the reminder_time setting: "
        "import it, or re-import it to update (stable UIDs, SEQUENCE bumped on change)."
    )
)
@output_option(_("The .ics file (default: standard output)."))
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    default=None,
    help=_("Only what is due within N days (overdue included); default: everything due."),
)
@click.pass_obj
def ics(runtime: Runtime, output: Path | None, days: int | None) -> None:
    from pipeline_tui.services.transfer.ics import build_calendar

    data = build_calendar(
        runtime.store(), stamp=datetime.now(UTC), today=runtime.config.today, days=days
    )
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from pipeline_tui.files import private_file

    with private_file(output, "wb") as handle:
        handle.write(data)
    click.echo(_("Calendar written: {path}").format(path=output))


@cli.command(
    help=_(
        "Erase a contact's personal data for good (CONTACT: id, email, or exact name).\n"
        "\n"
        "Their activities, deals and surveys stay, anonymous, so the figures do not change."
    )
)
@click.argument("contact")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@click.pass_obj
def forget(runtime: Runtime, contact: str, yes: bool) -> None:
    from pipeline_tui.services.transfer.forget import forget_contact, resolve_contact

    store = runtime.store()
    match = resolve_contact(store, contact)
    if not yes:
        question = _(
            "Erase {contact} for good? Name, email, phone, profile URL and notes cannot be "
            "recovered afterwards"
        )
        click.confirm(
            question.format(contact=match),
            abort=True,
            err=True,
        )
    report = forget_contact(store, match.id, today=runtime.config.today)
    click.echo(report.summary())
