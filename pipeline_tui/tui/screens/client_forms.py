"""The fields of the clients screen's forms, new and edit alike, and what their values become for
the services: a record's form is filled from the record when it edits it, empty when it adds one,
so that both read the same."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.vocabulary import CHANNELS, SIGNAL_KINDS, SURVEY_SCALE_RANGE, label
from pipeline_tui.i18n import _, formats
from pipeline_tui.tui.screens.form import FieldSpec, renewal_field

if TYPE_CHECKING:
    from pipeline_tui.store.queries.clients import ClientRecord
    from pipeline_tui.store.queries.contacts import ContactRecord
    from pipeline_tui.store.queries.missions import MissionRecord
    from pipeline_tui.store.queries.signals import SignalRecord
    from pipeline_tui.store.queries.surveys import SurveyRecord

SCALE_CHOICES = tuple(
    (f"{scale.upper()} {low}–{high}", scale) for scale, (low, high) in SURVEY_SCALE_RANGE.items()
)


def client_fields(client: ClientRecord | None = None) -> list[FieldSpec]:
    """A new client (name, industry, website, notes); an edit changes its name and notes."""
    if client is None:
        return [
            FieldSpec("name", _("Name"), required=True),
            FieldSpec("industry", _("Industry")),
            FieldSpec("website", _("Website")),
            FieldSpec("notes", _("Notes"), max_len=4000),
        ]
    return [
        FieldSpec("name", _("Name"), required=True, default=client.name),
        FieldSpec("notes", _("Notes"), default=client.notes, max_len=4000),
    ]


def contact_fields(contact: ContactRecord | None = None) -> list[FieldSpec]:
    """A contact's names, role, email, phone, profile URL; an edit adds the opt-out box."""
    c = contact
    fields = [
        FieldSpec("first_name", _("First name"), required=True, default=c and c.first_name),
        FieldSpec("last_name", _("Last name"), default=c and c.last_name),
        FieldSpec("role", _("Role"), default=c and c.role),
        FieldSpec("email", _("Email"), "email", default=c and c.email),
        FieldSpec("phone", _("Phone"), default=c and c.phone),
        FieldSpec("profile_url", _("Profile URL"), default=c and c.profile_url),
    ]
    if c is not None:
        if c.do_not_contact_on:
            opted_out = _("Do not contact: opted out of prospecting (since {day})").format(
                day=formats.day_month_year(c.do_not_contact_on)
            )
        else:
            opted_out = _("Do not contact: opted out of prospecting")
        fields.append(
            FieldSpec(
                "do_not_contact",
                opted_out,
                "bool",
                default=c.do_not_contact,
            )
        )
    return fields


def contact_changes(values: dict[str, Any]) -> tuple[dict[str, Any], bool | None]:
    """(the contact's fields, the opt-out box) from the form: an emptied field is emptied."""
    changes = dict(values)
    opted_out = changes.pop("do_not_contact", None)
    changes["last_name"] = changes.get("last_name") or ""
    return changes, opted_out


def mission_fields(mission: MissionRecord | None = None) -> list[FieldSpec]:
    m = mission
    return [
        FieldSpec("title", _("Title"), required=True, default=m and m.title),
        FieldSpec(
            "start_on", _("Start"), "date", required=True, default=m.start_on if m else _("today")
        ),
        FieldSpec(
            "planned_end_on",
            _("Planned end"),
            "date",
            default=m and m.planned_end_on,
            placeholder=_("a date, or +6m: six months after the start"),
            offsets_from="start_on",
        ),
        FieldSpec(
            "day_rate_cents",
            _("Day rate"),
            "money",
            placeholder="650",
            default=m and m.day_rate_cents,
        ),
        FieldSpec(
            "days_per_month",
            _("Days per month"),
            "float",
            minimum=0.5,
            maximum=31,
            placeholder=_("empty: the default_days_per_month setting") if m is None else "",
            default=f"{m.days_per_month:g}" if m and m.days_per_month is not None else None,
        ),
        FieldSpec(
            "fixed_monthly_cents",
            _("…or a fixed monthly amount"),
            "money",
            default=m and m.fixed_monthly_cents,
        ),
    ]


