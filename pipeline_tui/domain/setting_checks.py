"""Checks of the values of the settings that are more than a number: a time of day, a language,
a map of stages to numbers, the risk weights (``domain.settings.check_setting`` calls them).
Each returns the clean value or raises a ValueError saying what a valid value is."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from pipeline_tui.domain.risk_weights import RiskWeights
from pipeline_tui.i18n import _
from pipeline_tui.i18n.core import LANGUAGES, language_of


def check_time_of_day(value: Any) -> str:
    """``"9:00"`` or ``"09:00"`` → ``"09:00"``; ValueError says what a valid time is."""
    said = _("reminder_time is a time of day written HH:MM (24 h), e.g. 09:00, got {value}").format(
        value=repr(value)
    )
    if not isinstance(value, str):
        raise ValueError(said)
    hours, colon, minutes = value.strip().partition(":")
    if not (colon and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(said)
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        raise ValueError(said)
    return f"{int(hours):02d}:{minutes}"


def check_language(value: Any) -> str:
    """``"fr"``, ``"FR"``, ``"fr_FR.UTF-8"`` → ``"fr"``; ``""`` or ``"auto"`` → ``""`` (follow
    the environment); ValueError names the languages there are."""
    if isinstance(value, str) and value.strip().lower() in ("", "auto"):
        return ""
    code = language_of(value) if isinstance(value, str) else None
    if code is None:
        raise ValueError(
            _(
                "language is one of {languages}, or auto to follow the environment (LANG), "
                "got {value}"
            ).format(languages=", ".join(LANGUAGES), value=repr(value))
        )
    return code


RISK_WEIGHT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(RiskWeights))


def check_stage_numbers(
    key: str, value: Any, stages: tuple[str, ...], low: int, high: int | None
) -> dict[str, int]:
    """A map of stages to whole numbers from ``low`` to ``high`` (None: no upper bound)."""
    if not isinstance(value, dict):
        raise ValueError(
            _("{key} maps stages to whole numbers: {stages}").format(
                key=key, stages=", ".join(stages)
            )
        )
    for stage, number in value.items():
        if stage not in stages:
            raise ValueError(
                _("{key} has no stage {stage}; its stages are: {stages}").format(
                    key=key, stage=repr(stage), stages=", ".join(stages)
                )
            )
        if (
            isinstance(number, bool)
            or not isinstance(number, int)
            or number < low
            or (high is not None and number > high)
        ):
            if high is not None:
                said = _("{key}.{stage} is a whole number from {low} to {high}, got {value}")
            else:
                said = _("{key}.{stage} is a whole number of at least {low}, got {value}")
            raise ValueError(
                said.format(key=key, stage=stage, low=low, high=high, value=repr(number))
            )
    return dict(value)


def check_risk_weights(value: Any) -> dict[str, Any]:
    """Some of the risk weights, each checked (``RiskWeights``)."""
    if not isinstance(value, dict):
        raise ValueError(
            _("risk_weights maps weight names to numbers, e.g. {example}").format(
                example='{"competitor": 0.3}'
            )
        )
    for name in value:
        if name not in RISK_WEIGHT_NAMES:
            raise ValueError(
                _("risk_weights has no weight {name}; the weights are: {names}").format(
                    name=repr(name), names=", ".join(RISK_WEIGHT_NAMES)
                )
            )
    try:
        clean = RiskWeights.from_dict(value).to_dict()
    except ValueError as exc:
        raise ValueError(f"risk_weights: {exc}") from exc
    return {name: clean[name] for name in value}
