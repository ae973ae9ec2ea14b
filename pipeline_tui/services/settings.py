"""User settings stored in the database (so they travel with the data): JSON values by key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.vocabulary import DEFAULT_ROT_DAYS, DEFAULT_STAGE_PROBABILITIES, STAGES
from pipeline_tui.errors import InvalidInput
from pipeline_tui.store.reader import Reader, ReadSource

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store


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


def _validated(key: str, value: Any) -> Any:
    if key == "currency":
        if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
            raise InvalidInput("the currency is a three-letter ISO code such as EUR")
        return value.upper()
    if key in ("stage_probabilities", "rot_days"):
        if not isinstance(value, dict):
            raise InvalidInput(f"{key} maps stages to numbers")
        for stage, number in value.items():
            if stage not in STAGES:
                raise InvalidInput(f"{stage!r} is not a stage")
            if (
                not isinstance(number, int)
                or number < 0
                or (key == "stage_probabilities" and number > 100)
            ):
                raise InvalidInput(f"{key}[{stage}] must be a whole number in range")
        return value
    if key == "risk_weights":
        if not isinstance(value, dict):
            raise InvalidInput("risk_weights maps factor names to numbers")
        return value
    if key == "survey_gap_days":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
            raise InvalidInput("survey_gap_days is a whole number of days from 1 to 3650")
        return value
    if key == "survey_templates":
        from pipeline_tui.services.surveys import validated_templates

        return validated_templates(value)
    raise InvalidInput(f"there is no setting named {key!r}")


def load_settings(source: ReadSource) -> AppSettings:
    with source.read() as q:
        return read_settings(q)


def read_settings(q: Reader) -> AppSettings:
    """The settings, read in the caller's read transaction."""
    stored = {key: json.loads(value) for key, value in q.rows("SELECT key, value FROM setting")}
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


def save_setting(store: Store, key: str, value: Any) -> None:
    from pipeline_tui.store.models import Setting

    clean = _validated(key, value)
    with store.session() as session:
        row = session.get(Setting, key) or Setting(key=key, value="")
        row.value = json.dumps(clean, sort_keys=True)
        session.add(row)
