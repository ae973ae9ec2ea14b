"""``sequence add|edit|list|enroll|stop|rm``: follow-up sequences and the leads enrolled in them.

A sequence is named by ``#id`` or its name; a lead by a contact's or a deal's ``#id`` or exact
name (``contact:…`` or ``deal:…`` when both answer). Steps are typed ``email:0,call:3,email:7``
(``domain.sequence.parse_steps``)."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json, yes_option


@cli.group()
def sequence() -> None:
    """Follow-up sequences: define one, enrol a contact or a deal, see where each stands.

    \b
    Examples:
      pipeline-tui sequence add Relance --steps "email:0,call:3,email:7,social:14"
      pipeline-tui sequence enroll Relance "Karim Benali"
      pipeline-tui sequence list
      pipeline-tui sequence stop 4
    """


def _steps_text(view) -> str:
    from pipeline_tui.domain.sequence import format_steps

    return format_steps(view.steps)


@sequence.command("add")
@click.argument("name")
@click.option("--steps", required=True, help='The steps, e.g. "email:0,call:3,email:7".')
@click.option(
    "--weekends/--no-weekends",
    default=False,
    help="Schedule steps on Saturdays and Sundays too (default: moved to the Monday).",
)
@json_option()
@click.pass_obj
def sequence_add(runtime: Runtime, name: str, steps: str, weekends: bool, as_json: bool) -> None:
    """Define a sequence NAME with its steps (kind:day, the day counted from the enrolment)."""
    from pipeline_tui.services.sequences import define_sequence

    made = define_sequence(runtime.store(), name, steps, skip_weekends=not weekends)
    if as_json:
        print_json({"id": made.id, "name": made.name, "steps": _steps_text(made)})
    else:
        click.echo(f"Added sequence #{made.id} {made.name}: {_steps_text(made)}")


@sequence.command("edit")
@click.argument("sequence_name", metavar="SEQUENCE")
@click.option("--name", help="A new name.")
@click.option("--steps", help="New steps (for the next enrolments).")
@json_option()
@click.pass_obj
def sequence_edit(
    runtime: Runtime, sequence_name: str, name: str | None, steps: str | None, as_json: bool
) -> None:
    """Rename a sequence or replace its steps; the leads already enrolled keep theirs."""
    from pipeline_tui.errors import InvalidInput
    from pipeline_tui.services.sequences import edit_sequence, resolve_sequence

    if name is None and steps is None:
        raise InvalidInput("nothing to change: give --name or --steps")
    store = runtime.store()
    made = edit_sequence(store, resolve_sequence(store, sequence_name), name=name, steps_text=steps)
    if as_json:
        print_json({"id": made.id, "name": made.name, "steps": _steps_text(made)})
    else:
        click.echo(f"Changed sequence #{made.id} {made.name}: {_steps_text(made)}")


@sequence.command("list")
@json_option()
@click.pass_obj
def sequence_list(runtime: Runtime, as_json: bool) -> None:
    """Every sequence with its steps, and its enrolments with where each stands."""
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services.sequence_view import (
        sequence_json,
        sequences_with_enrollments,
        standing,
    )

    found = sequences_with_enrollments(runtime.reads())
    if as_json:
        print_json([sequence_json(state) for state in found])
        return
    if not found:
        click.echo('No sequence yet: sequence add NAME --steps "email:0,call:3,email:7".')
    for state in found:
        s = state.sequence
        click.echo(f"#{s.id} {s.name}: {_steps_text(s)}")
        if not state.enrollments:
            click.echo("  nobody enrolled")
        for e in state.enrollments:
            click.echo(
                f"  enrolment #{e.id} {e.who}, from {format_day(e.started_on)}: {standing(e)}"
            )


@sequence.command("enroll")
@click.argument("sequence_name", metavar="SEQUENCE")
@click.argument("lead", metavar="CONTACT|DEAL")
@json_option()
@click.pass_obj
def sequence_enroll(runtime: Runtime, sequence_name: str, lead: str, as_json: bool) -> None:
    """Enrol a contact or a deal from today: each step becomes a planned activity. An opted-out
    contact, a closed deal or a lead already in a running sequence is refused."""
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services.sequence_view import enrollment_json
    from pipeline_tui.services.sequences import enroll_named

    made = enroll_named(runtime.store(), sequence_name, lead, on=runtime.config.today)
    if as_json:
        print_json(enrollment_json(made))
        return
    click.echo(f"Enrolled {made.who} in {made.sequence_name} (enrolment #{made.id}):")
    for step in made.steps:
        click.echo(f"  {step.kind} due {format_day(step.due_on)}")


@sequence.command("stop")
@click.argument("enrollment_id", metavar="ENROLMENT", type=int)
@json_option()
@click.pass_obj
def sequence_stop(runtime: Runtime, enrollment_id: int, as_json: bool) -> None:
    """Stop an enrolment by hand: its steps not done yet are deleted; done ones stay."""
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
            f"Stopped enrolment #{stopped.enrollment_id} in {stopped.sequence_name}: "
            f"{stopped.cancelled} planned step(s) deleted"
        )


@sequence.command("rm")
@click.argument("sequence_name", metavar="SEQUENCE")
@yes_option
@json_option()
@click.pass_obj
def sequence_rm(runtime: Runtime, sequence_name: str, yes: bool, as_json: bool) -> None:
    """Delete a sequence: its running enrolments stop (their planned steps are deleted) and its
    enrolments go; the activities already done stay."""
    from pipeline_tui.cli.base import confirm_removal
    from pipeline_tui.services.sequences import (
        remove_sequence,
        resolve_sequence,
        sequence_removal,
    )

    store = runtime.store()
    sequence_id = resolve_sequence(store, sequence_name)
    view, made, running = sequence_removal(store, sequence_id)
    confirm_removal(
        f"Delete sequence {view.name} with its {made} enrolment(s) ({running} running: their "
        "planned steps are deleted)?",
        yes,
    )
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
        click.echo(
            f"Deleted sequence {removal.name}: {removal.enrollments} enrolment(s), "
            f"{cancelled} planned step(s) deleted"
        )
