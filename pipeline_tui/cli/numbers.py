"""``pipeline-tui status``, ``today`` and ``whatif``: the numbers, as text or JSON."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json
from pipeline_tui.i18n import _


def _show(value: Any, as_json: bool, to_json: Callable[[Any], object], renderer: str) -> None:
    """``value`` as JSON, or as the text of ``cli.text``'s function ``renderer``: that module
    is loaded for the text alone, so that ``--json`` stays quick."""
    if as_json:
        print_json(to_json(value))
    else:
        from pipeline_tui.cli.terminal import show

        show(getattr(importlib.import_module("pipeline_tui.cli.text"), renderer)(value))


@cli.command(help=_("The numbers: revenue, concentration, risk, weighted pipeline, coverage."))
@json_option(_("Machine-readable output (money in cents)."))
@click.pass_obj
def status(runtime: Runtime, as_json: bool) -> None:
    from pipeline_tui.services.numbers import compute_numbers, numbers_json

    numbers = compute_numbers(runtime.reads(), runtime.config.today)
    _show(numbers, as_json, numbers_json, "render_status")


def _limit(text: str | None) -> int | None:
    """``--limit N``: a whole number of 1 or more (one line of error otherwise, exit 2)."""
    from pipeline_tui.errors import InvalidInput

    if text is None:
        return None
    try:
        limit = int(text.strip())
    except ValueError:
        limit = 0
    if limit < 1:
        raise InvalidInput(
            _("--limit: give a whole number of 1 or more, not {value!r}").format(value=text)
        )
    return limit


@cli.command(help=_("The daily agenda: due and overdue activities, risk alerts, rotting deals."))
@json_option(_("Machine-readable output (money in cents)."))
@click.option(
    "--limit",
    "limit_text",
    metavar="N",
    help=_(
        "At most N overdue and N due-today activities (as text, N rotting deals too), and how "
        "many more. Default: 20 as text, every one with --json."
    ),
)
@click.option("--all", "show_all", is_flag=True, help=_("Every activity and rotting deal."))
@click.pass_obj
def today(runtime: Runtime, as_json: bool, limit_text: str | None, show_all: bool) -> None:
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.today import compute_today, today_json

    limit = _limit(limit_text)
    if limit is not None and show_all:
        raise InvalidInput(_("give --limit N or --all, not both"))
    if limit is None and not show_all and not as_json:
        from pipeline_tui.cli.text import LIST_LIMIT

        limit = LIST_LIMIT
    agenda = compute_today(runtime.reads(), runtime.config.today, limit=limit)
    _show(agenda, as_json, today_json, "render_today")


@cli.command(help=_("The loss of CLIENT (or a monthly --gap): gap, coverage and weekly targets."))
@click.argument("client", required=False)
@click.option("--gap", metavar="AMOUNT", help=_("A monthly gap instead of a client, e.g. 8000."))
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=None,
    help=_("Default: the whatif_weeks setting."),
)
@json_option(_("Machine-readable output (money in cents)."))
@click.pass_obj
def whatif(
    runtime: Runtime, client: str | None, gap: str | None, weeks: int | None, as_json: bool
) -> None:
    from pipeline_tui.domain.money import parse_money
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.numbers import compute_whatif, whatif_json

    if (client is None) == (gap is None):
        raise InvalidInput(_("name a client, or give --gap AMOUNT (one of the two)"))
    gap_cents = None
    if gap is not None:
        try:
            gap_cents = parse_money(gap)
        except ValueError as exc:
            raise InvalidInput(f"--gap: {exc}") from exc
    report = compute_whatif(
        runtime.reads(), runtime.config.today, client_name=client, gap_cents=gap_cents, weeks=weeks
    )
    _show(report, as_json, whatif_json, "render_whatif")
