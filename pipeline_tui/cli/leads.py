"""``pipeline-tui add "QUICK-ADD TEXT"``: add a lead with the TUI's one-line syntax."""

from __future__ import annotations

import sys

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json
from pipeline_tui.i18n import _, current_language, english, using_language


def _caret_lines(line: str, start: int, end: int) -> list[str]:
    """The line and a row of carets under ``line[start:end]`` (by terminal cells, not chars)."""
    from rich.cells import cell_len

    shown = "".join(" " if c in "\t\r\n\v\f" else c for c in line)
    pad = cell_len(shown[:start])
    width = max(1, cell_len(shown[start:end]))
    return [f"  {shown}", "  " + " " * pad + "^" * width]


@cli.command(
    "add",
    help=_(
        "Add a lead: client, contact, deal and next follow-up, from one line of TEXT.\n"
        "\n"
        "\b\n"
        "Example (quote the whole line for your shell):\n"
        "  pipeline-tui add 'Decathlon / Karim Benali 650/d 6m #event next:fri \"met at "
        "Devoxx\"'\n"
        "\b\n"
        "Company [/ First Last] then, in any order: email, 650/d (day rate, x15 = days a "
        "month,\n"
        "default the default_days_per_month setting, 18) or 8k/m (a month), 6m (duration), "
        "#channel,\n"
        '@stage, @renewal (renews the client\'s running mission), next:DATE, t:"title", '
        '"note".'
    ),
)
@click.argument("text", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help=_("Show what would be created; save nothing."))
@json_option(_("Print the ids (or the preview) as JSON."))
@click.option(
    "--renewal-of",
    metavar="MISSION",
    help=_(
        "The deal renews this mission of the client (its id or title); @renewal on the line "
        "picks the running one."
    ),
)
@click.pass_obj
def add(
    runtime: Runtime,
    text: tuple[str, ...],
    dry_run: bool,
    as_json: bool,
    renewal_of: str | None,
) -> None:
    from pipeline_tui.domain.quickadd import parse

    line = " ".join(text)
    result = parse(line, runtime.config.today)
    if result.draft is None:
        for error in result.errors:
            click.echo(_("Error: {message}").format(message=error.message), err=True)
            for row in _caret_lines(line, error.start, error.end):
                click.echo(row, err=True)
        sys.exit(2)
    for warning in result.warnings:
        click.echo(_("Warning: {message}").format(message=warning.message), err=True)
        for row in _caret_lines(line, warning.start, warning.end):
            click.echo(row, err=True)

    from pipeline_tui.services.leads import add_lead, describe_added, lead_preview

    store = runtime.store()
    if renewal_of is not None and not renewal_of.strip():
        message = _("--renewal-of names a mission: its id or its title")
        click.echo(_("Error: {message}").format(message=message), err=True)
        sys.exit(2)
    today = runtime.config.today
    if dry_run:
        # JSON values never change with the language: a preview (a read) is worded in English
        with using_language("en" if as_json else current_language()):
            preview = lead_preview(store, result.draft, today, renewal_of=renewal_of)
        if as_json:
            print_json(
                {
                    "dry_run": True,
                    "client_id": preview.client_id,
                    "contact_id": preview.contact_id,
                    "client_exists": preview.client_id is not None,
                    "contact_exists": preview.contact_id is not None,
                    "monthly_value": preview.monthly_value_cents,
                    "renewal_of_mission_id": preview.renews_mission_id,
                    "error": preview.renewal_error,
                    "warnings": [english(w) for w in preview.warnings],
                }
            )
        else:
            click.echo(_("Dry run: nothing saved."))
            for row in preview.lines:
                click.echo(f"  {row}")
        if preview.renewal_error is not None:
            if not as_json:
                click.echo(_("Error: {message}").format(message=preview.renewal_error), err=True)
            sys.exit(2)
        return
    added = add_lead(store, result.draft, today, renewal_of=renewal_of)
    if as_json:
        print_json(added.as_json())
        return
    click.echo(_("Added: {what}").format(what=describe_added(added)))
    for warning in added.warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)
