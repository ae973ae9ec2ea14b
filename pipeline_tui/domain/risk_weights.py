"""The user-tunable weights of the churn-risk score (see :mod:`pipeline_tui.domain.risk`).

Each weight is the probability-like contribution (0–1) of one factor at full strength; each
``*_days`` field is a window or threshold in days. They are stored as JSON settings through
:meth:`RiskWeights.to_dict` / :meth:`RiskWeights.from_dict`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from pipeline_tui.i18n import N_, _

WEIGHT_DESCRIPTIONS: dict[str, str] = {
    "scope_creep": N_("each scope-creep event (unplanned tasks added) within the window"),
    "scope_creep_window_days": N_("days a scope-creep event counts"),
    "change_refused": N_("each change proposal refused within the window"),
    "change_refused_window_days": N_("days a refused change proposal counts"),
    "competitor": N_("each competitor approach within the window"),
    "competitor_window_days": N_("days a competitor approach counts"),
    "insourcing": N_("each sign of insourcing intent within the window"),
    "insourcing_window_days": N_("days an insourcing intent counts"),
    "survey_low": N_("latest survey at the lowest score (scaled by how low the score is)"),
    "survey_max_age_days": N_("days after which an answered survey is stale and ignored"),
    "no_survey": N_("no answered survey within the survey age limit"),
    "mission_end": N_("mission planned end reached, no renewal planned (scaled by how near it is)"),
    "mission_end_window_days": N_("days before the planned end the mission-end risk starts"),
    "no_contact": N_("no contact at all for long (scaled by how long)"),
    "no_contact_days": N_("days without contact before the no-contact risk starts"),
    "no_contact_ramp_days": N_("days over which the no-contact risk grows to its full weight"),
}
"""One line per field, for the settings screen and the docs (messages:
``_(WEIGHT_DESCRIPTIONS[name])``)."""


@dataclass(frozen=True, slots=True)
class RiskWeights:
    """Weights (contributions in [0, 1]) and windows (positive days) of the churn-risk factors.

    Defaults:

    ============================  =======  ==================================================
    field                         default  meaning
    ============================  =======  ==================================================
    scope_creep                   0.12     per scope-creep event in the last 60 days
    scope_creep_window_days       60
    change_refused                0.25     per refused change proposal in the last 90 days
    change_refused_window_days    90
    competitor                    0.35     per competitor approach in the last 180 days
    competitor_window_days        180
    insourcing                    0.45     per insourcing intent in the last 180 days
    insourcing_window_days        180
    survey_low                    0.40     × (1 − normalised score) of the latest answered
                                           survey of the last 180 days
    survey_max_age_days           180
    no_survey                     0.10     no answered survey in the last 180 days
    mission_end                   0.30     × (1 − days left ÷ 60) when the planned end is
                                           within 60 days and no renewal is planned
    mission_end_window_days       60
    no_contact                    0.15     × min(1, (days − 30) ÷ 60) after 30 days without
                                           contact; full when never contacted
    no_contact_days               30
    no_contact_ramp_days          60
    ============================  =======  ==================================================

    Construction validates every value (ValueError otherwise).
    """

    scope_creep: float = 0.12
    scope_creep_window_days: int = 60
    change_refused: float = 0.25
    change_refused_window_days: int = 90
    competitor: float = 0.35
    competitor_window_days: int = 180
    insourcing: float = 0.45
    insourcing_window_days: int = 180
    survey_low: float = 0.40
    survey_max_age_days: int = 180
    no_survey: float = 0.10
    mission_end: float = 0.30
    mission_end_window_days: int = 60
    no_contact: float = 0.15
    no_contact_days: int = 30
    no_contact_ramp_days: int = 60

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_days"):
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(
                        _(
                            "risk setting {name} must be a whole number of days ≥ 1, got {value}"
                        ).format(name=repr(f.name), value=repr(value))
                    )
            else:
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not 0.0 <= value <= 1.0
                ):
                    raise ValueError(
                        _(
                            "risk weight {name} must be a number between 0 and 1, got {value}"
                        ).format(name=repr(f.name), value=repr(value))
                    )
                object.__setattr__(self, f.name, float(value))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RiskWeights:
        """Weights from a JSON settings object: missing keys keep their default, unknown keys are
        ignored, and a bad value raises ValueError naming the key (weights must be numbers in
        [0, 1]; ``*_days`` must be whole numbers ≥ 1 — ``60.0`` is accepted as 60)."""
        if not isinstance(data, Mapping):
            raise ValueError(
                _("risk settings must be a JSON object, got {type}").format(
                    type=type(data).__name__
                )
            )
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if (
                key.endswith("_days")
                and isinstance(value, float)
                and value.is_integer()
                and not isinstance(value, bool)
            ):
                value = int(value)
            values[key] = value
        return cls(**values)

    def to_dict(self) -> dict[str, float | int]:
        """All fields as a JSON-ready dict (round-trips through :meth:`from_dict`)."""
        return asdict(self)
