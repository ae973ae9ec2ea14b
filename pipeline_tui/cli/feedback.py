"""What a collaboration teaches: ``survey``, ``survey-message``, ``survey-gaps``, ``lesson``,
``lessons`` and ``casestudy``. Parse the options, call the services, print."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, output_option, print_json, text_rows
from pipeline_tui.cli.offboarding import client_id_named, typed_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import SURVEY_SCALES
from pipeline_tui.i18n import N_, _, ngettext

# The survey a line names (``Survey.kind``).
_SURVEY_RECORDED = {
    "satisfaction": N_("Recorded the satisfaction survey of {client} sent {sent}{answer}."),
    "exit": N_("Recorded the exit survey of {client} sent {sent}{answer}."),
}


@cli.command(
    help=_(
        "Record a satisfaction survey (current client) or an exit survey (--exit, former client)."
    )
)
@click.argument("client")
@click.option("--score", type=int, help=_("CSAT 1–5 or NPS 0–10 (omit if not answered yet)."))
@click.option("--scale", type=click.Choice(SURVEY_SCALES), default="csat", show_default=True)
@click.option("--exit", "is_exit", is_flag=True, help=_("An exit survey (former client)."))
@click.option(
    "--sent", metavar="DATE", help=_("When it was sent (default: the answer date, today).")
)
@click.option(
    "--answered", metavar="DATE", help=_("When it was answered (default with --score: today).")
)
@click.option("--comment")
@json_option()
@click.pass_obj
def survey(
    runtime: Runtime,
    client: str,
    score: int | None,
    scale: str,
    is_exit: bool,
    sent: str | None,
    answered: str | None,
    comment: str | None,
    as_json: bool,
) -> None:
    from pipeline_tui.services.surveys import record_survey, survey_json

    today = runtime.config.today
    answered_on = typed_date(answered, runtime, "--answered")
    if answered_on is None and score is not None:
        answered_on = today
    sent_on = typed_date(sent, runtime, "--sent") or answered_on or today
    row = record_survey(
        runtime.store(),
        client_id_named(runtime, client),
        kind="exit" if is_exit else "satisfaction",
        scale=scale,
        sent_on=sent_on,
        answered_on=answered_on,
        score=score,
        comment=comment,
        today=today,
    )
    if as_json:
        print_json(survey_json(row))
        return
    answer = (
        _(", answered {day}: {scale} {score}").format(
            day=format_day(row.answered_on), scale=row.scale.upper(), score=row.score
        )
        if row.score is not None and row.answered_on
        else ""
    )
    recorded = _(_SURVEY_RECORDED.get(row.kind, _SURVEY_RECORDED["satisfaction"]))
    click.echo(recorded.format(client=client, sent=format_day(row.sent_on), answer=answer))


@cli.command(
    "survey-message",
    help=_(
        "The survey message from your template: text, a mailto: URL, or a .eml for your mail app."
    ),
)
@click.argument("client")
@click.option("--exit", "is_exit", is_flag=True, help=_("The exit survey (former client)."))
@output_option(_("Write a .eml file."))
@click.option("--mailto", is_flag=True, help=_("Print a mailto: URL instead of the text."))
@click.pass_obj
def survey_message_command(
    runtime: Runtime, client: str, is_exit: bool, output: Path | None, mailto: bool
) -> None:
    from pipeline_tui.services.surveys import survey_message

    message = survey_message(
        runtime.store(),
        client_id_named(runtime, client),
        kind="exit" if is_exit else "satisfaction",
        today=runtime.config.today,
    )
    if output is not None:
        from pipeline_tui.files import write_private_text

        write_private_text(output, message.eml, newline="")
        click.echo(_("Wrote {path} (open it in your mail app to send it).").format(path=output))
    elif mailto:
        click.echo(message.mailto)
    else:
        to = message.to or _("(no contact with an email)")
        click.echo(_("To: {to}").format(to=to))
        click.echo(_("Subject: {subject}").format(subject=message.subject) + "\n")
        click.echo(message.body)


@cli.command("survey-gaps", help=_("Current clients not surveyed for too long."))
@click.option(
    "--days", type=click.IntRange(1, 3650), help=_("Gap in days (default: the setting, 90).")
)
@json_option()
@click.pass_obj
def survey_gaps_command(runtime: Runtime, days: int | None, as_json: bool) -> None:
    from pipeline_tui.services.surveys import survey_gaps

    gaps = survey_gaps(runtime.store(), runtime.config.today, days=days)
    if as_json:
        print_json(
            [
                {
                    "client": g.client_name,
                    "last_sent_on": g.last_sent_on.isoformat() if g.last_sent_on else None,
                    "days": g.days,
                }
                for g in gaps
            ]
        )
        return
    if not gaps:
        click.echo(_("Every current client was surveyed recently."))
    for g in gaps:
        since = (
            _("never surveyed")
            if g.days is None
            else ngettext("last survey {count} day ago", "last survey {count} days ago", g.days)
        ).format(count=g.days)
        click.echo(f"{g.client_name}: {since}")


# --- lessons and case studies---------------------------------------------------------------------


@cli.command(
    help=_(
        "Record a post-mortem lesson (what did not work), or a training to take (--training-by)."
    )
)
@click.argument("client")
@click.argument("text")
@click.option("--training-by", metavar="DATE", help=_("A training to take, by this date."))
@click.pass_obj
def lesson(runtime: Runtime, client: str, text: str, training_by: str | None) -> None:
    from pipeline_tui.services.lessons import record_client_lesson

    store, today = runtime.store(), runtime.config.today
    client_id = client_id_named(runtime, client)
    due_on = typed_date(training_by, runtime, "--training-by")
    row = record_client_lesson(store, client_id, text, training_by=due_on, today=today)
    click.echo(
        _("Lesson #{id} recorded, training due {day}.").format(id=row.id, day=format_day(due_on))
        if due_on
        else _("Lesson #{id} recorded.").format(id=row.id)
    )


@cli.command(help=_("Lessons learned, and the trainings to take."))
@click.option("--open", "open_only", is_flag=True, help=_("Only the trainings still to take."))
@click.option("--client", help=_("Only this client's lessons."))
@click.option(
    "--done", "done_id", type=int, metavar="ID", help=_("Mark this training taken today.")
)
@json_option()
@click.pass_obj
def lessons(
    runtime: Runtime, open_only: bool, client: str | None, done_id: int | None, as_json: bool
) -> None:
    from pipeline_tui.domain.vocabulary import label
    from pipeline_tui.services import lessons as service

    store, today = runtime.store(), runtime.config.today
    if done_id is not None:
        service.set_lesson_done(store, done_id, today)
    client_id = client_id_named(runtime, client) if client else None
    if open_only and client_id is None:
        rows = service.open_lessons(store, today)
    else:
        rows = service.list_lessons(store, client_id=client_id, open_only=open_only)
    empty = _("No lesson recorded.") if not open_only else _("No training left to take.")
    for r in text_rows(rows, as_json, lambda row: service.lesson_json(row, today), empty):
        le = r.lesson
        due = ""
        if le.due_on:
            due = " — " + (
                _("done {day}").format(day=format_day(le.done_on))
                if le.done_on
                else _("by {day}").format(day=format_day(le.due_on))
            )
            due += " (" + _("overdue") + ")" if r.overdue(today) else ""
        who = f" [{r.client_name}]" if r.client_name else ""
        click.echo(f"#{le.id} {label(le.kind)}: {le.text}{due}{who}")


@cli.command(
    help=_("A Markdown case-study draft of CLIENT's mission, once the client agreed (--agreed).")
)
@click.argument("client")
@output_option(_("Write to a file."))
@click.option("--agreed", metavar="DATE", help=_("Record that the client agreed, on this date."))
@click.option("--role", help=_("Your role on the mission."))
@click.option("--outcome", "outcomes", multiple=True, help=_("An outcome (repeat); replaces them."))
@click.pass_obj
def casestudy(
    runtime: Runtime,
    client: str,
    output: Path | None,
    agreed: str | None,
    role: str | None,
    outcomes: tuple[str, ...],
) -> None:
    from pipeline_tui.services.case_study import (
        case_study_draft,
        case_study_mission_id,
        record_case_study,
    )

    store = runtime.store()
    mission_id = case_study_mission_id(store, client_id_named(runtime, client))
    agreed_on = typed_date(agreed, runtime, "--agreed")
    if agreed_on or role is not None or outcomes:
        record_case_study(
            store,
            mission_id,
            agreed_on=agreed_on,
            role=role,
            outcomes="\n".join(outcomes) if outcomes else None,
        )
    text = case_study_draft(store, mission_id)
    if output is None:
        click.echo(text, nl=False)
        return
    from pipeline_tui.files import write_private_text

    write_private_text(output, text)
    click.echo(_("Wrote {path}.").format(path=output))
