"""The user's settings: what each one is, its default, and what a valid value is.

Settings are stored in the database (so they travel with the data), one JSON value per key; a key
that was never set has its default. ``AppSettings`` is the whole set as the numbers read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline_tui.domain.playbook import check_survey_templates
from pipeline_tui.domain.quickadd_words import DEFAULT_DAYS_PER_MONTH
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
    # Days a month for a day-rate deal or mission when none is given (quick-add, forms).
    default_days_per_month: int = int(DEFAULT_DAYS_PER_MONTH)
    # A client whose churn risk reaches this score is an alert on the daily agenda.
    risk_alert_score: int = 40
    # A planned mission end within this many days, with no renewal, is revenue lost.
    horizon_days: int = 90
    # The months of the user's own history the per-channel targets learn from.
    history_window_months: int = 12
    # Income from one client at or above this share is flagged as dependence (5/6 by default).
    dependence_threshold: float = 5 / 6
    # The weeks a revenue gap is to be refilled in (what-if, review, raise the plan).
    whatif_weeks: int = 12


NUMBER_SETTINGS = {
    # key: (lowest, highest) for the whole-number settings
    "survey_gap_days": (1, 3650),
    "default_days_per_month": (1, 31),
    "risk_alert_score": (1, 100),
    "horizon_days": (1, 730),
    "history_window_months": (1, 120),
    "whatif_weeks": (1, 104),
}


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
        survey_templates=dict(stored.get("survey_templates", {})),
        dependence_threshold=stored.get("dependence_threshold", defaults.dependence_threshold),
        **{key: stored.get(key, getattr(defaults, key)) for key in NUMBER_SETTINGS},
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
    if key in NUMBER_SETTINGS:
        low, high = NUMBER_SETTINGS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{key} is a whole number from {low} to {high}")
        return value
    if key == "dependence_threshold":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 < value <= 1:
            raise ValueError("dependence_threshold is a share above 0.5 and at most 1, e.g. 0.8333")
        return float(value)
    if key == "survey_templates":
        return check_survey_templates(value)
    raise ValueError(f"there is no setting named {key!r}")


DESCRIPTIONS: dict[str, str] = {
    "currency": "the currency of every amount (ISO code)",
    "stage_probabilities": "probability of winning a deal at each stage, percent (weighted "
    "pipeline, coverage)",
    "rot_days": "days an open deal may go without activity at each stage before it rots",
    "risk_weights": "the churn-risk factors' weights and windows (domain/risk_weights.py)",
    "survey_gap_days": "a client with no satisfaction survey for this long shows as a gap",
    "survey_templates": "the survey message templates by kind",
    "default_days_per_month": "days a month for a day rate given without days",
    "risk_alert_score": "a client whose churn risk reaches this score is an alert on today",
    "horizon_days": "a planned mission end within this many days, no renewal, is revenue lost",
    "history_window_months": "months of your own history the per-channel targets learn from",
    "dependence_threshold": "share of income from one client flagged as dependence",
    "whatif_weeks": "weeks a revenue gap is to be refilled in (what-if, review, raise the plan)",
}
"""What each setting changes, in the words ``settings`` shows."""

SETTING_KEYS: tuple[str, ...] = tuple(DESCRIPTIONS)

_MAPS = {"stage_probabilities": None, "rot_days": None, "risk_weights": None}


def default_value(key: str) -> Any:
    """The default of ``key`` as it is stored (a map setting: the whole map)."""
    if key == "risk_weights":
        from pipeline_tui.domain.risk_weights import RiskWeights

        return RiskWeights().to_dict()
    return getattr(AppSettings(), key)


def current_value(settings: AppSettings, key: str) -> Any:
    if key == "risk_weights":
        from pipeline_tui.domain.risk_weights import RiskWeights

        return RiskWeights.from_dict(settings.risk_weights).to_dict()
    return getattr(settings, key)


def _number(text: str) -> int | float:
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def _share(text: str) -> float:
    text = text.strip()
    if text.endswith("%"):
        return _number(text[:-1]) / 100
    if "/" in text:
        top, _, bottom = text.partition("/")
        denominator = _number(bottom)
        if not denominator:
            raise ValueError(f"{text!r} divides by zero")
        return _number(top) / denominator
    return float(_number(text))


def parse_setting(key: str, text: str, stored: Mapping[str, Any]) -> tuple[str, Any]:
    """``(stored key, value)`` for ``settings set KEY VALUE`` typed on the command line, checked
    (ValueError worded for the user). ``KEY`` may name one entry of a map setting
    (``rot_days.proposal``); ``rot_days 30`` sets every open stage; a map also takes JSON."""
    import json

    from pipeline_tui.domain.vocabulary import OPEN_STAGES

    base, _, entry = key.partition(".")
    if base not in DESCRIPTIONS:
        raise ValueError(f"there is no setting named {key!r} (see `pipeline-tui settings`)")
    if base in _MAPS:
        current = dict(stored.get(base, {}))
        if entry:
            current[entry] = _number(text)
        elif text.strip().startswith("{"):
            try:
                current = json.loads(text)
            except ValueError as exc:
                raise ValueError(f"{base}: {exc}") from exc
        elif base == "rot_days":
            days = _number(text)
            current = dict.fromkeys(OPEN_STAGES, days)
        else:
            raise ValueError(f"{base} takes {base}.NAME VALUE, or a JSON object")
        if base == "risk_weights":
            from pipeline_tui.domain.risk_weights import RiskWeights

            try:
                RiskWeights.from_dict(current)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"risk_weights: {exc}") from exc
            return base, current
        return base, check_setting(base, current)
    if entry:
        raise ValueError(f"{base} has no entries: set it as a whole")
    if base == "dependence_threshold":
        return base, check_setting(base, _share(text))
    if base == "currency":
        return base, check_setting(base, text.strip())
    if base == "survey_templates":
        try:
            return base, check_setting(base, json.loads(text))
        except json.JSONDecodeError as exc:
            raise ValueError(f"survey_templates is a JSON object: {exc}") from exc
    return base, check_setting(base, _number(text))
