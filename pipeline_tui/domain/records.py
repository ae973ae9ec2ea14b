"""What a client, a contact, a deal, a mission or an activity may hold: the field rules.

Each check takes the values as typed (a mapping of field names) and returns them cleaned, or raises
ValueError in words (``services.common.checked`` turns it into the user-facing InvalidInput). A
field left out of the mapping is not checked, so that an update checks what it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pipeline_tui.domain.validate import check_choice, clean_email, clean_text
from pipeline_tui.domain.vocabulary import (
    ACTIVITY_KINDS,
    CHANNELS,
    END_REASONS,
    KIND_CHANNEL,
    MISSION_STATUSES,
    STAGES,
    label,
)
from pipeline_tui.i18n import N_, _

Values = Mapping[str, Any]

# --- clients and contacts ------------------------------------------------------------------------


_FIELD_WORDS: dict[str, str] = {
    "industry": N_("industry"),
    "website": N_("website"),
    "role": N_("role"),
    "phone": N_("phone"),
    "profile_url": N_("profile url"),
}
# How an error names the optional text fields of clients and contacts.


def clean_client(values: Values) -> dict[str, Any]:
    """A client's name (required) and its short texts, stripped; empty optional ones → None."""
    out = dict(values)
    if "name" in out:
        out["name"] = clean_text(out["name"], _("the client name"), required=True)
    for key in ("industry", "website"):
        if key in out:
            out[key] = clean_text(out[key], _(_FIELD_WORDS[key]), max_len=300) or None
    return out


def clean_contact(values: Values) -> dict[str, Any]:
    """A contact's names (a first name required), email and short texts, cleaned."""
    out = dict(values)
    if "first_name" in out:
        out["first_name"] = clean_text(
            out["first_name"], _("the first name"), required=True, max_len=100
        )
    if "last_name" in out:
        out["last_name"] = clean_text(out["last_name"], _("the last name"), max_len=100)
    if "email" in out:
        out["email"] = clean_email(out["email"])
    for key in ("role", "phone", "profile_url"):
        if key in out:
            out[key] = clean_text(out[key], _(_FIELD_WORDS[key]), max_len=500) or None
    return out


# --- deals ---------------------------------------------------------------------------------------

DEAL_CHECKED = (
    "title",
    "stage",
    "channel",
    "monthly_value_cents",
    "duration_months",
    "probability",
)
"""The deal fields :func:`check_deal` looks at."""


def check_deal(values: Values) -> dict[str, Any]:
    """A deal's title (required, stripped), stage, channel, value, duration and probability."""
    out = dict(values)
    if "title" in out:
        out["title"] = clean_text(out["title"], _("the deal title"), required=True)
    if "stage" in out:
        check_choice(out["stage"], STAGES, _("the stage"))
    if "channel" in out:
        check_choice(out["channel"], CHANNELS, _("the channel"))
    if "monthly_value_cents" in out and out["monthly_value_cents"] < 0:
        raise ValueError(_("the monthly value cannot be negative"))
    duration = out.get("duration_months")
    if duration is not None and duration <= 0:
        raise ValueError(_("the expected duration must be positive"))
    probability = out.get("probability")
    if probability is not None and not 0 <= probability <= 100:
        raise ValueError(_("a probability is a percentage between 0 and 100"))
    return out


def check_new_deal_stage(stage: str) -> None:
    """A deal starts at any stage but lost (a lost deal needs a history to have been lost)."""
    if stage == "lost":
        raise ValueError(_("a deal cannot be created lost"))


def check_lost_reason(to_stage: str, lost_reason: str | None) -> str | None:
    """The reason of a move to ``to_stage``, stripped: required for lost, refused otherwise."""
    check_choice(to_stage, STAGES, _("the stage"))
    reason = (lost_reason or "").strip() or None
    if to_stage == "lost" and reason is None:
        raise ValueError(_("say why the deal was lost"))
    if to_stage != "lost" and reason is not None:
        raise ValueError(_("only a lost deal has a lost reason"))
    return reason


def check_move(stage: str, to_stage: str, last_moved_on: date | None, on: date) -> None:
    """A deal at ``stage``, last moved on ``last_moved_on``, can move to ``to_stage`` on ``on``."""
    if stage == to_stage:
        raise ValueError(
            _("the deal is already at the {stage} stage").format(stage=label(to_stage))
        )
    if last_moved_on is not None and on < last_moved_on:
        raise ValueError(
            _("the deal last moved on {day}; a move cannot be dated before it").format(
                day=last_moved_on
            )
        )


