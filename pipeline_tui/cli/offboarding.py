"""The end of a collaboration: ``end``, ``offboarding`` and ``playbook`` (the template).

Parse the options, call the services, print; no business logic here. Surveys, lessons and case
studies are in ``cli.feedback``.
"""

from __future__ import annotations

from datetime import date

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json, text_rows
from pipeline_tui.domain.playbook import DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS
from pipeline_tui.domain.vocabulary import END_REASONS, PLAYBOOK_ANCHORS
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _, current_language, ngettext, using_language

# When a step of the template is due: so many days from the notice or from the end.
_WHEN = {"notice": N_("notice {offset}d"), "end": N_("end {offset}d")}


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


@cli.command(help=_("End a mission early and open its offboarding checklist."))
@click.argument("target", metavar="CLIENT|MISSION_ID")
@click.option(
    "--on", "on_text", required=True, metavar="DATE", help=_("The last day of the mission.")
)
@click.option(
    "--reason", type=click.Choice(END_REASONS), required=True, help=_("Why it ends early.")
)
@click.option(
    "--notice",
    type=click.IntRange(0, MAX_NOTICE_DAYS),
    default=DEFAULT_NOTICE_DAYS,
    show_default=True,
    help=_("Notice, in days (dates the steps before the end)."),
)
@click.option("--note", help=_("What happened, in your words."))
@click.option("--training", metavar="AMOUNT", help=_("Paid training offer for whoever takes over."))
@click.option(
    "--not-good", is_flag=True, help=_("The relationship did not stay good (no case study).")
)
@json_option(_("Machine-readable output (money in cents)."))
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
    from pipeline_tui.domain.mathutil import format_day

    ended = ngettext(
        "Ended {mission!r} ({client}) on {day}; offboarding #{id} opened with {count} item.",
        "Ended {mission!r} ({client}) on {day}; offboarding #{id} opened with {count} items.",
        result.items,
    )
    click.echo(
        ended.format(
            mission=view.mission.title,
            client=view.summary.client_name,
            day=format_day(view.summary.end_on),
            id=result.offboarding_id,
            count=result.items,
        )
    )
    click.echo(_render_view(view, _currency(runtime), today))


def _currency(runtime: Runtime) -> str:
    from pipeline_tui.services.settings import load_settings

    return load_settings(runtime.store()).currency


def _render_view(view, currency: str, today: date) -> str:
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.domain.money import format_money
    from pipeline_tui.domain.vocabulary import label

    s = view.summary
    state = _("closed on {day}").format(day=format_day(s.closed_on)) if s.closed_on else _("open")
    ended = ngettext(
        "ended early on {day} ({reason}), notice {count} day; {amount}/month lost",
        "ended early on {day} ({reason}), notice {count} days; {amount}/month lost",
        s.notice_days,
    ).format(
        day=format_day(s.end_on),
        reason=label(s.reason),
        count=s.notice_days,
        amount=format_money(view.monthly_revenue_cents, currency),
    )
    checklist = _("checklist {progress} done, {state}").format(progress=s.progress, state=state)
    lines = [f"{s.client_name} — {s.mission_title}", f"  {ended}", f"  {checklist}", ""]
    for item in view.items:
        tick = "x" if item.done_on else " "
        overdue = _("overdue")
        late = f" ({overdue})" if item.done_on is None and item.due_on < today else ""
        lines.append(f"  [{tick}] {item.due_on}  {item.key:<20} {item.title}{late}")
    if view.steps:
        lines += ["", "  " + _("Transition plan")]
        for step in view.steps:
            tick = "x" if step.done_on else " "
            owner = f" → {step.owner}" if step.owner else ""
            lines.append(f"  [{tick}] {step.task}{owner}")
    if view.documents:
        lines += ["", "  " + _("Documents to hand over")]
        for doc in view.documents:
            lines.append(f"  [{'x' if doc.handed_over_on else ' '}] {doc.name}")
    if view.lessons:
        lines += ["", "  " + _("Lessons")]
        for lesson in view.lessons:
            due = (
                " (" + _("by {day}").format(day=format_day(lesson.due_on)) + ")"
                if lesson.due_on
                else ""
            )
            done = " ✓" if lesson.done_on else ""
            lines.append(f"  - {label(lesson.kind)}: {lesson.text}{due}{done}")
    deal = view.training_deal
    if deal is not None:
        value = format_money(deal.monthly_value_cents, currency)
        training = _("Training deal #{id}: {title} — {stage}, {value}").format(
            id=deal.id, title=deal.title, stage=label(deal.stage), value=value
        )
        lines += ["", f"  {training}"]
    return "\n".join(lines)


