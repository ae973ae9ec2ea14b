"""The records a user owns: ``client``, ``contact``, ``mission`` and ``signal`` (add, edit, list,
rm). Records are named as ``services.resolve`` says (``#id`` or an exact name). Parse the options,
call the services, print; every write is one transaction in the service."""

from __future__ import annotations

from datetime import date

import click

from pipeline_tui.cli.base import (
    Runtime,
    cli,
    confirm_removal,
    deleted_line,
    json_option,
    options,
    print_json,
    rm_by_id,
    rm_by_name,
    yes_option,
)
from pipeline_tui.cli.offboarding import _money, typed_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _, formats, pgettext


def _name_parts(name: str) -> tuple[str, str]:
    """A contact's "First Last" as (first, last): the first word, then the rest."""
    first, _, last = " ".join(name.split()).partition(" ")
    return first, last


# --- client ---------------------------------------------------------------------------------------


@cli.group(help=_("Clients: add, edit, list, rm."))
def client() -> None: ...


def _client_json(row) -> dict[str, object]:
    archived = row.archived_on.isoformat() if row.archived_on else None
    return {"id": row.id, "name": row.name, "status": row.status, "archived_on": archived}


@client.command("add", help=_("Add a client."))
@click.argument("name")
@click.option("--notes", metavar="T")
@json_option()
@click.pass_obj
def client_add(runtime: Runtime, name: str, notes: str | None, as_json: bool) -> None:
    from pipeline_tui.services.clients import add_client

    made = add_client(runtime.store(), name, notes=notes)
    if as_json:
        print_json({"id": made.id, "name": made.name, "notes": made.notes})
        return
    click.echo(_("Client #{id} added: {name}").format(id=made.id, name=made.name))


@client.command("edit", help=_("Rename a client or change its notes."))
@click.argument("client_name", metavar="CLIENT")
@click.option("--name", metavar="N", help=_("A new name."))
@click.option("--notes", metavar="T")
@click.option("--restore", is_flag=True, help=_("Show an archived client in the lists again."))
@click.pass_obj
def client_edit(
    runtime: Runtime, client_name: str, name: str | None, notes: str | None, restore: bool
) -> None:
    from pipeline_tui.services.clients import restore_client, update_client
    from pipeline_tui.services.resolve import resolve_client

    store = runtime.store()
    client_id = resolve_client(store, client_name)
    changes = {k: v for k, v in {"name": name, "notes": notes}.items() if v is not None}
    if not changes and not restore:
        raise InvalidInput(_("nothing to change: give --name, --notes or --restore"))
    if changes:
        made = update_client(store, client_id, **changes)
    if restore:
        made = restore_client(store, client_id)
    click.echo(_("Client #{id} changed: {name}").format(id=made.id, name=made.name))


@client.command(
    "rm",
    help=_("Delete a client and what goes with it; a client with missions is archived instead."),
)
@click.argument("client_name", metavar="CLIENT")
@yes_option
@click.option(
    "--for-good", is_flag=True, help=_("Delete even a client with missions (no archive).")
)
@click.pass_obj
def client_rm(runtime: Runtime, client_name: str, yes: bool, for_good: bool) -> None:
    from pipeline_tui.services.clients import client_removal, remove_client
    from pipeline_tui.services.resolve import resolve_client

    store = runtime.store()
    client_id = resolve_client(store, client_name)
    removal = client_removal(store, client_id)
    confirm_removal(removal.for_good if for_good and removal.archived else removal.question, yes)
    done = remove_client(store, client_id, runtime.config.today, for_good=for_good)
    if done.archived:
        click.echo(
            _("Archived {name} (hidden from the lists; `client rm --for-good` deletes)").format(
                name=done.name
            )
        )
    else:
        click.echo(deleted_line(done))


@client.command("list", help=_("Every client with its status today (prospect, active, former)."))
@click.option("--all", "everyone", is_flag=True, help=_("Archived clients too."))
@json_option()
@click.pass_obj
def client_list(runtime: Runtime, everyone: bool, as_json: bool) -> None:
    from pipeline_tui.services.clients import list_clients

    rows = list_clients(runtime.reads(), runtime.config.today, archived=everyone)
    if as_json:
        print_json([_client_json(r) for r in rows])
        return
    for r in rows:
        archived = "  " + _("archived {day}").format(day=r.archived_on) if r.archived_on else ""
        click.echo(f"#{r.id:<5} {r.name:<40} {label(r.status)}{archived}")


# --- contact --------------------------------------------------------------------------------------


@cli.group(help=_("Contacts: add, edit, rm."))
def contact() -> None: ...


_contact_options = options(
    click.option("--email", metavar="E"),
    click.option("--phone", metavar="P"),
    click.option("--role", metavar="R"),
    click.option("--profile-url", metavar="U"),
)


