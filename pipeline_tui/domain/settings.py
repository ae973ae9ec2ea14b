"""The user's settings: what each one is, its default, and what a valid value is.

Settings are stored in the database (so they travel with the data), one JSON value per key; a key
that was never set has its default. ``AppSettings`` is the whole set as the numbers read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline_tui.domain.playbook import check_survey_templates
from pipeline_tui.domain.vocabulary import DEFAULT_ROT_DAYS, DEFAULT_STAGE_PROBABILITIES, STAGES


@dataclass(frozen=True)
class AppSettings:
    """The user-tunable numbers; defaults are DESIGN.md's."""

    currency: str = "EUR"
    stage_probabilities: dict[str, int] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_PROBABILITIES)
    )
    rot_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_ROT_DAYS))
    risk_weights: dict[str, Any] = field(default_factory=dict)
    # A current client whose last satisfaction survey is older than this shows as a gap.
    survey_gap_days: int = 90
    # Survey message templates by kind ("satisfaction", "exit"): {"subject": …, "body": …}.
    survey_templates: dict[str, dict[str, str]] = field(default_factory=dict)


def settings_from(stored: Mapping[str, Any]) -> AppSettings:
    """The settings in effect, from the stored values (a missing key keeps its default)."""
    defaults = AppSettings()
    return AppSettings(
        currency=stored.get("currency", defaults.currency),
        stage_probabilities={
            **defaults.stage_probabilities,
            **stored.get("stage_probabilities", {}),
        },
        rot_days={**defaults.rot_days, **stored.get("rot_days", {})},
        risk_weights=dict(stored.get("risk_weights", {})),
        survey_gap_days=stored.get("survey_gap_days", defaults.survey_gap_days),
        survey_templates=dict(stored.get("survey_templates", {})),
    )


def _stage_numbers(key: str, value: Any, top: int | None) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ValueError(f"{key} maps stages to numbers")
    for stage, number in value.items():
        if stage not in STAGES:
            raise ValueError(f"{stage!r} is not a stage")
        if (
            isinstance(number, bool)
            or not isinstance(number, int)
            or number < 0
            or (top is not None and number > top)
        ):
            raise ValueError(f"{key}[{stage}] must be a whole number in range")
    return value


def check_setting(key: str, value: Any) -> Any:
    """The value to store for ``key``, checked; ValueError says what is wrong."""
    if key == "currency":
        if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
            raise ValueError("the currency is a three-letter ISO code such as EUR")
        return value.upper()
    if key == "stage_probabilities":
        return _stage_numbers(key, value, 100)
    if key == "rot_days":
        return _stage_numbers(key, value, None)
    if key == "risk_weights":
        if not isinstance(value, dict):
            raise ValueError("risk_weights maps factor names to numbers")
        return value
    if key == "survey_gap_days":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
            raise ValueError("survey_gap_days is a whole number of days from 1 to 3650")
        return value
    if key == "survey_templates":
        return check_survey_templates(value)
    raise ValueError(f"there is no setting named {key!r}")
