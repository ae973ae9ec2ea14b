"""``deal``: list, add, move, won (opening the mission), lost, reopen, edit, rm. A deal is named
as ``services.resolve`` says (``#id`` or its exact title, case and accents ignored). Parse the
options, call the services, print; every write is one transaction in the service."""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, json_option, print_json, rm_by_name
from pipeline_tui.cli.offboarding import _money, typed_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import CHANNELS, OPEN_STAGES, STAGES, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _, formats

# What ``_one_of`` names when a value is not one of those allowed.
_NOT_ONE_OF = {
    "stage": N_("no stage {value!r}: the stages are {allowed}"),
    "channel": N_("no channel {value!r}: the channels are {allowed}"),
}


def _one_of(what: str, text: str | None, allowed: tuple[str, ...]) -> str | None:
    """One of ``allowed`` as typed (case ignored), or exit 2 naming them (``what``: "stage")."""
    if text is None:
        return None
    value = text.strip().lower()
    if value not in allowed:
        raise InvalidInput(_(_NOT_ONE_OF[what]).format(value=text, allowed=", ".join(allowed)))
    return value


def _stage(text: str | None, allowed: tuple[str, ...] = STAGES) -> str | None:
    return _one_of("stage", text, allowed)


def _channel(text: str | None) -> str | None:
    return _one_of("channel", text, CHANNELS)


def _probability(text: str | None) -> tuple[bool, int | None]:
    """(given?, value) of ``--probability``: a whole percent, or ``stage`` for the stage's own."""
    if text is None:
        return False, None
    if text.strip().lower() in ("stage", "default", ""):
        return True, None
    try:
        value = int(text.strip().removesuffix("%").strip())
    except ValueError as exc:
        raise InvalidInput(
            _(
                "--probability: {value!r} is not a whole percent (or 'stage' for the stage's own)"
            ).format(value=text)
        ) from exc
    return True, value


def _deal_id(runtime: Runtime, name: str) -> int:
    from pipeline_tui.services.resolve import resolve_deal

    return resolve_deal(runtime.store(), name)


def _say(line: str, deal, **more: object) -> None:
    """``line`` (translated, naming the deal by ``{id}`` and ``{title}``) said of ``deal``."""
    click.echo(line.format(id=deal.id, title=deal.title, **more))


def _money_text(cents: int, runtime: Runtime) -> str:
    from pipeline_tui.domain.money import format_money
    from pipeline_tui.services.settings import load_settings

    return format_money(cents, load_settings(runtime.store()).currency)


@cli.group(help=_("Deals of the pipeline: list, add, move, won, lost, reopen, edit, rm."))
def deal() -> None: ...


@deal.command("list", help=_("Every deal (at a stage, of a client), newest first."))
@click.option("--stage", metavar="S", help=_("Only the deals at this stage."))
@click.option("--client", "client_name", metavar="CLIENT", help=_("One client's deals."))
@json_option(_("Machine-readable output (money in cents)."))
@click.pass_obj
def deal_list(runtime: Runtime, stage: str | None, client_name: str | None, as_json: bool) -> None:
    from pipeline_tui.services.deals import deal_json, list_deals
    from pipeline_tui.services.resolve import resolve_client

    wanted = _stage(stage)
    source = runtime.reads()
    client_id = resolve_client(source, client_name) if client_name else None
    rows = [deal_json(d, name) for d, name in list_deals(source, stage=wanted, client_id=client_id)]
    if as_json:
        print_json(rows)
        return
    for d in rows:
        amount = formats.number(round(d["monthly_value_cents"] / 100))  # type: ignore[operator]
        value = _("{amount}/month").format(amount=amount)
        client, title = str(d["client"])[:28], str(d["title"])[:36]
        click.echo(f"#{d['id']:<5} {client:<28} {title:<36} {label(str(d['stage'])):<12} {value}")


_FIELD_OPTIONS = (
    click.option("--value", metavar="AMOUNT", help=_("Monthly value.")),
    click.option("--months", type=float, metavar="N", help=_("Expected duration in months.")),
    click.option(
        "--probability", metavar="P", help=_("This deal's own %; 'stage' for the stage's.")
    ),
    click.option("--close-on", metavar="DATE", help=_("Expected close date.")),
    click.option("--channel", metavar="C", help=_("Source channel.")),
    click.option(
        "--contact", "contact_name", metavar="CONTACT", help=_("The person ('' for none).")
    ),
    click.option("--renewal-of", metavar="MISSION", help=_("The mission it renews ('' for none).")),
)


