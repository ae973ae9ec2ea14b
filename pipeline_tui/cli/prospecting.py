"""``pipeline-tui log``, ``review`` and ``plan``: continuous prospecting from the terminal."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, format_option, json_option, print_json
from pipeline_tui.cli.plan import register_cadence_commands
from pipeline_tui.domain.present import activity_core_json
from pipeline_tui.i18n import N_, _, english, ngettext

# The plan's verdict on a week (``domain.cadence.WeekVerdict.verdict``).
_VERDICTS = {"met": N_("met"), "missed": N_("missed"), "pending": N_("pending"), "idle": N_("idle")}


@cli.command(
    help=_(
        "Log a done or planned activity from one line of TEXT.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        '  pipeline-tui log "call Karim Benali outcome:meeting next:+1w"\n'
        "  pipeline-tui log 'email Decathlon \"sent the deck\" done:yesterday'\n"
        "  pipeline-tui log '#event \"Meetup Lyon Freelance\"'\n"
        '  pipeline-tui log "call Olivier Garnier due:fri"\n'
        "\n"
        "Options in the text: done:DATE (default today), due:DATE (plan it), next:DATE "
        "(schedule\n"
        "the follow-up), outcome:TEXT, note:TEXT, deal:ID, #channel; quote values with "
        "spaces."
    )
)
@click.argument("text")
@json_option()
@click.pass_obj
def log(runtime: Runtime, text: str, as_json: bool) -> None:
    from pipeline_tui.services.quicklog import log_text

    today = runtime.config.today
    result = log_text(runtime.store(), text, today)
    if as_json:
        a, f = result.activity, result.follow_up
        print_json(
            {
                "activity": {
                    **activity_core_json(a),
                    "done_on": a.done_on.isoformat() if a.done_on else None,
                    "outcome": a.outcome,
                    "client": result.client_name,
                    "contact": result.contact_name,
                    "deal_id": a.deal_id,
                    "enrollment_id": a.enrollment_id,
                },
                "completed_step": result.completed_step,
                "completed_sequence": result.completed_sequence,
                "stopped_sequences": [
                    {"enrollment_id": s.enrollment_id, "reason": s.reason, "cancelled": s.cancelled}
                    for s in result.stopped
                ],
                "follow_up": None
                if f is None
                else {"id": f.id, "due_on": f.due_on.isoformat() if f.due_on else None},
                "warnings": [english(w) for w in result.warnings],
            }
        )
    else:
        for line in result.lines(today):
            click.echo(line)
    for warning in result.warnings:
        click.echo(_("Warning: {message}").format(message=warning), err=True)


@cli.command(
    help=_(
        "The weekly prospecting review: plan, leads, moves, wins and losses, coverage trend, "
        "overdue follow-ups and next week's targets."
    )
)
@click.option(
    "--week", metavar="YYYY-Www", help=_("The ISO week (default: the last complete one).")
)
@format_option(("md", "json"), _("Markdown to paste into notes, or JSON (money in cents)."))
@click.pass_obj
def review(runtime: Runtime, week: str | None, fmt: str) -> None:
    from pipeline_tui.services.review import weekly_review
    from pipeline_tui.services.review_format import review_json, review_markdown

    result = weekly_review(runtime.reads(), runtime.config.today, week)
    if fmt == "json":
        print_json(review_json(result))
    else:
        click.echo(review_markdown(result), nl=False)


@cli.group(
    invoke_without_command=True,
    help=_(
        "The prospecting plan: each cadence's progress in its period, and the streak.\n"
        "\n"
        "\b\n"
        "Change it with:\n"
        "  pipeline-tui plan add email 10 --per week\n"
        "  pipeline-tui plan edit 3 --count 12\n"
        "  pipeline-tui plan pause 3 / plan resume 3 / plan rm 3"
    ),
)
@json_option()
@click.pass_context
def plan(ctx: click.Context, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    runtime: Runtime = ctx.obj
    from pipeline_tui.services.plan_progress import plan_json, plan_status

    status = plan_status(runtime.reads(), runtime.config.today)
    if as_json:
        print_json(plan_json(status))
        return
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services.review import period_text

    weeks = status.streak.weeks
    verdict = status.streak.current.verdict
    click.echo(
        ngettext(
            "Prospecting plan as of {day} — streak: {count} week (this week: {verdict})",
            "Prospecting plan as of {day} — streak: {count} weeks (this week: {verdict})",
            weeks,
        ).format(
            day=format_day(status.as_of),
            count=weeks,
            verdict=_(_VERDICTS[verdict]) if verdict in _VERDICTS else verdict,
        )
    )
    if not status.lines:
        click.echo("  " + _("No active cadence: add one, or raise the plan from a what-if."))
    width = max((len(line.label) for line in status.lines), default=0)
    for line in status.lines:
        filled = round(line.ratio * 10)
        bar = "█" * filled + "░" * (10 - filled)
        mark = "✓" if line.met else " "
        click.echo(
            f"  {line.label.ljust(width)}  {bar} {line.done:>3}/{line.target:<3} {mark} "
            f"{line.rule_text}, {period_text(line.period)}"
        )


register_cadence_commands(plan)
