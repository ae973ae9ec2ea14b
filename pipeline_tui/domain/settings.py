"""The user's settings: what each one is, its default, and what a valid value is.

Settings are stored in the database (so they travel with the data), one JSON value per key; a key
that was never set has its default. ``AppSettings`` is the whole set as the numbers read it.

``SETTINGS`` is the registry the CLI (``pipeline-tui settings``) and the settings screen read: for
each key what it changes, and how text typed by the user becomes a value. The parsers only
convert; ``check_setting`` alone decides what is valid (a text a parser cannot read is handed to
it as is, and its message says what a valid value is). The map settings (stage probabilities,
rotting days, risk weights) are set one entry at a time as ``key.entry``; the checks of the values
that are more than a number are ``domain.setting_checks``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pipeline_tui.domain.playbook import check_survey_templates
from pipeline_tui.domain.quickadd_words import DEFAULT_DAYS_PER_MONTH
from pipeline_tui.domain.risk_weights import WEIGHT_DESCRIPTIONS, RiskWeights
from pipeline_tui.domain.setting_checks import (
    RISK_WEIGHT_NAMES,
    check_language,
    check_risk_weights,
    check_stage_numbers,
    check_time_of_day,
)
from pipeline_tui.domain.vocabulary import (
    DEFAULT_ROT_DAYS,
    DEFAULT_STAGE_PROBABILITIES,
    OPEN_STAGES,
    STAGES,
    label,
)
from pipeline_tui.i18n import N_, _


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
    # The time of day ("HH:MM", local) of a due activity's alarm in the .ics and of the digest.
    reminder_time: str = "09:00"
    # The interface's language ("en", "fr"); empty: the environment's (LANG), English else.
    language: str = ""


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
        reminder_time=stored.get("reminder_time", defaults.reminder_time),
        language=stored.get("language", defaults.language),
        **{key: stored.get(key, getattr(defaults, key)) for key in NUMBER_SETTINGS},
    )


def time_of_day(text: str) -> tuple[int, int]:
    """(hour, minute) of a checked ``HH:MM``."""
    hours, _colon, minutes = check_time_of_day(text).partition(":")
    return int(hours), int(minutes)


def check_setting(key: str, value: Any) -> Any:
    """The value to store for ``key``, checked; ValueError says what is wrong and what is valid."""
    if key == "currency":
        if not (isinstance(value, str) and len(value) == 3 and value.isalpha()):
            raise ValueError(
                _("currency is a three-letter ISO code such as EUR, got {value}").format(
                    value=repr(value)
                )
            )
        return value.upper()
    if key == "stage_probabilities":
        return check_stage_numbers(key, value, STAGES, 0, 100)
    if key == "rot_days":
        return check_stage_numbers(key, value, OPEN_STAGES, 1, None)
    if key == "risk_weights":
        return check_risk_weights(value)
    if key in NUMBER_SETTINGS:
        low, high = NUMBER_SETTINGS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                _("{key} is a whole number from {low} to {high}, got {value}").format(
                    key=key, low=low, high=high, value=repr(value)
                )
            )
        return value
    if key == "dependence_threshold":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 < value <= 1:
            raise ValueError(
                _(
                    "dependence_threshold is a share above 0.5 and at most 1, "
                    "written 5/6, 0.8333 or 83%, got {value}"
                ).format(value=repr(value))
            )
        return float(value)
    if key == "survey_templates":
        return check_survey_templates(value)
    if key == "reminder_time":
        return check_time_of_day(value)
    if key == "language":
        return check_language(value)
    raise ValueError(
        _("there is no setting named {key}; the settings are: {keys}").format(
            key=repr(key), keys=", ".join(SETTINGS)
        )
    )


# --- the registry: what each setting changes, and text → value --------------------------------


def _whole(text: str) -> Any:
    """A whole number, else the text itself (for ``check_setting`` to reject, saying why)."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _number(text: str) -> Any:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


def _share(text: str) -> Any:
    """5/6, 0.8333 or 83% as a fraction of 1; anything else as the text itself."""
    t = text.strip()
    try:
        if t.endswith("%"):
            return float(Fraction(t[:-1].strip()) / 100)
        return float(Fraction(t))
    except (ValueError, ZeroDivisionError):
        return text


def _risk_entry(name: str, text: str) -> Any:
    return _whole(text) if name.endswith("_days") else _number(text)