def _field_options(command):
    for option in reversed(_FIELD_OPTIONS):
        command = option(command)
    return command


def _fields(runtime: Runtime, **given: object) -> dict[str, object]:
    """The deal fields the options given set (only those given)."""
    from pipeline_tui.services.resolve import resolve_contact, resolve_mission

    store = runtime.store()
    fields: dict[str, object] = {}
    if given["value"] is not None:
        fields["monthly_value_cents"] = _money(given["value"], "--value")  # type: ignore[arg-type]
    if given["months"] is not None:
        fields["duration_months"] = given["months"]
    has_probability, probability = _probability(given["probability"])  # type: ignore[arg-type]
    if has_probability:
        fields["probability"] = probability
    if given["close_on"] is not None:
        fields["expected_close_on"] = typed_date(given["close_on"], runtime, "--close-on")  # type: ignore[arg-type]
    if given["channel"] is not None:
        fields["channel"] = _channel(given["channel"])  # type: ignore[arg-type]
    contact = given["contact_name"]
    if contact is not None:
        fields["contact_id"] = resolve_contact(store, contact) if str(contact).strip() else None  # type: ignore[arg-type]
    renewal = given["renewal_of"]
    if renewal is not None:
        fields["renewal_of_mission_id"] = (
            resolve_mission(store, renewal) if str(renewal).strip() else None  # type: ignore[arg-type]
        )
    return fields


@deal.command("add", help=_("Add a deal at a client (named by #id or exact name)."))
@click.argument("client_name", metavar="CLIENT")
@click.argument("title")
@click.option("--stage", metavar="S", default="lead", show_default=True)
@_field_options
@click.pass_obj
def deal_add(runtime: Runtime, client_name: str, title: str, stage: str, **given: object) -> None:
    from pipeline_tui.services.deal_edits import add_named_deal

    fields = _fields(runtime, **given)
    made = add_named_deal(
        runtime.store(),
        client_name,
        title,
        on=runtime.config.today,
        stage=_stage(stage, STAGES[:-1]) or "lead",
        **fields,
    )
    _say(_("Deal #{id} added: {title} ({stage})"), made, stage=label(made.stage))


@deal.command(
    "edit",
    help=_(
        "Change a deal's title, value, duration, probability, close date, channel, contact or the "
        "mission it renews (stages change with move, won, lost and reopen)."
    ),
)
@click.argument("deal_name", metavar="DEAL")
@click.option("--title", metavar="T")
@_field_options
@click.pass_obj
def deal_edit(runtime: Runtime, deal_name: str, title: str | None, **given: object) -> None:
    from pipeline_tui.services.deals import update_deal

    deal_id = _deal_id(runtime, deal_name)
    changes = _fields(runtime, **given)
    if title is not None:
        changes["title"] = title
    if not changes:
        raise InvalidInput(
            _("nothing to change: give --title, --value, --probability, --close-on…")
        )
    made = update_deal(runtime.store(), deal_id, **changes)
    _say(_("Deal #{id} changed: {title}"), made)


@deal.command(
    "move",
    help=_(
        "Move a deal to STAGE (lead, contacted, meeting, proposal, negotiation, won); a lost deal "
        "needs its reason: `deal lost DEAL --reason T`."
    ),
)
@click.argument("deal_name", metavar="DEAL")
@click.argument("stage", metavar="STAGE")
@click.pass_obj
def deal_move(runtime: Runtime, deal_name: str, stage: str) -> None:
    from pipeline_tui.services.deals import move_deal

    to_stage = _stage(stage)
    if to_stage == "lost":
        raise InvalidInput(_("a lost deal needs its reason: deal lost DEAL --reason T"))
    deal_id = _deal_id(runtime, deal_name)
    made = move_deal(runtime.store(), deal_id, to_stage, on=runtime.config.today)  # type: ignore[arg-type]
    _say(_("Deal #{id} {title}: {stage}"), made, stage=label(made.stage))


