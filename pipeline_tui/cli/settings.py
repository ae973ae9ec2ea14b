"""``pipeline-tui settings``: every user-tunable number, its default and what it changes."""

from __future__ import annotations

import json

import click

from pipeline_tui.cli.base import Runtime, cli, print_json


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def settings(ctx: click.Context, as_json: bool) -> None:
    """List the settings (get KEY, set KEY VALUE, reset KEY to change them)."""
    if ctx.invoked_subcommand is not None:
        return
    from pipeline_tui.services.settings import setting_lines

    runtime: Runtime = ctx.obj
    lines = setting_lines(runtime.reads())
    if as_json:
        print_json(
            {
                line.key: {
                    "value": line.value,
                    "default": line.default,
                    "description": line.description,
                }
                for line in lines
            }
        )
        return
    for line in lines:
        mark = "*" if line.changed else " "
        click.echo(f"{mark} {line.key} = {_shown(line.value)}")
        click.echo(f"    {line.description} (default {_shown(line.default)})")


@settings.command("get")
@click.argument("key")
@click.pass_obj
def get(runtime: Runtime, key: str) -> None:
    """Print one setting's value (JSON for a map)."""
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.settings import setting_lines

    base, _, entry = key.partition(".")
    line = next((ln for ln in setting_lines(runtime.reads()) if ln.key == base), None)
    if line is None:
        raise InvalidInput(f"there is no setting named {key!r} (see `pipeline-tui settings`)")
    value = line.value
    if entry:
        if not isinstance(value, dict) or entry not in value:
            raise InvalidInput(f"{base} has no entry {entry!r}")
        value = value[entry]
    click.echo(_shown(value))


@settings.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_obj
def set_(runtime: Runtime, key: str, value: str) -> None:
    """Change one setting: `set rot_days 30`, `set stage_probabilities.proposal 50`,
    `set dependence_threshold 5/6`."""
    from pipeline_tui.services.settings import set_setting_text

    base, stored = set_setting_text(runtime.store(), key, value)
    click.echo(f"{base} = {_shown(stored)}")


@settings.command("reset")
@click.argument("key")
@click.pass_obj
def reset(runtime: Runtime, key: str) -> None:
    """Put a setting (or one entry, `rot_days.proposal`) back to its default."""
    from pipeline_tui.services.settings import reset_setting

    reset_setting(runtime.store(), key)
    click.echo(f"{key} is back to its default")
