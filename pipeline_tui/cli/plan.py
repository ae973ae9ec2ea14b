"""``plan list|add|edit|pause|resume|rm``: the cadences of the prospecting plan, changed from the
terminal (``plan`` itself, the progress, is in ``cli/prospecting.py``). Channels are named as
``domain.cadence.cadence_channel`` says (``emailing`` or ``email``, ``phone`` or ``call``…)."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import (
    Runtime,
    json_option,
    options,
    print_json,
    text_rows,
    yes_option,
)
from pipeline_tui.cli.offboarding import typed_date
from pipeline_tui.i18n import N_, _


def cadence_json(row) -> dict[str, object]:
    """A cadence as stored (the model or a ``CadenceRow``)."""
    return {
        "id": row.id,
        "channel": row.channel,
        "count": row.count,
        "rrule": row.rrule,
        "starts_on": row.starts_on.isoformat(),
        "label": row.label,
        "active": bool(row.active),
    }


def cadence_text(row) -> str:
    """``cadence #3: 10 emailing weekly from 23 Nov 2026 (paused)``."""
    from pipeline_tui.domain.cadence import describe_rule
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.domain.vocabulary import label

    text = _("cadence #{id}: {count} {channel} {rule} from {day}").format(
        id=row.id,
        count=row.count,
        channel=label(row.channel),
        rule=describe_rule(row.rrule, row.starts_on),
        day=format_day(row.starts_on),
    )
    return text if row.active else _("{cadence} (paused)").format(cadence=text)


def _show(row, as_json: bool, done: str) -> None:
    """The cadence as JSON, or ``done`` (marked ``N_``, with ``{cadence}``) saying it."""
    if as_json:
        print_json(cadence_json(row))
    else:
        click.echo(_(done).format(cadence=cadence_text(row)))


def _period(runtime: Runtime, per: str | None, rrule: str | None, start: str | None) -> dict:
    """The period options of ``plan add`` and ``plan edit`` as the service takes them."""
    starts_on = typed_date(start, runtime, "--start")
    return {"per": per, "rrule": rrule, "starts_on": starts_on, "today": runtime.config.today}


def _period_options(start_help: str):
    """``--per``, ``--rrule`` and ``--start``: the period of ``plan add`` and ``plan edit``, read
    by ``_period``."""
    return options(
        click.option(
            "--per", metavar="week|month", help=_("The period: week (ISO weeks) or month.")
        ),
        click.option(
            "--rrule", metavar="RRULE", help=_("An RFC 5545 rule instead, e.g. FREQ=DAILY.")
        ),
        click.option("--start", metavar="DATE", help=start_help),
    )


def register_cadence_commands(plan: click.Group) -> None:
    """Add the cadence commands to the ``plan`` group."""

    @plan.command(
        "list",
        help=_(
            "Every cadence with its id, paused ones too (plan shows the progress of those in "
            "effect)."
        ),
    )
    @json_option()
    @click.pass_obj
    def plan_list(runtime: Runtime, as_json: bool) -> None:
        from pipeline_tui.services.prospecting import list_cadences

        rows = list_cadences(runtime.reads())
        empty = _("No cadence: plan add email 10 --per week")
        for row in text_rows(rows, as_json, cadence_json, empty):
            click.echo(cadence_text(row))

    @plan.command(
        "add",
        help=_(
            "Add a cadence: COUNT done activities on CHANNEL per week, per month or per RRULE "
            "period (e.g. plan add email 10 --per week)."
        ),
    )
    @click.argument("channel")
    @click.argument("count", type=int)
    @_period_options(_("First day (default: this period's first)."))
    @json_option()
    @click.pass_obj
    def plan_add(
        runtime: Runtime, channel: str, count: int, as_json: bool, **period: str | None
    ) -> None:
        from pipeline_tui.services.prospecting import new_cadence

        row = new_cadence(runtime.store(), channel, count, **_period(runtime, **period))
        _show(row, as_json, N_("Added {cadence}"))

    @plan.command("edit", help=_("Change a cadence's count, period or start (the rest stays)."))
    @click.argument("cadence_id", metavar="ID", type=int)
    @click.option("--count", type=int, help=_("The new target."))
    @_period_options(_("The new first day."))
    @json_option()
    @click.pass_obj
    def plan_edit(
        runtime: Runtime, cadence_id: int, count: int | None, as_json: bool, **period: str | None
    ) -> None:
        from pipeline_tui.services.prospecting import edit_cadence

        row = edit_cadence(runtime.store(), cadence_id, count=count, **_period(runtime, **period))
        _show(row, as_json, N_("Changed {cadence}"))

    @plan.command(
        "pause",
        help=_("Take a cadence out of the plan (progress, streak, reviews) until it is resumed."),
    )
    @click.argument("cadence_id", metavar="ID", type=int)
    @json_option()
    @click.pass_obj
    def plan_pause(runtime: Runtime, cadence_id: int, as_json: bool) -> None:
        from pipeline_tui.services.prospecting import pause_cadence

        _show(pause_cadence(runtime.store(), cadence_id), as_json, N_("Paused {cadence}"))

    @plan.command("resume", help=_("Put a paused cadence back in the plan."))
    @click.argument("cadence_id", metavar="ID", type=int)
    @json_option()
    @click.pass_obj
    def plan_resume(runtime: Runtime, cadence_id: int, as_json: bool) -> None:
        from pipeline_tui.services.prospecting import resume_cadence

        _show(resume_cadence(runtime.store(), cadence_id), as_json, N_("Resumed {cadence}"))

    @plan.command(
        "rm",
        help=_(
            "Delete a cadence. The plan's progress, streak and reviews are computed from the "
            "cadences that exist: once it is gone, no figure counts it, past weeks included "
            "(pause it to keep it)."
        ),
    )
    @click.argument("cadence_id", metavar="ID", type=int)
    @yes_option
    @json_option()
    @click.pass_obj
    def plan_rm(runtime: Runtime, cadence_id: int, yes: bool, as_json: bool) -> None:
        from pipeline_tui.cli.base import confirm_removal
        from pipeline_tui.services.prospecting import get_cadence, remove_cadence

        store = runtime.store()
        row = get_cadence(store, cadence_id)
        question = _(
            "Delete {cadence}? The progress, the streak and the reviews, past weeks included, "
            "will no longer count it."
        )
        confirm_removal(question.format(cadence=cadence_text(row)), yes)
        _show(remove_cadence(store, cadence_id), as_json, N_("Deleted {cadence}"))
