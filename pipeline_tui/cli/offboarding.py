"""The end of a collaboration: ``end``, ``offboarding`` and ``playbook`` (the template).

Parse the options, call the services, print; no business logic here. Surveys, lessons and case
studies are in ``cli.feedback``.
"""

from __future__ import annotations

from datetime import date

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json
from pipeline_tui.domain.playbook import DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS
from pipeline_tui.domain.vocabulary import END_REASONS, PLAYBOOK_ANCHORS
from pipeline_tui.errors import InvalidInput


def typed_date(text: str | None, runtime: Runtime, what: str) -> date | None:
    """A date as people type it (``today``, ``+2w``, ``2026-12-01``…), relative to --today."""
    if text is None:
        return None
    from pipeline_tui.domain.dates import parse_date

    try:
        return parse_date(text, runtime.config.today)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from exc


def client_id_named(runtime: Runtime, name: str) -> int:
    """The client ``name`` designates (``services.resolve``: ``#id`` or its exact name)."""
    from pipeline_tui.services.resolve import resolve_client

    return resolve_client(runtime.store(), name)


def _mission_to_end(runtime: Runtime, target: str) -> int:
    """``#12`` or ``12`` is a mission id; anything else a client with one running mission."""
    from pipeline_tui.services.offboarding import mission_to_end

    digits = target.removeprefix("#")
    if digits.isdigit():
        return int(digits)
    return mission_to_end(runtime.store(), client_id_named(runtime, target), runtime.config.today)


def _money(text: str | None, what: str) -> int | None:
    if text is None:
        return None
    from pipeline_tui.domain.money import parse_money

    try:
        return parse_money(text)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from exc


# --- end and offboarding --------------------------------------------------------------------------


@cli.command()
@click.argument("target", metavar="CLIENT|MISSION_ID")
@click.option("--on", "on_text", required=True, metavar="DATE", help="The last day of the mission.")
@click.option("--reason", type=click.Choice(END_REASONS), required=True, help="Why it ends early.")
@click.option(
    "--notice",
    type=click.IntRange(0, MAX_NOTICE_DAYS),
    default=DEFAULT_NOTICE_DAYS,
    show_default=True,
    help="Notice, in days (dates the steps before the end).",
)
@click.option("--note", help="What happened, in your words.")
@click.option("--training", metavar="AMOUNT", help="Paid training offer for whoever takes over.")
@click.option(
    "--not-good", is_flag=True, help="The relationship did not stay good (no case study)."
)
@json_option("Machine-readable output (money in cents).")
@click.pass_obj
def end(
    runtime: Runtime,
    target: str,
    on_text: str,
    reason: str,
    notice: int,
    note: str | None,
    training: str | None,
    not_good: bool,
    as_json: bool,
) -> None:
    """End a mission early and open its offboarding checklist."""
    from pipeline_tui.services.offboarding import end_mission_early
    from pipeline_tui.services.offboarding_view import get_offboarding_view, view_json

    store, today = runtime.store(), runtime.config.today
    result = end_mission_early(
        store,
        _mission_to_end(runtime, target),
        end_on=typed_date(on_text, runtime, "--on"),
        notice_days=notice,
        reason=reason,
        note=note,
        relationship_good=not not_good,
        training_offer_cents=_money(training, "--training"),
        today=today,
    )
    view = get_offboarding_view(store, result.offboarding_id)
    if as_json:
        print_json(view_json(view))
        return
    click.echo(
        f"Ended {view.mission.title!r} ({view.summary.client_name}) on {view.summary.end_on}; "
        f"offboarding #{result.offboarding_id} opened with {result.items} items."
    )
    click.echo(_render_view(view, _currency(runtime), today))


def _currency(runtime: Runtime) -> str:
    from pipeline_tui.services.settings import load_settings

    return load_settings(runtime.store()).currency


def _render_view(view, currency: str, today: date) -> str:
    from pipeline_tui.domain.money import format_money
    from pipeline_tui.domain.vocabulary import label

    s = view.summary
    state = f"closed on {s.closed_on}" if s.closed_on else "open"
    lines = [
        f"{s.client_name} — {s.mission_title}",
        f"  ended early on {s.end_on} ({label(s.reason)}), notice {s.notice_days} days; "
        f"{format_money(view.monthly_revenue_cents, currency)}/month lost",
        f"  checklist {s.progress} done, {state}",
        "",
    ]
    for item in view.items:
        tick = "x" if item.done_on else " "
        late = " (overdue)" if item.done_on is None and item.due_on < today else ""
        lines.append(f"  [{tick}] {item.due_on}  {item.key:<20} {item.title}{late}")
    if view.steps:
        lines += ["", "  Transition plan"]
        for step in view.steps:
            tick = "x" if step.done_on else " "
            owner = f" → {step.owner}" if step.owner else ""
            lines.append(f"  [{tick}] {step.task}{owner}")
    if view.documents:
        lines += ["", "  Documents to hand over"]
        for doc in view.documents:
            lines.append(f"  [{'x' if doc.handed_over_on else ' '}] {doc.name}")
    if view.lessons:
        lines += ["", "  Lessons"]
        for lesson in view.lessons:
            due = f" (by {lesson.due_on})" if lesson.due_on else ""
            done = " ✓" if lesson.done_on else ""
            lines.append(f"  - {label(lesson.kind)}: {lesson.text}{due}{done}")
    deal = view.training_deal
    if deal is not None:
        value = format_money(deal.monthly_value_cents, currency)
        lines += ["", f"  Training deal #{deal.id}: {deal.title} — {deal.stage}, {value}"]
    return "\n".join(lines)