@contact.command("add", help=_('Add a contact at a client (NAME: "First Last").'))
@click.argument("client_name", metavar="CLIENT")
@click.argument("name")
@_contact_options
@click.pass_obj
def contact_add(runtime: Runtime, client_name: str, name: str, **fields: str | None) -> None:
    from pipeline_tui.services.clients import add_contact
    from pipeline_tui.services.resolve import resolve_client

    store = runtime.store()
    client_id = resolve_client(store, client_name)
    first, last = _name_parts(name)
    given = {k: v for k, v in fields.items() if v is not None}
    made = add_contact(store, first, last_name=last, client_id=client_id, **given)
    click.echo(_("Contact #{id} added: {name}").format(id=made.id, name=made.full_name))


@contact.command(
    "edit",
    help=_('Change a contact\'s name, client, email, phone, role or profile URL ("" empties one).'),
)
@click.argument("contact_name", metavar="CONTACT")
@click.option("--name", metavar="N", help=_('A new "First Last".'))
@click.option("--client", "client_name", metavar="CLIENT", help=_("Move them to this client."))
@_contact_options
@click.pass_obj
def contact_edit(
    runtime: Runtime,
    contact_name: str,
    name: str | None,
    client_name: str | None,
    **fields: str | None,
) -> None:
    from pipeline_tui.services.clients import update_contact
    from pipeline_tui.services.resolve import resolve_client, resolve_contact

    store = runtime.store()
    contact_id = resolve_contact(store, contact_name)
    changes: dict[str, object] = {k: v or None for k, v in fields.items() if v is not None}
    if name is not None:
        changes["first_name"], changes["last_name"] = _name_parts(name)
    if client_name is not None:
        changes["client_id"] = resolve_client(store, client_name)
    if not changes:
        raise InvalidInput(_("nothing to change: give --name, --client, --email, --phone…"))
    made = update_contact(store, contact_id, **changes)
    click.echo(_("Contact #{id} changed: {name}").format(id=made.id, name=made.full_name))


@rm_by_name(
    contact,
    "CONTACT",
    help=_("Delete a contact; their deals and activities stay (`forget` erases a person)."),
)
def contact_rm(store, name: str):
    from pipeline_tui.services.clients import contact_removal, remove_contact
    from pipeline_tui.services.resolve import resolve_contact

    return resolve_contact(store, name), contact_removal, remove_contact


# --- mission --------------------------------------------------------------------------------------


@cli.group(help=_("Missions: add, edit, list, rm."))
def mission() -> None: ...


def _pricing(
    runtime: Runtime,
    start_on: date | None,
    end: str | None,
    months: int | None,
    day_rate: str | None,
    days_per_month: float | None,
    monthly: str | None,
) -> dict[str, object]:
    """The mission fields the dates and prices given set (only those given)."""
    from pipeline_tui.domain.dates import end_after_months

    values: dict[str, object] = {}
    if end is not None and months is not None:
        raise InvalidInput(_("give --end or --months, not both"))
    if day_rate is not None and monthly is not None:
        raise InvalidInput(_("give --day-rate or --monthly, not both"))
    if end is not None:
        values["planned_end_on"] = typed_date(end, runtime, "--end")
    if months is not None:
        if start_on is None:
            raise InvalidInput(_("--months counts from the start: give --start too"))
        try:
            values["planned_end_on"] = end_after_months(start_on, months)
        except ValueError as exc:
            raise InvalidInput(f"--months: {exc}") from exc
    if day_rate is not None:
        values["day_rate_cents"] = _money(day_rate, "--day-rate")
        values["fixed_monthly_cents"] = None
    if days_per_month is not None:
        values["days_per_month"] = days_per_month
    if monthly is not None:
        values["fixed_monthly_cents"] = _money(monthly, "--monthly")
        values["day_rate_cents"] = values["days_per_month"] = None
    return values


_mission_options = options(
    click.option("--end", metavar="DATE", help=_("The planned end.")),
    click.option("--months", type=int, metavar="N", help=_("…or its length in whole months.")),
    click.option("--day-rate", metavar="AMOUNT"),
    click.option("--days-per-month", type=float, metavar="N"),
    click.option("--monthly", metavar="AMOUNT", help=_("…or a fixed monthly amount.")),
)