def mission_values(values: dict[str, Any]) -> dict[str, Any]:
    """The mission's dates and price from the form: a fixed monthly amount alone replaces the
    day rate (its days per month go with it); both given, the service says to choose."""
    out = {k: values[k] for k in ("title", "start_on", "planned_end_on")}
    fixed, rate = values["fixed_monthly_cents"], values["day_rate_cents"]
    if fixed is not None and rate is None:
        out.update(fixed_monthly_cents=fixed, day_rate_cents=None, days_per_month=None)
    else:
        out.update(
            fixed_monthly_cents=fixed, day_rate_cents=rate, days_per_month=values["days_per_month"]
        )
    return out


def signal_fields(signal: SignalRecord) -> list[FieldSpec]:
    return [
        FieldSpec(
            "kind",
            _("Signal"),
            "choice",
            required=True,
            default=signal.kind,
            choices=tuple((label(kind), kind) for kind in SIGNAL_KINDS),
        ),
        FieldSpec("on", _("Date"), "date", required=True, default=signal.occurred_on),
        FieldSpec("note", _("Note"), default=signal.note, max_len=4000),
    ]


def new_survey_fields(kind: str, contacts: Iterable[ContactRecord]) -> list[FieldSpec]:
    """A survey just sent: when, on which scale, to whom (its answer comes later)."""
    return [
        FieldSpec(
            "sent_on",
            _("Sent ({kind} survey)").format(kind=label(kind)),
            "date",
            required=True,
            default=_("today"),
        ),
        FieldSpec(
            "scale", _("Scale"), "choice", required=True, default="csat", choices=SCALE_CHOICES
        ),
        FieldSpec(
            "contact_id",
            _("To"),
            "choice",
            choices=tuple((c.full_name, c.id) for c in contacts if not c.do_not_contact),
        ),
    ]


def answer_fields(survey: SurveyRecord) -> list[FieldSpec]:
    """The answer to a survey sent: its date, the score on the survey's scale, the comment."""
    return [
        FieldSpec("answered_on", _("Answered"), "date", required=True, default=_("today")),
        FieldSpec(
            "score",
            _("Score ({scale})").format(scale=dict((v, k) for k, v in SCALE_CHOICES)[survey.scale]),
            "int",
            required=True,
        ),
        FieldSpec("comment", _("Comment"), default=survey.comment, max_len=4000),
    ]


def survey_fields(survey: SurveyRecord) -> list[FieldSpec]:
    """Everything of a survey as recorded but its kind and client."""
    s = survey
    return [
        FieldSpec("sent_on", _("Sent"), "date", required=True, default=s.sent_on),
        FieldSpec("answered_on", _("Answered"), "date", default=s.answered_on),
        FieldSpec("score", _("Score"), "int", default=s.score),
        FieldSpec(
            "scale", _("Scale"), "choice", required=True, default=s.scale, choices=SCALE_CHOICES
        ),
        FieldSpec("comment", _("Comment"), default=s.comment, max_len=4000),
    ]


def deal_fields(missions: Iterable[MissionRecord]) -> list[FieldSpec]:
    return [
        FieldSpec("title", _("Title"), required=True),
        FieldSpec("monthly_value_cents", _("Monthly value"), "money", required=True),
        FieldSpec("duration_months", _("Duration (months)"), "float", minimum=0.5),
        FieldSpec(
            "channel",
            _("Source channel"),
            "choice",
            required=True,
            default="other",
            choices=tuple((label(c), c) for c in CHANNELS),
        ),
        FieldSpec("expected_close_on", _("Expected close"), "date"),
        FieldSpec("probability", _("Own probability %"), "int", minimum=0, maximum=100),
        renewal_field(missions),
    ]
