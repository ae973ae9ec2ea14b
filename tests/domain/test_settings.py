"""The settings registry: how typed text becomes a value, and ``check_setting`` alone says what is
valid (every key of ``AppSettings`` is in the registry)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from pipeline_tui.domain.risk_weights import RiskWeights
from pipeline_tui.domain.settings import (
    SETTINGS,
    AppSettings,
    default_value,
    edit_text,
    parse_setting,
    path_value,
    reset_setting_value,
    setting_rows,
    settings_from,
)
from pipeline_tui.domain.vocabulary import OPEN_STAGES


def test_every_setting_is_in_the_registry_with_a_description() -> None:
    assert list(SETTINGS) == [f.name for f in fields(AppSettings)]
    assert all(spec.description for spec in SETTINGS.values())
    assert default_value("risk_weights") == RiskWeights().to_dict()


@pytest.mark.parametrize(
    ("path", "text", "stored", "expected"),
    [
        ("currency", " eur ", {}, ("currency", "EUR")),
        ("horizon_days", "60", {}, ("horizon_days", 60)),
        ("dependence_threshold", "5/6", {}, ("dependence_threshold", 5 / 6)),
        ("dependence_threshold", "0.8333", {}, ("dependence_threshold", 0.8333)),
        ("dependence_threshold", "83%", {}, ("dependence_threshold", 0.83)),
        ("rot_days", "30", {}, ("rot_days", dict.fromkeys(OPEN_STAGES, 30))),
        (
            "rot_days.proposal",
            "21",
            {"rot_days": {"lead": 7}},
            ("rot_days", {"lead": 7, "proposal": 21}),
        ),
        (
            "rot_days",
            '{"meeting": 9}',
            {"rot_days": {"lead": 7}},
            ("rot_days", {"lead": 7, "meeting": 9}),
        ),
        ("stage_probabilities.proposal", "50", {}, ("stage_probabilities", {"proposal": 50})),
        ("risk_weights.competitor", "0,3", {}, ("risk_weights", {"competitor": 0.3})),
        (
            "risk_weights.competitor_window_days",
            "120",
            {"risk_weights": {"competitor": 0.3}},
            ("risk_weights", {"competitor": 0.3, "competitor_window_days": 120}),
        ),
        ("survey_templates", "{}", {}, ("survey_templates", {})),
        ("reminder_time", " 7:30 ", {}, ("reminder_time", "07:30")),
        ("reminder_time", "18:05", {}, ("reminder_time", "18:05")),
    ],
)
def test_typed_text_becomes_the_value_to_store(path, text, stored, expected) -> None:
    assert parse_setting(path, text, stored) == expected


@pytest.mark.parametrize(
    ("path", "text", "said"),
    [
        ("colour", "blue", "no setting named 'colour'; the settings are: currency"),
        ("currency.x", "1", "currency has no entries"),
        ("rot_days.won", "3", "rot_days has no entry 'won'"),
        ("rot_days", "soon", "whole number"),
        ("rot_days.lead", "0", "rot_days.lead is a whole number of at least 1"),
        ("rot_days.lead", "1.5", "rot_days.lead is a whole number"),
        ("stage_probabilities", "50", "one entry at a time"),
        ("stage_probabilities.lead", "101", "from 0 to 100"),
        ("dependence_threshold", "1/2", "above 0.5"),
        ("dependence_threshold", "1/0", "above 0.5"),
        ("dependence_threshold", "120%", "at most 1"),
        ("risk_weights.no_survey", "-0.1", "between 0 and 1"),
        ("risk_weights.no_contact_days", "0", "≥ 1"),
        ("risk_weights", '{"bogus": 1}', "no weight 'bogus'"),
        ("risk_weights", "[1]", "risk_weights is set one entry at a time"),
        ("whatif_weeks", "105", "from 1 to 104"),
        ("reminder_time", "24:00", "time of day written HH:MM"),
        ("reminder_time", "9h", "time of day written HH:MM"),
        ("reminder_time", "09:5", "time of day written HH:MM"),
        ("reminder_time", "9:60", "time of day written HH:MM"),
        ("survey_templates", "{x", "not valid JSON"),
        ("survey_templates", '{"party": {}}', "not a survey kind"),
    ],
)
def test_a_bad_key_or_value_says_what_is_valid(path, text, said) -> None:
    with pytest.raises(ValueError) as caught:
        parse_setting(path, text, {})
    assert said in str(caught.value)


def test_reset_one_entry_keeps_the_others() -> None:
    stored = {"rot_days": {"lead": 7, "proposal": 21}}
    assert reset_setting_value("rot_days.proposal", stored) == ("rot_days", {"lead": 7})
    assert reset_setting_value("rot_days.lead", {"rot_days": {"lead": 7}}) == ("rot_days", None)
    assert reset_setting_value("currency", {"currency": "CHF"}) == ("currency", None)


def test_rows_one_per_entry_marked_when_changed_and_edit_text_parses_back() -> None:
    settings = settings_from({"rot_days": {"proposal": 21}, "dependence_threshold": 0.9})
    rows = {row.path: row for row in setting_rows(settings)}
    assert rows["rot_days.proposal"].changed and rows["rot_days.proposal"].value == "21"
    assert not rows["rot_days.lead"].changed
    assert rows["dependence_threshold"].value == "90%"
    assert rows["dependence_threshold"].default == "83.33%"
    assert "risk_weights.competitor_window_days" in rows
    for path in rows:
        _key, value = parse_setting(path, edit_text(settings, path), {})
        if "." in path:
            assert value[path.split(".", 1)[1]] == path_value(settings, path)
        else:
            assert value == path_value(settings, path)


def test_reminder_time_defaults_to_nine_and_reads_as_hour_and_minute() -> None:
    from pipeline_tui.domain.settings import time_of_day

    assert AppSettings().reminder_time == "09:00"
    assert settings_from({"reminder_time": "18:30"}).reminder_time == "18:30"
    assert time_of_day("7:05") == (7, 5)