@mission.command(
    "add", help=_("Add a mission: day rate × days per month, or a fixed monthly amount.")
)
@click.argument("client_name", metavar="CLIENT")
@click.argument("title")
@click.option("--start", required=True, metavar="DATE")
@_mission_options
@click.pass_obj
def mission_add(
    runtime: Runtime, client_name: str, title: str, start: str, **pricing: object
) -> None:
    from pipeline_tui.services.missions import add_mission
    from pipeline_tui.services.resolve import resolve_client

    if pricing["day_rate"] is None and pricing["monthly"] is None:
        raise InvalidInput(_("give --day-rate AMOUNT or --monthly AMOUNT"))
    start_on = typed_date(start, runtime, "--start")
    values = _pricing(runtime, start_on, **pricing)  # type: ignore[arg-type]
    store = runtime.store()
    client_id = resolve_client(store, client_name)
    made = add_mission(store, client_id, title, start_on, **values)
    click.echo(_("Mission #{id} added: {title}").format(id=made.id, title=made.title))


@mission.command("edit", help=_("Change a mission's title, dates or price."))
@click.argument("mission_name", metavar="MISSION")
@click.option("--title", metavar="T")
@click.option("--start", metavar="DATE")
@_mission_options
@click.pass_obj
def mission_edit(
    runtime: Runtime, mission_name: str, title: str | None, start: str | None, **pricing: object
) -> None:
    from pipeline_tui.services.missions import get_mission, update_mission
    from pipeline_tui.services.resolve import resolve_mission

    store = runtime.store()
    mission_id = resolve_mission(store, mission_name)
    start_on = typed_date(start, runtime, "--start")
    if pricing["months"] is not None and start_on is None:
        start_on = get_mission(store, mission_id).start_on
    changes = _pricing(runtime, start_on, **pricing)  # type: ignore[arg-type]
    if title is not None:
        changes["title"] = title.strip()
    if start is not None:
        changes["start_on"] = start_on
    if not changes:
        raise InvalidInput(_("nothing to change: give --title, --start, --end, --day-rate…"))
    made = update_mission(store, mission_id, **changes)
    click.echo(_("Mission #{id} changed: {title}").format(id=made.id, title=made.title))


@mission.command("list", help=_("Every mission, by start date."))
@click.option("--client", "client_name", metavar="CLIENT", help=_("One client's missions."))
@json_option(_("Machine-readable output (money in cents)."))
@click.pass_obj
def mission_list(runtime: Runtime, client_name: str | None, as_json: bool) -> None:
    from pipeline_tui.services.clients import list_clients
    from pipeline_tui.services.missions import list_missions, mission_json
    from pipeline_tui.services.resolve import resolve_client

    source = runtime.reads()
    client_id = resolve_client(source, client_name) if client_name else None
    names = {c.id: c.name for c in list_clients(source, runtime.config.today, archived=True)}
    rows = [mission_json(m, names.get(m.client_id, "")) for m in list_missions(source, client_id)]
    if as_json:
        print_json(rows)
        return
    for m in rows:
        end = m["actual_end_on"] or m["planned_end_on"] or pgettext("mission end", "open")
        amount = formats.number(round(m["monthly_cents"] / 100))  # type: ignore[operator]
        monthly = _("{amount}/month").format(amount=amount)
        click.echo(
            f"#{m['id']:<5} {m['client']:<28} {m['title']:<32} {m['start_on']} → {end}  "
            f"{monthly}  {label(str(m['status']))}"
        )


@rm_by_name(
    mission,
    "MISSION",
    help=_("Delete a mission recorded by mistake (its revenue leaves the figures)."),
)
def mission_rm(store, name: str):
    from pipeline_tui.services.missions import mission_removal, remove_mission
    from pipeline_tui.services.resolve import resolve_mission

    return resolve_mission(store, name), mission_removal, remove_mission


# --- signal ---------------------------------------------------------------------------------------


@cli.group(help=_("Signals of churn risk: add, rm."))
def signal() -> None: ...


@signal.command(
    "add", help=_("Record a signal about a client (KIND: see the signals of DESIGN.md).")
)
@click.argument("client_name", metavar="CLIENT")
@click.argument("kind")
@click.option("--on", "on", metavar="DATE", help=_("When it happened (default: today)."))
@click.option("--note", metavar="T")
@click.pass_obj
def signal_add(
    runtime: Runtime, client_name: str, kind: str, on: str | None, note: str | None
) -> None:
    from pipeline_tui.services.resolve import resolve_client
    from pipeline_tui.services.signals import add_signal

    store = runtime.store()
    when = typed_date(on, runtime, "--on") or runtime.config.today
    made = add_signal(store, resolve_client(store, client_name), kind, when, note)
    click.echo(
        _("Signal #{id} recorded: {kind} on {day}").format(
            id=made.id, kind=label(made.kind), day=format_day(made.occurred_on)
        )
    )


@rm_by_id(
    signal,
    N_("a signal"),
    N_("Delete signal #{id}?"),
    N_("Deleted signal #{id}"),
    help=_("Delete a signal (by its id, as `#12` or `12`)."),
)
def signal_rm(store, signal_id: int) -> None:
    from pipeline_tui.services.signals import remove_signal

    remove_signal(store, signal_id)
