"""``activity``: change or delete one activity (``log`` writes them, ``today`` lists what is due).

An activity is named by its id (``12`` or ``#12``, as ``today --json`` and ``export`` give it);
its client, contact and deal by ``#id`` or exact name (``services.resolve``). Only the options
given change; ``--client ""`` (or contact, deal) removes the link. Parse, call the service, print.
"""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json, record_id, yes_option
from pipeline_tui.cli.offboarding import typed_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.present import activity_core_json
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _


def activity_id(text: str) -> int:
    return record_id(text, _("an activity"))


def _json(detail) -> dict[str, object]:
    a = detail.activity
    return {
        **activity_core_json(a),
        "done_on": a.done_on.isoformat() if a.done_on else None,
        "outcome": a.outcome,
        "notes": a.notes,
        "client": detail.client_name,
        "contact": detail.contact_name,
        "deal": detail.deal_title,
    }


def _line(detail) -> str:
    a = detail.activity
    when = (
        _("done {day}").format(day=format_day(a.done_on))
        if a.done_on
        else _("due {day}").format(day=format_day(a.due_on))
        if a.due_on
        else _("no date")
    )
    who = ", ".join(n for n in (detail.contact_name, detail.client_name) if n)
    return f"#{a.id} {label(a.kind)} ({label(a.channel)}) {a.subject or '—'}: {when}" + (
        f", {who}" if who else ""
    )


@cli.group(help=_("Change or delete an activity (log one with `log`)."))
def activity() -> None: ...


@activity.command("show", help=_("One activity, with the names of its client, contact and deal."))
@click.argument("activity_ref", metavar="ID")
@json_option()
@click.pass_obj
def activity_show(runtime: Runtime, activity_ref: str, as_json: bool) -> None:
    from pipeline_tui.services.activities import activity_detail

    detail = activity_detail(runtime.reads(), activity_id(activity_ref))
    if as_json:
        print_json(_json(detail))
    else:
        click.echo(_line(detail))


@activity.command("edit", help=_("Change what is given of an activity; the rest stays."))
@click.argument("activity_ref", metavar="ID")
@click.option("--kind", type=click.Choice(ACTIVITY_KINDS))
@click.option("--channel", type=click.Choice(CHANNELS), help=_("Default: the new kind's own."))
@click.option("--subject")
@click.option("--due", metavar="DATE", help=_("Due date (today, fri, +3d, 2026-12-01…)."))
@click.option("--done", metavar="DATE", help=_("Done on that date."))
@click.option("--not-done", is_flag=True, help=_("Still to do: forget the done date."))
@click.option("--outcome")
@click.option("--note", "notes")
@click.option("--client", help=_('Client (#id or name; "" for none).'))
@click.option("--contact", help=_('Contact (#id or "First Last"; "" for none).'))
@click.option("--deal", help=_('Deal (#id or title; "" for none).'))
@json_option()
@click.pass_obj
def activity_edit(
    runtime: Runtime,
    activity_ref: str,
    kind: str | None,
    channel: str | None,
    subject: str | None,
    due: str | None,
    done: str | None,
    not_done: bool,
    outcome: str | None,
    notes: str | None,
    client: str | None,
    contact: str | None,
    deal: str | None,
    as_json: bool,
) -> None:
    from pipeline_tui.services.activities import activity_detail, edit_activity

    if done is not None and not_done:
        raise InvalidInput(_("--done and --not-done contradict each other"))
    store, wanted = runtime.store(), activity_id(activity_ref)
    current = activity_detail(store, wanted).activity
    changes: dict[str, object] = {
        name: value
        for name, value in (
            ("kind", kind),
            ("channel", channel),
            ("subject", subject),
            ("due_on", typed_date(due, runtime, "--due")),
            ("done_on", typed_date(done, runtime, "--done")),
            ("outcome", outcome),
            ("notes", notes),
        )
        if value is not None
    }
    if not_done:
        changes["done_on"] = None

    def kept(given: str | None, current_id: int | None) -> str | None:
        return given if given is not None else (f"#{current_id}" if current_id else None)

    # A new contact or deal brings its own client unless one is named with it.
    relinked = contact is not None or deal is not None
    edit_activity(
        store,
        wanted,
        client=client if client is not None or relinked else kept(None, current.client_id),
        contact=kept(contact, current.contact_id),
        deal=kept(deal, current.deal_id),
        **changes,
    )
    detail = activity_detail(store, wanted)
    if as_json:
        print_json(_json(detail))
    else:
        click.echo(_("Changed: {activity}").format(activity=_line(detail)))


@activity.command("rm", help=_("Delete an activity."))
@click.argument("activity_ref", metavar="ID")
@yes_option
@click.pass_obj
def activity_rm(runtime: Runtime, activity_ref: str, yes: bool) -> None:
    from pipeline_tui.cli.base import confirm_removal
    from pipeline_tui.services.activities import activity_removal, remove_activity

    store, wanted = runtime.store(), activity_id(activity_ref)
    question, facts = activity_removal(store, wanted)
    confirm_removal(f"{question} ({'; '.join(facts)})" if facts else question, yes)
    remove_activity(store, wanted)
    click.echo(_("Deleted activity #{id}.").format(id=wanted))