@cli.command()
@click.argument("client", required=False)
@click.option("--all", "show_all", is_flag=True, help="Closed offboardings too.")
@click.option("--done", "done_keys", multiple=True, metavar="KEY", help="Tick an item (repeat).")
@click.option("--undo", "undo_keys", multiple=True, metavar="KEY", help="Untick an item.")
@json_option()
@click.pass_obj
def offboarding(
    runtime: Runtime,
    client: str | None,
    show_all: bool,
    done_keys: tuple[str, ...],
    undo_keys: tuple[str, ...],
    as_json: bool,
) -> None:
    """Open offboardings and their progress; with CLIENT, its checklist (tick items with --done)."""
    from pipeline_tui.services import offboarding as service
    from pipeline_tui.services import offboarding_view as reading

    store, today = runtime.store(), runtime.config.today
    if client is None:
        if done_keys or undo_keys:
            raise InvalidInput("name the client whose checklist items to tick")
        rows = reading.list_offboardings(store, open_only=not show_all)
        if as_json:
            print_json([reading.summary_json(s) for s in rows])
            return
        if not rows:
            click.echo("No offboarding under way." if not show_all else "No offboarding yet.")
        for s in rows:
            next_item = f"; next: {s.next_title} ({s.next_due_on})" if s.next_title else ""
            click.echo(f"{s.client_name} — {s.mission_title}: {s.progress} done{next_item}")
        return
    offboarding_id = reading.latest_offboarding_id(store, client_id_named(runtime, client))
    for key in done_keys:
        service.set_item_done(store, service.find_item(store, offboarding_id, key).id, today)
    for key in undo_keys:
        service.set_item_done(store, service.find_item(store, offboarding_id, key).id, None)
    view = reading.get_offboarding_view(store, offboarding_id)
    if as_json:
        print_json(reading.view_json(view))
    else:
        click.echo(_render_view(view, _currency(runtime), today))


# --- the template ---------------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.pass_context
def playbook(ctx: click.Context) -> None:
    """The offboarding template (editing it changes the next offboarding, not open ones)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(playbook_show)


@playbook.command("show")
@json_option()
@click.pass_obj
def playbook_show(runtime: Runtime, as_json: bool = False) -> None:
    """The template's steps: key, when each is due, title."""
    from pipeline_tui.services.playbook_template import is_default_template, load_template

    steps = load_template(runtime.store())
    if as_json:
        print_json(
            [
                {
                    "key": s.key,
                    "title": s.title,
                    "from": s.anchor,
                    "offset_days": s.offset_days,
                    "only_if_good": s.only_if_good,
                    "active": s.active,
                }
                for s in steps
            ]
        )
        return
    origin = "the default template" if is_default_template(runtime.store()) else "your template"
    click.echo(f"Offboarding checklist ({origin}):")
    for position, s in enumerate(steps, start=1):
        when = f"{s.anchor} {s.offset_days:+d}d"
        flags = ("" if s.active else " [off]") + (" [if good]" if s.only_if_good else "")
        click.echo(f"  {position:>2}. {s.key:<22} {when:<12} {s.title}{flags}")


@playbook.command("set")
@click.argument("key")
@click.option("--title")
@click.option("--offset", type=int, help="Days after the anchor (negative: before).")
@click.option(
    "--from", "anchor", type=click.Choice(PLAYBOOK_ANCHORS), help="What it is dated from."
)
@click.option("--active/--off", default=None, help="Copy the step into new offboardings, or not.")
@click.option(
    "--if-good/--always", "only_if_good", default=None, help="Only if relations stayed good."
)
@click.pass_obj
def playbook_set(
    runtime: Runtime,
    key: str,
    title: str | None,
    offset: int | None,
    anchor: str | None,
    active: bool | None,
    only_if_good: bool | None,
) -> None:
    """Change a step of the template."""
    from pipeline_tui.services.playbook_template import update_template_step

    step = update_template_step(
        runtime.store(),
        key,
        title=title,
        offset_days=offset,
        anchor=anchor,
        active=active,
        only_if_good=only_if_good,
    )
    click.echo(f"{step.key}: {step.anchor} {step.offset_days:+d}d, {step.title}")


@playbook.command("add")
@click.argument("key")
@click.argument("title")
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--from", "anchor", type=click.Choice(PLAYBOOK_ANCHORS), default="end")
@click.option("--position", type=int, help="1-based place in the template (default: last).")
@click.pass_obj
def playbook_add(
    runtime: Runtime, key: str, title: str, offset: int, anchor: str, position: int | None
) -> None:
    """Add a step to the template."""
    from pipeline_tui.domain.playbook import TemplateStep
    from pipeline_tui.services.playbook_template import add_template_step

    add_template_step(runtime.store(), TemplateStep(key, title, anchor, offset), position=position)
    click.echo(f"Added {key}.")


@playbook.command("move")
@click.argument("key")
@click.argument("position", type=int)
@click.pass_obj
def playbook_move(runtime: Runtime, key: str, position: int) -> None:
    """Move a step to POSITION (1 is the first)."""
    from pipeline_tui.services.playbook_template import move_template_step

    move_template_step(runtime.store(), key, position)
    click.echo(f"Moved {key} to {position}.")


@playbook.command("remove")
@click.argument("key")
@click.pass_obj
def playbook_remove(runtime: Runtime, key: str) -> None:
    """Remove a step from the template."""
    from pipeline_tui.services.playbook_template import remove_template_step

    remove_template_step(runtime.store(), key)
    click.echo(f"Removed {key}.")


@playbook.command("reset")
@click.pass_obj
def playbook_reset(runtime: Runtime) -> None:
    """Back to the built-in template."""
    from pipeline_tui.services.playbook_template import reset_template

    reset_template(runtime.store())
    click.echo("The offboarding template is the built-in one again.")
