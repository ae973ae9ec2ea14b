"""``sequence add|edit|list|enroll|stop|rm``: follow-up sequences and the leads enrolled in them.

A sequence is named by ``#id`` or its name; a lead by a contact's or a deal's ``#id`` or exact
name (``contact:…`` or ``deal:…`` when both answer). Steps are typed ``email:0,call:3,email:7``
(``domain.sequence.parse_steps``)."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json, text_rows, yes_option
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, ngettext


@cli.group(
    help=_(
        "Follow-up sequences: define one, enrol a contact or a deal, see where each stands.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        '  pipeline-tui sequence add Relance --steps "email:0,call:3,email:7,social:14"\n'
        '  pipeline-tui sequence enroll Relance "Karim Benali"\n'
        "  pipeline-tui sequence list\n"
        "  pipeline-tui sequence stop 4"
    )
)
def sequence() -> None: ...


def _steps_text(view) -> str:
    from pipeline_tui.domain.sequence import format_steps

    return format_steps(view.steps)


def _show(made, as_json: bool, done: str) -> None:
    """The sequence as JSON, or ``done`` (marked ``N_``, with ``{id}``, ``{name}`` and
    ``{steps}``) saying it."""
    steps = _steps_text(made)
    if as_json:
        print_json({"id": made.id, "name": made.name, "steps": steps})
    else:
        click.echo(_(done).format(id=made.id, name=made.name, steps=steps))


@sequence.command(
    "add",
    help=_("Define a sequence NAME with its steps (kind:day, the day counted from the enrolment)."),
)
@click.argument("name")
@click.option("--steps", required=True, help=_('The steps, e.g. "email:0,call:3,email:7".'))
@click.option(
    "--weekends/--no-weekends",
    default=False,
    help=_("Schedule steps on Saturdays and Sundays too (default: moved to the Monday)."),
)
@json_option()
@click.pass_obj
def sequence_add(runtime: Runtime, name: str, steps: str, weekends: bool, as_json: bool) -> None:
    from pipeline_tui.services.sequences import define_sequence

    made = define_sequence(runtime.store(), name, steps, skip_weekends=not weekends)
    _show(made, as_json, N_("Added sequence #{id} {name}: {steps}"))


@sequence.command(
    "edit",
    help=_("Rename a sequence or replace its steps; the leads already enrolled keep theirs."),
)
@click.argument("sequence_name", metavar="SEQUENCE")
@click.option("--name", help=_("A new name."))
@click.option("--steps", help=_("New steps (for the next enrolments)."))
@json_option()
@click.pass_obj
def sequence_edit(
    runtime: Runtime, sequence_name: str, name: str | None, steps: str | None, as_json: bool
) -> None:
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.sequences import edit_sequence, resolve_sequence

    if name is None and steps is None:
        raise InvalidInput(_("nothing to change: give --name or --steps"))
    store = runtime.store()
    made = edit_sequence(store, resolve_sequence(store, sequence_name), name=name, steps_text=steps)
    _show(made, as_json, N_("Changed sequence #{id} {name}: {steps}"))


@sequence.command(
    "list", help=_("Every sequence with its steps, and its enrolments with where each stands.")
)
@json_option()
@click.pass_obj
def sequence_list(runtime: Runtime, as_json: bool) -> None:
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services.sequence_view import (
        sequence_json,
        sequences_with_enrollments,
        standing,
    )

    found = sequences_with_enrollments(runtime.reads())
    empty = _('No sequence yet: sequence add NAME --steps "email:0,call:3,email:7".')
    for state in text_rows(found, as_json, sequence_json, empty):
        s = state.sequence
        click.echo(f"#{s.id} {s.name}: {_steps_text(s)}")
        if not state.enrollments:
            click.echo("  " + _("nobody enrolled"))
        for e in state.enrollments:
            enrolment = _("enrolment #{id} {who}, from {day}: {standing}").format(
                id=e.id, who=e.who, day=format_day(e.started_on), standing=standing(e)
            )
            click.echo(f"  {enrolment}")


@sequence.command(
    "enroll",
    help=_(
        "Enrol a contact or a deal from today: each step becomes a planned activity. An opted-out "
        "contact, a closed deal or a lead already in a running sequence is refused."
    ),
)
@click.argument("sequence_name", metavar="SEQUENCE")
@click.argument("lead", metavar="CONTACT|DEAL")
@json_option()
@click.pass_obj
def sequence_enroll(runtime: Runtime, sequence_name: str, lead: str, as_json: bool) -> None:
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services.sequence_view import enrollment_json
    from pipeline_tui.services.sequences import enroll_named

    made = enroll_named(runtime.store(), sequence_name, lead, on=runtime.config.today)
    if as_json:
        print_json(enrollment_json(made))
        return
    click.echo(
        _("Enrolled {who} in {sequence} (enrolment #{id}):").format(
            who=made.who, sequence=made.sequence_name, id=made.id
        )
    )
    for step in made.steps:
        due = _("due {day}").format(day=format_day(step.due_on))
        click.echo(f"  {label(step.kind)} {due}")


@sequence.command(
    "stop", help=_("Stop an enrolment by hand: its steps not done yet are deleted; done ones stay.")
)
@click.argument("enrollment_id", metavar="ENROLMENT", type=int)
@json_option()
@click.pass_obj
def sequence_stop(runtime: Runtime, enrollment_id: int, as_json: bool) -> None:
    from pipeline_tui.services.sequences import stop_enrollment

    stopped = stop_enrollment(runtime.store(), enrollment_id, on=runtime.config.today)
    if as_json:
        print_json(
            {
                "enrollment_id": stopped.enrollment_id,
                "sequence": stopped.sequence_name,
                "stopped_on": stopped.on.isoformat(),
                "reason": stopped.reason,
                "cancelled": stopped.cancelled,
            }
        )
    else:
        click.echo(
            ngettext(
                "Stopped enrolment #{id} in {sequence}: {count} planned step deleted",
                "Stopped enrolment #{id} in {sequence}: {count} planned steps deleted",
                stopped.cancelled,
            ).format(
                id=stopped.enrollment_id, sequence=stopped.sequence_name, count=stopped.cancelled
            )
        )


@sequence.command(
    "rm",
    help=_(
        "Delete a sequence: its running enrolments stop (their planned steps are deleted) and its "
        "enrolments go; the activities already done stay."
    ),
)
@click.argument("sequence_name", metavar="SEQUENCE")
@yes_option
@json_option()
@click.pass_obj
def sequence_rm(runtime: Runtime, sequence_name: str, yes: bool, as_json: bool) -> None:
    from pipeline_tui.cli.base import confirm_removal
    from pipeline_tui.services.sequences import (
        remove_sequence,
        resolve_sequence,
        sequence_removal,
    )

    store = runtime.store()
    sequence_id = resolve_sequence(store, sequence_name)
    view, made, running = sequence_removal(store, sequence_id)
    question = ngettext(
        "Delete sequence {name} with its {count} enrolment ({running} running: their planned "
        "steps are deleted)?",
        "Delete sequence {name} with its {count} enrolments ({running} running: their planned "
        "steps are deleted)?",
        made,
    )
    confirm_removal(question.format(name=view.name, count=made, running=running), yes)
    removal = remove_sequence(store, sequence_id, on=runtime.config.today)
    if as_json:
        print_json(
            {
                "name": removal.name,
                "enrollments": removal.enrollments,
                "stopped": [s.enrollment_id for s in removal.stopped],
                "cancelled": sum(s.cancelled for s in removal.stopped),
            }
        )
    else:
        cancelled = sum(s.cancelled for s in removal.stopped)
        enrolments = ngettext(
            "{count} enrolment", "{count} enrolments", removal.enrollments
        ).format(count=removal.enrollments)
        steps = ngettext(
            "{count} planned step deleted", "{count} planned steps deleted", cancelled
        ).format(count=cancelled)
        click.echo(
            _("Deleted sequence {name}: {enrolments}, {steps}").format(
                name=removal.name, enrolments=enrolments, steps=steps
            )
        )
