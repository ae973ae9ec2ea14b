"""``pipeline-tui status``, ``today`` and ``whatif``: the numbers, as text or JSON."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

from pipeline_tui.cli.base import Runtime, cli, print_json


def _show(value: Any, as_json: bool, to_json: Callable[[Any], object], renderer: str) -> None:
    """``value`` as JSON, or as the text of ``cli.text``'s function ``renderer``: that module
    is loaded for the text alone, so that ``--json`` stays quick."""
    if as_json:
        print_json(to_json(value))
    else:
        from pipeline_tui.cli.terminal import show

        show(getattr(importlib.import_module("pipeline_tui.cli.text"), renderer)(value))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def status(runtime: Runtime, as_json: bool) -> None:
    """The numbers: revenue, concentration, risk, weighted pipeline, coverage."""
    from pipeline_tui.services.numbers import compute_numbers, numbers_json

    numbers = compute_numbers(runtime.reads(), runtime.config.today)
    _show(numbers, as_json, numbers_json, "render_status")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def today(runtime: Runtime, as_json: bool) -> None:
    """The daily agenda: due and overdue activities, risk alerts, rotting deals."""
    from pipeline_tui.services.today import compute_today, today_json

    agenda = compute_today(runtime.reads(), runtime.config.today)
    _show(agenda, as_json, today_json, "render_today")


@cli.command()
@click.argument("client", required=False)
@click.option("--gap", metavar="AMOUNT", help="A monthly gap instead of a client, e.g. 8000.")
@click.option(
    "--weeks", type=click.IntRange(1, 520), default=None, help="Default: the whatif_weeks setting."
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def whatif(
    runtime: Runtime, client: str | None, gap: str | None, weeks: int | None, as_json: bool
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
        runtime.reads(), runtime.config.today, client_name=client, gap_cents=gap_cents, weeks=weeks
    )
    _show(report, as_json, whatif_json, "render_whatif")