@cli.command(
    help=_(
        "Open offboardings and their progress; with CLIENT, its checklist (tick items with --done)."
    )
)
@click.argument("client", required=False)
@click.option("--all", "show_all", is_flag=True, help=_("Closed offboardings too."))
@click.option("--done", "done_keys", multiple=True, metavar="KEY", help=_("Tick an item (repeat)."))
@click.option("--undo", "undo_keys", multiple=True, metavar="KEY", help=_("Untick an item."))
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
    from pipeline_tui.domain.mathutil import format_day
    from pipeline_tui.services import offboarding as service
    from pipeline_tui.services import offboarding_view as reading

    store, today = runtime.store(), runtime.config.today
    if client is None:
        if done_keys or undo_keys:
            raise InvalidInput(_("name the client whose checklist items to tick"))
        rows = reading.list_offboardings(store, open_only=not show_all)
        empty = _("No offboarding under way.") if not show_all else _("No offboarding yet.")
        for s in text_rows(rows, as_json, reading.summary_json, empty):
            line = _("{client} — {mission}: {progress} done").format(
                client=s.client_name, mission=s.mission_title, progress=s.progress
            )
            if s.next_title:
                line += _("; next: {title} ({day})").format(
                    title=s.next_title, day=format_day(s.next_due_on)
                )
            click.echo(line)
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


def _when(anchor: str, offset_days: int) -> str:
    """When a step of the template is due: ``end +7d``, ``notice -3d``."""
    when = _WHEN.get(anchor)
    offset = f"{offset_days:+d}"
    return _(when).format(offset=offset) if when else f"{anchor} {offset}d"


@cli.group(
    invoke_without_command=True,
    help=_("The offboarding template (editing it changes the next offboarding, not open ones)."),
)
@click.pass_context
def playbook(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(playbook_show)


@playbook.command("show", help=_("The template's steps: key, when each is due, title."))
@json_option()
@click.pass_obj
def playbook_show(runtime: Runtime, as_json: bool = False) -> None:
    from pipeline_tui.services.playbook_template import is_default_template, load_template

    # The default template is worded in the language spoken; JSON values never change with it.
    with using_language("en" if as_json else current_language()):
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
    if is_default_template(runtime.store()):
        click.echo(_("Offboarding checklist (the default template):"))
    else:
        click.echo(_("Offboarding checklist (your template):"))
    for position, s in enumerate(steps, start=1):
        when = _when(s.anchor, s.offset_days)
        off, if_good = _("off"), _("if good")
        flags = ("" if s.active else f" [{off}]") + (f" [{if_good}]" if s.only_if_good else "")
        click.echo(f"  {position:>2}. {s.key:<22} {when:<12} {s.title}{flags}")


@playbook.command("set", help=_("Change a step of the template."))
@click.argument("key")
@click.option("--title")
@click.option("--offset", type=int, help=_("Days after the anchor (negative: before)."))
@click.option(
    "--from", "anchor", type=click.Choice(PLAYBOOK_ANCHORS), help=_("What it is dated from.")
)
@click.option(
    "--active/--off", default=None, help=_("Copy the step into new offboardings, or not.")
)
@click.option(
    "--if-good/--always", "only_if_good", default=None, help=_("Only if relations stayed good.")
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
    click.echo(f"{step.key}: {_when(step.anchor, step.offset_days)}, {step.title}")


@playbook.command("add", help=_("Add a step to the template."))
@click.argument("key")
@click.argument("title")
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--from", "anchor", type=click.Choice(PLAYBOOK_ANCHORS), default="end")
@click.option("--position", type=int, help=_("1-based place in the template (default: last)."))
@click.pass_obj
def playbook_add(
    runtime: Runtime, key: str, title: str, offset: int, anchor: str, position: int | None
) -> None:
    from pipeline_tui.domain.playbook import TemplateStep
    from pipeline_tui.services.playbook_template import add_template_step

    add_template_step(runtime.store(), TemplateStep(key, title, anchor, offset), position=position)
    click.echo(_("Added {key}.").format(key=key))


@playbook.command("move", help=_("Move a step to POSITION (1 is the first)."))
@click.argument("key")
@click.argument("position", type=int)
@click.pass_obj
def playbook_move(runtime: Runtime, key: str, position: int) -> None:
    from pipeline_tui.services.playbook_template import move_template_step

    move_template_step(runtime.store(), key, position)
    click.echo(_("Moved {key} to {position}.").format(key=key, position=position))


@playbook.command("remove", help=_("Remove a step from the template."))
@click.argument("key")
@click.pass_obj
def playbook_remove(runtime: Runtime, key: str) -> None:
    from pipeline_tui.services.playbook_template import remove_template_step

    remove_template_step(runtime.store(), key)
    click.echo(_("Removed {key}.").format(key=key))


@playbook.command("reset", help=_("Back to the built-in template."))
@click.pass_obj
def playbook_reset(runtime: Runtime) -> None:
    from pipeline_tui.services.playbook_template import reset_template

    reset_template(runtime.store())
    click.echo(_("The offboarding template is the built-in one again."))