@dataclass(frozen=True)
class SettingSpec:
    """One setting: what it changes, how typed text becomes its value, and for a map setting the
    names of its entries with how text becomes an entry's value (and what each entry changes)."""

    description: str  # English, a message: _(description) for people, as is in JSON
    parse: Callable[[str], Any] | None = None  # None: a JSON value only
    entries: tuple[str, ...] = ()
    parse_entry: Callable[[str, str], Any] | None = None
    entry_description: Callable[[str], str] | None = None
    # A bare number for a map setting sets every entry to it (rot_days 30).
    every_entry: bool = False


SETTINGS: dict[str, SettingSpec] = {
    "currency": SettingSpec(N_("currency of every amount (ISO code)"), parse=str.strip),
    "stage_probabilities": SettingSpec(
        N_("probability (%) of a deal at each stage, unless the deal overrides it"),
        entries=STAGES,
        parse_entry=lambda _name, text: _whole(text),
        entry_description=lambda s: _("probability (%) of a deal at stage {stage}").format(
            stage=label(s)
        ),
    ),
    "rot_days": SettingSpec(
        N_("days an open deal may go without activity before it is rotting, per stage"),
        entries=OPEN_STAGES,
        parse_entry=lambda _name, text: _whole(text),
        entry_description=lambda s: _(
            "days without activity before a {stage} deal is rotting"
        ).format(stage=label(s)),
        every_entry=True,
    ),
    "risk_weights": SettingSpec(
        N_("weights (0–1) and windows (days) of the churn-risk score"),
        entries=RISK_WEIGHT_NAMES,
        parse_entry=_risk_entry,
        entry_description=lambda name: (
            _("risk window: {what}") if name.endswith("_days") else _("risk weight: {what}")
        ).format(what=_(WEIGHT_DESCRIPTIONS[name])),
    ),
    "survey_gap_days": SettingSpec(
        N_("days after the last satisfaction survey before a current client shows as a gap"),
        parse=_whole,
    ),
    "survey_templates": SettingSpec(
        N_("survey message templates by kind (JSON: {kind: {subject, body}}; empty: built-in)")
    ),
    "default_days_per_month": SettingSpec(
        N_("days a month of a day-rate deal or mission when none is given"), parse=_whole
    ),
    "risk_alert_score": SettingSpec(
        N_("churn-risk score from which a client is an alert on the daily agenda"), parse=_whole
    ),
    "horizon_days": SettingSpec(
        N_("days ahead in which a planned mission end with no renewal is revenue lost"),
        parse=_whole,
    ),
    "history_window_months": SettingSpec(
        N_("months of your own history the per-channel targets learn from"), parse=_whole
    ),
    "dependence_threshold": SettingSpec(
        N_("share of income from one client flagged as dependence (5/6, 0.8333 or 83%)"),
        parse=_share,
    ),
    "whatif_weeks": SettingSpec(
        N_("weeks a revenue gap is to be refilled in (what-if, review, raise the plan)"),
        parse=_whole,
    ),
    "reminder_time": SettingSpec(
        N_("time of day (HH:MM) of a due activity's alarm in the .ics and of the morning digest"),
        parse=str.strip,
    ),
    "language": SettingSpec(
        N_(
            "language of the interface: en, fr, or auto (empty) to follow LANG; --lang overrides"
            " it; the TUI takes a change at its next start"
        ),
        parse=str.strip,
    ),
}
"""Every setting, in the order they are listed."""


def _spec(key: str) -> SettingSpec:
    if key not in SETTINGS:
        check_setting(key, None)  # raises: there is no such setting
    return SETTINGS[key]


def split_path(path: str) -> tuple[str, str | None]:
    """``"rot_days.proposal"`` → (``"rot_days"``, ``"proposal"``), checked: the key exists, and
    the entry is one of its entries. ValueError says what the valid names are."""
    key, dot, entry = path.strip().partition(".")
    spec = _spec(key)
    if not dot:
        return key, None
    if not spec.entries:
        raise ValueError(
            _("{key} has no entries: set it as a whole (settings set {key} VALUE)").format(key=key)
        )
    if entry not in spec.entries:
        raise ValueError(
            _("{key} has no entry {entry}; its entries are: {entries}").format(
                key=key, entry=repr(entry), entries=", ".join(spec.entries)
            )
        )
    return key, entry


def default_value(key: str) -> Any:
    """The default of ``key`` as JSON-ready data (risk weights in full)."""
    _spec(key)
    if key == "risk_weights":
        return RiskWeights().to_dict()
    return getattr(AppSettings(), key)