@deal.command(
    "won",
    help=_(
        "Mark a deal won. With --mission (or any mission option) the client's mission opens in "
        "the same write, prefilled from the deal: start today, the deal's expected duration, its "
        "monthly value as a fixed monthly amount. Without, the deal is won and the mission can be "
        "added later (`mission add`)."
    ),
)
@click.argument("deal_name", metavar="DEAL")
@click.option("--mission", "open_mission", is_flag=True, help=_("Open the mission from the deal."))
@click.option("--mission-title", metavar="T", help=_("The mission's title (default: the deal's)."))
@click.option("--mission-start", metavar="DATE", help=_("The mission's start (default: today)."))
@click.option("--months", type=int, metavar="N", help=_("Its length (default: the deal's)."))
@click.option("--day-rate", metavar="AMOUNT", help=_("Priced by the day…"))
@click.option("--days-per-month", type=float, metavar="N", help=_("…so many days a month."))
@click.option("--monthly", metavar="AMOUNT", help=_("…or a monthly amount (default: its value)."))
@click.pass_obj
def deal_won(
    runtime: Runtime,
    deal_name: str,
    open_mission: bool,
    mission_title: str | None,
    mission_start: str | None,
    months: int | None,
    day_rate: str | None,
    days_per_month: float | None,
    monthly: str | None,
) -> None:
    from pipeline_tui.domain.winning import MissionTerms
    from pipeline_tui.services.deal_edits import win_deal

    given = (mission_title, mission_start, months, day_rate, days_per_month, monthly)
    terms = None
    if open_mission or any(v is not None for v in given):
        terms = MissionTerms(
            title=mission_title,
            start_on=typed_date(mission_start, runtime, "--mission-start"),
            months=months,
            day_rate_cents=_money(day_rate, "--day-rate"),
            days_per_month=days_per_month,
            monthly_cents=_money(monthly, "--monthly"),
        )
    deal_id = _deal_id(runtime, deal_name)
    won = win_deal(runtime.store(), deal_id, on=runtime.config.today, mission=terms)
    _say(_("Deal #{id} {title}: won"), won.deal)
    m = won.mission
    if m is not None:
        pricing = (
            _("{rate}/day × {days} days").format(
                rate=_money_text(m.day_rate_cents, runtime),
                days=formats.number(m.days_per_month, decimals=int(m.days_per_month % 1 != 0)),
            )
            if m.day_rate_cents is not None
            else _("{amount}/month").format(amount=_money_text(m.fixed_monthly_cents or 0, runtime))
        )
        start, title = format_day(m.start_on), m.title
        opened = (
            _("Mission #{id} opened: {title}, from {start} to {end}, {pricing}").format(
                id=m.id, title=title, start=start, end=format_day(m.planned_end_on), pricing=pricing
            )
            if m.planned_end_on
            else _("Mission #{id} opened: {title}, from {start}, {pricing}").format(
                id=m.id, title=title, start=start, pricing=pricing
            )
        )
        click.echo(opened)


@deal.command("lost", help=_("Mark a deal lost, with the reason (the review learns from it)."))
@click.argument("deal_name", metavar="DEAL")
@click.option("--reason", required=True, metavar="T", help=_("Why it was lost."))
@click.pass_obj
def deal_lost(runtime: Runtime, deal_name: str, reason: str) -> None:
    from pipeline_tui.services.deals import move_deal

    deal_id = _deal_id(runtime, deal_name)
    made = move_deal(runtime.store(), deal_id, "lost", on=runtime.config.today, lost_reason=reason)
    _say(_("Deal #{id} {title}: lost ({reason})"), made, reason=made.lost_reason)


@deal.command(
    "reopen",
    help=_(
        "Reopen a won or lost deal. A mission the win opened is never deleted: the client's "
        "running missions are named, to end or delete by hand if the win fell through."
    ),
)
@click.argument("deal_name", metavar="DEAL")
@click.option(
    "--stage", metavar="S", help=_("The open stage (default: the one it was closed from).")
)
@click.pass_obj
def deal_reopen(runtime: Runtime, deal_name: str, stage: str | None) -> None:
    from pipeline_tui.services.deal_edits import reopen_deal

    to_stage = _stage(stage, OPEN_STAGES)
    deal_id = _deal_id(runtime, deal_name)
    back = reopen_deal(runtime.store(), deal_id, on=runtime.config.today, stage=to_stage)
    _say(
        _("Deal #{id} {title}: reopened at {stage} (was {was})"),
        back.deal,
        stage=label(back.stage),
        was=label(back.was),
    )
    if back.kept_sentence:
        click.echo(back.kept_sentence)


@rm_by_name(
    deal, "DEAL", help=_("Delete a deal with its stage history; its activities stay, unlinked.")
)
def deal_rm(store, name: str):
    from pipeline_tui.services.deal_edits import deal_removal, remove_deal
    from pipeline_tui.services.resolve import resolve_deal

    return resolve_deal(store, name), deal_removal, remove_deal