def check_renewal_of(client_id: int | None, mission_client_id: int | None) -> None:
    """A deal renews a mission of its own client. ``mission_client_id`` is the client of the
    mission named (None: there is no such mission). The one rule the services, the forms, the
    quick-add line and ``import json`` share."""
    if mission_client_id is None:
        raise ValueError(_("there is no such mission to renew"))
    if client_id != mission_client_id:
        raise ValueError(_("a deal renews a mission of its own client, not another client's"))


def check_deal_contact(client_id: int, contact_client_id: int | None) -> None:
    """A deal's contact works at the deal's client (or at no client on record)."""
    if contact_client_id is not None and contact_client_id != client_id:
        raise ValueError(_("that contact works at another client"))


def check_expected_close(expected_close_on: date, created_on: date) -> None:
    """A deal is not expected to close before it was created."""
    if expected_close_on < created_on:
        raise ValueError(
            _("the expected close date {day} is before the deal was created ({created})").format(
                day=expected_close_on, created=created_on
            )
        )


# --- missions ------------------------------------------------------------------------------------


def check_mission(values: Values) -> None:
    """A whole mission: a title, one way of pricing it (day rate × days per month, or a fixed
    monthly amount, not both), amounts not negative, a planned end not before the start."""
    clean_text(values.get("title"), _("the mission title"), required=True)
    rate, days = values.get("day_rate_cents"), values.get("days_per_month")
    fixed = values.get("fixed_monthly_cents")
    by_day = rate is not None or days is not None
    if by_day and fixed is not None:
        raise ValueError(
            _("a mission is priced by day rate or by a fixed monthly amount, not both")
        )
    if by_day and (rate is None or days is None):
        raise ValueError(_("a day-rate mission needs both the day rate and the days per month"))
    if not by_day and fixed is None:
        raise ValueError(
            _("a mission needs a day rate × days per month, or a fixed monthly amount")
        )
    if (rate or 0) < 0 or (fixed or 0) < 0:
        raise ValueError(_("amounts cannot be negative"))
    if days is not None and not 0 < days <= 31:
        raise ValueError(_("days per month must be between 0 and 31"))
    check_mission_dates(values)


def check_mission_dates(values: Values) -> None:
    """A mission's status and dates agree: an ended (or ended early) mission has its actual end
    date, and neither end (actual or planned) is before the start.

    The one rule the forms (through :func:`check_mission`) and the imports (``import json``,
    ``import csv``) share: a mission marked ended without an end date would count as running
    revenue for ever.
    """
    start = values.get("start_on")
    status = values.get("status") or "active"
    check_choice(status, MISSION_STATUSES, _("the mission status"))
    actual = values.get("actual_end_on")
    if status != "active" and actual is None:
        raise ValueError(
            _("the mission is {status} but has no actual end date").format(status=label(status))
        )
    planned = values.get("planned_end_on")
    if start is not None and planned is not None and planned < start:
        raise ValueError(
            _("the planned end {day} is before the start {start}").format(day=planned, start=start)
        )
    if start is not None and actual is not None and actual < start:
        raise ValueError(
            _("the actual end {day} is before the start {start}").format(day=actual, start=start)
        )


def check_end_reason(early: bool, reason: str | None) -> None:
    """An early end needs one of the reasons of DESIGN.md."""
    if early:
        if reason is None:
            raise ValueError(_("ending a mission early needs a reason"))
        check_choice(reason, END_REASONS, _("the end reason"))


def check_end_on(on: date, start_on: date) -> None:
    if on < start_on:
        raise ValueError(_("the end date is before the mission's start"))


# --- activities ----------------------------------------------------------------------------------


def check_activity(kind: str, values: Values) -> dict[str, Any]:
    """An activity of ``kind``: its channel (the kind's own when not given), its subject
    stripped, and a due date or a done date."""
    check_choice(kind, ACTIVITY_KINDS, _("the activity kind"))
    out = dict(values)
    out["channel"] = out.get("channel") or KIND_CHANNEL[kind]
    check_choice(out["channel"], CHANNELS, _("the channel"))
    out["subject"] = clean_text(out.get("subject"), _("the subject"), max_len=300)
    if out.get("due_on") is None and out.get("done_on") is None:
        raise ValueError(_("an activity needs a due date or a done date"))
    return out