def effective_value(settings: AppSettings, key: str) -> Any:
    """The value in effect (a map in full: the stored entries over the defaults)."""
    _spec(key)
    if key == "risk_weights":
        return {**RiskWeights().to_dict(), **settings.risk_weights}
    return getattr(settings, key)


def path_value(settings: AppSettings, path: str) -> Any:
    """The value in effect of a key or of one entry (``rot_days.proposal``)."""
    key, entry = split_path(path)
    value = effective_value(settings, key)
    return value if entry is None else value[entry]


def _json_text(key: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            _("{key}: {text} is not valid JSON ({why})").format(
                key=key, text=repr(text), why=exc.msg
            )
        ) from exc


def parse_setting(path: str, text: str, stored: Mapping[str, Any]) -> tuple[str, Any]:
    """The key and the checked value to store when the user types ``settings set PATH TEXT``.

    ``stored`` is what is stored now: setting one entry of a map (``rot_days.proposal 21``), or a
    JSON object of entries, keeps the other stored entries; ``rot_days 30`` sets every open stage.
    """
    key, entry = split_path(path)
    spec = SETTINGS[key]
    if spec.entries:
        current = dict(stored.get(key, {}))
        if entry is not None:
            assert spec.parse_entry is not None
            new = {entry: spec.parse_entry(entry, text)}
        elif text.lstrip().startswith("{"):
            new = _json_text(key, text)
            if not isinstance(new, dict):
                new = text
        elif spec.every_entry:
            number = spec.parse_entry(spec.entries[0], text) if spec.parse_entry else text
            new = {name: number for name in spec.entries}
        else:
            raise ValueError(
                _(
                    "{key} is set one entry at a time (settings set {key}.{entry} VALUE) "
                    "or as a JSON object"
                ).format(key=key, entry=spec.entries[0])
            )
        if isinstance(new, dict):
            current.update(new)
            return key, check_setting(key, current)
        return key, check_setting(key, new)
    value = spec.parse(text) if spec.parse is not None else _json_text(key, text)
    return key, check_setting(key, value)


def reset_setting_value(path: str, stored: Mapping[str, Any]) -> tuple[str, Any | None]:
    """The key and what to store once ``path`` is back to its default (None: nothing stored)."""
    key, entry = split_path(path)
    if entry is None:
        return key, None
    rest = {name: value for name, value in dict(stored.get(key, {})).items() if name != entry}
    return key, (rest or None)


# --- how a value reads ---------------------------------------------------------------------------


def format_value(key: str, value: Any) -> str:
    """One setting's (or entry's) value as the user reads and types it."""
    if key == "dependence_threshold":
        return f"{value * 100:.4g}%"
    if key == "survey_templates":
        if not value:
            return _("built-in")
        return _("custom: {kinds}").format(kinds=", ".join(sorted(value)))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def edit_text(settings: AppSettings, path: str) -> str:
    """The text a form starts from to edit ``path`` (it parses back to the same value)."""
    key, _entry = split_path(path)
    value = path_value(settings, path)
    if key == "survey_templates":
        return json.dumps(value, ensure_ascii=False)
    return format_value(key, value)


@dataclass(frozen=True)
class SettingRow:
    """One line of the settings list: a whole setting, or one entry of a map setting."""

    path: str
    value: str
    default: str
    changed: bool
    description: str


def setting_rows(settings: AppSettings) -> list[SettingRow]:
    """Every setting in effect, a map setting as one row per entry (``rot_days.proposal``)."""
    rows: list[SettingRow] = []
    for key, spec in SETTINGS.items():
        value, default = effective_value(settings, key), default_value(key)
        if not spec.entries:
            rows.append(
                SettingRow(
                    key,
                    format_value(key, value),
                    format_value(key, default),
                    value != default,
                    _(spec.description),
                )
            )
            continue
        for entry in spec.entries:
            assert spec.entry_description is not None
            rows.append(
                SettingRow(
                    f"{key}.{entry}",
                    format_value(key, value[entry]),
                    format_value(key, default[entry]),
                    value[entry] != default[entry],
                    spec.entry_description(entry),
                )
            )
    return rows


def settings_document(settings: AppSettings) -> dict[str, dict[str, Any]]:
    """``settings --json``: key → {value, default, description}, values as JSON data."""
    return {
        key: {
            "value": effective_value(settings, key),
            "default": default_value(key),
            "description": spec.description,
        }
        for key, spec in SETTINGS.items()
    }
