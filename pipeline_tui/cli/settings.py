"""``pipeline-tui settings``: list, get, set and reset the settings that decide the numbers.

A map setting is set one entry at a time as ``KEY.ENTRY`` (``rot_days.proposal 21``), or as a
JSON object; ``rot_days 30`` sets every open stage. What each key means and what a valid value is:
``domain.settings``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json
from pipeline_tui.i18n import _


def _render_table(rows) -> None:
    """A Rich table; under 120 columns each description goes under its key."""
    from rich import box
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = Console(file=sys.stdout)
    wide = console.width >= 120
    table = Table(
        title=_("Settings (* changed from the default)"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(_("key") if wide else _("key / what it changes"), no_wrap=wide)
    table.add_column(_("value"), overflow="fold")
    table.add_column(_("default"), overflow="fold")
    table.add_column("", width=1)
    if wide:
        table.add_column(_("what it changes"))
    for row in rows:
        marker = "*" if row.changed else ""
        if wide:
            table.add_row(row.path, row.value, row.default, marker, row.description)
        else:
            key = Group(
                Text(row.path, style="bold"), Padding(Text(row.description, style="dim"), (0, 2))
            )
            table.add_row(key, row.value, row.default, marker)
    console.print(table)


@cli.group(
    invoke_without_command=True,
    help=_(
        "Every setting: its value, its default and what it changes.\n"
        "\n"
        "\b\n"
        "  pipeline-tui settings get rot_days.proposal\n"
        "  pipeline-tui settings set rot_days 30            every open stage\n"
        "  pipeline-tui settings set stage_probabilities.proposal 50\n"
        "  pipeline-tui settings set dependence_threshold 5/6\n"
        "  pipeline-tui settings reset rot_days.proposal"
    ),
)
@json_option(_("key → {value, default, description}."))
@click.pass_context
def settings(ctx: click.Context, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    runtime: Runtime = ctx.obj
    if as_json:
        from pipeline_tui.services.settings import settings_json

        print_json(settings_json(runtime.reads()))
        return
    from pipeline_tui.services.settings import settings_list

    _render_table(settings_list(runtime.reads()))


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, indent=2)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@settings.command(
    "get", help=_("The value of KEY (a setting, or one entry such as rot_days.proposal).")
)
@click.argument("key")
@json_option(_("The value as JSON."))
@click.pass_obj
def settings_get(runtime: Runtime, key: str, as_json: bool) -> None:
    from pipeline_tui.services.settings import get_setting

    value = get_setting(runtime.reads(), key)
    if as_json:
        print_json(value)
    else:
        click.echo(_text(value))


@settings.command(
    "set",
    context_settings={"ignore_unknown_options": True},
    help=_("Set KEY to VALUE (checked: a bad key or value changes nothing)."),
)
@click.argument("key")
@click.argument("value")
@click.pass_obj
def settings_set(runtime: Runtime, key: str, value: str) -> None:
    from pipeline_tui.services.settings import get_setting, set_setting

    stored_key, _stored = set_setting(runtime.store(), key, value)
    shown = key if "." in key else stored_key
    click.echo(f"{shown} = {_text(get_setting(runtime.store(), shown))}")


@settings.command(
    "reset",
    help=_("Put KEY (a setting, or one entry such as rot_days.proposal) back to its default."),
)
@click.argument("key")
@click.pass_obj
def settings_reset(runtime: Runtime, key: str) -> None:
    from pipeline_tui.services.settings import get_setting, reset_setting

    reset_setting(runtime.store(), key)
    value = _text(get_setting(runtime.store(), key))
    click.echo(_("{key} = {value} (the default)").format(key=key, value=value))
