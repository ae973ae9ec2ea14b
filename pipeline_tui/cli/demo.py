"""``pipeline-tui demo``: a realistic demo database."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.base import Runtime, cli, open_tui
from pipeline_tui.config import Config, default_data_dir
from pipeline_tui.i18n import _, formats, ngettext


@cli.command(
    help=_(
        "Build a realistic demo database (dates relative to --today).\n\n"
        "Without --db it is a separate file, demo.db (or demo-large.db, demo-xl.db) in the data "
        "directory, rebuilt each time; with --db the database must be empty."
    )
)
@click.option("--no-open", is_flag=True, help=_("Only build the database; do not open the TUI."))
@click.option("--seed", type=int, default=42, show_default=True, help=_("Random seed."))
@click.option(
    "--scale",
    type=click.Choice(["small", "large", "xl"]),
    default="small",
    show_default=True,
    help=_("small: ~8 clients; large: ~1k clients, 10k deals, 100k activities; xl: ×10 large."),
)
@click.pass_obj
def demo(runtime: Runtime, no_open: bool, seed: int, scale: str) -> None:
    from pipeline_tui.demo import build_demo

    if runtime.db_option is None:
        name = "demo.db" if scale == "small" else f"demo-{scale}.db"  # not shown: a file name
        path = default_data_dir() / name
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        runtime.config = Config.from_options(str(path), runtime.config.today)
    summary = build_demo(runtime.store(), today=runtime.config.today, seed=seed, scale=scale)
    where = runtime.config.sqlite_path or runtime.config.db_url
    click.echo(_("Demo database ready: {where}").format(where=where))
    s = summary
    counts = [
        ngettext("{count} client", "{count} clients", s.clients).format(count=s.clients),
        ngettext("{count} contact", "{count} contacts", s.contacts).format(count=s.contacts),
        ngettext("{count} mission", "{count} missions", s.missions).format(count=s.missions),
        ngettext("{count} deal", "{count} deals", s.deals).format(count=s.deals),
        ngettext("{count} activity", "{count} activities", s.activities).format(
            count=formats.number(s.activities)
        ),
    ]
    click.echo("  " + ", ".join(counts))
    if not no_open:
        open_tui(runtime)
