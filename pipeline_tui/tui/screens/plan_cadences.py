"""The cadence form of the plan screen (add and edit), and the words of the cadence table.

One ``FormScreen``: channel (a choice), count, period (weekly, monthly, or the RRULE typed
below it) and start date. The RRULE is checked as it is typed (``domain.cadence.check_rule``);
the service refuses what the form cannot know (a cadence gone meanwhile) and the form keeps
everything typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.cadence import PER_RULES, check_rule, describe_rule, normalise_rule
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import CHANNELS, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.prospecting import edit_cadence, new_cadence
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen

if TYPE_CHECKING:
    from pipeline_tui.store.queries.cadences import CadenceRow

PERIODS = (
    (N_("weekly (Monday to Sunday)"), "week"),
    (N_("monthly"), "month"),
    (N_("the RRULE below"), "rrule"),
)
COLUMNS = ("#", N_("channel"), N_("target"), N_("period"), N_("from"), N_("state"))
"""The cadence table's column titles (translate them where shown)."""  # not shown: a docstring


def cadence_cells(row: CadenceRow) -> tuple[str, ...]:
    """One row of the cadence table."""
    return (
        str(row.id),
        label(row.channel),
        str(row.count),
        describe_rule(row.rrule, row.starts_on),
        format_day(row.starts_on),
        _("running") if row.active else _("paused"),
    )


def _per_of(rule: str) -> str:
    body = normalise_rule(rule)
    return next((per for per, known in PER_RULES.items() if known == body), "rrule")


def _check_rule(today: date) -> Callable[[Any], None]:
    def check(text: Any) -> None:
        check_rule(str(text), today)

    return check


def cadence_fields(today: date, row: CadenceRow | None = None) -> list[FieldSpec]:
    per = _per_of(row.rrule) if row else "week"
    return [
        FieldSpec(
            "channel",
            _("Channel"),
            "choice",
            required=True,
            default=row.channel if row else "emailing",
            choices=tuple((label(c), c) for c in CHANNELS),
        ),
        FieldSpec(
            "count",
            _("How many done activities per period"),
            "int",
            required=True,
            default=row.count if row else None,
            minimum=1,
            maximum=1000,
            placeholder="10",
        ),
        FieldSpec(
            "per",
            _("Period"),
            "choice",
            required=True,
            default=per,
            choices=tuple((_(said), code) for said, code in PERIODS),
        ),
        FieldSpec(
            "rrule",
            _("RRULE (when the period is the RRULE)"),
            default=row.rrule if row and per == "rrule" else None,
            placeholder="FREQ=WEEKLY;BYDAY=TH",  # not shown: an RRULE, the same in every language
            check=_check_rule(today),
        ),
        FieldSpec(
            "starts_on",
            _("Counts from"),
            "date",
            default=row.starts_on if row else None,
            placeholder=_("empty: this week's Monday or this month's 1st"),
        ),
    ]


def _rule_args(values: dict[str, Any]) -> dict[str, Any]:
    if values["per"] == "rrule":
        if not values.get("rrule"):
            raise InvalidInput(_("type the RRULE, or pick weekly or monthly"))
        return {"rrule": values["rrule"]}
    return {"per": values["per"]}


def cadence_form(store, today: date, row: CadenceRow | None = None) -> FormScreen:
    """The form that adds a cadence (``row`` None) or changes ``row``; it dismisses with the
    saved cadence."""

    def save(values: dict[str, Any]):
        common = {**_rule_args(values), "starts_on": values.get("starts_on")}
        if row is None:
            return new_cadence(store, values["channel"], values["count"], today=today, **common)
        return edit_cadence(
            store, row.id, channel=values["channel"], count=values["count"], today=today, **common
        )

    title = _("New cadence") if row is None else _("Edit cadence #{id}").format(id=row.id)
    return FormScreen(title, cadence_fields(today, row), today, save=save)
