"""``pipeline-tui status``, ``today`` and ``whatif``: the numbers, as text or JSON."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, print_json


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def status(runtime: Runtime, as_json: bool) -> None:
    """The numbers: revenue, concentration, risk, weighted pipeline, coverage."""
    from pipeline_tui.services.numbers import compute_numbers, numbers_json

    numbers = compute_numbers(runtime.reads(), runtime.config.today)
    if as_json:
        print_json(numbers_json(numbers))
    else:
        from pipeline_tui.cli.text import render_status

        click.echo(render_status(numbers))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (money in cents).")
@click.pass_obj
def today(runtime: Runtime, as_json: bool) -> None:
    """The daily agenda: due and overdue activities, risk alerts, rotting deals."""
    from pipeline_tui.services.today import compute_today, today_json

    agenda = compute_today(runtime.reads(), runtime.config.today)
    if as_json:
        print_json(today_json(agenda))
    else:
        from pipeline_tui.cli.text import render_today

        click.echo(render_today(agenda))


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
        runtime.store(), runtime.config.today, client_name=client, gap_cents=gap_cents, weeks=weeks
    )
    if as_json:
        print_json(whatif_json(report))
    else:
        from pipeline_tui.cli.text import render_whatif

        click.echo(render_whatif(report))
