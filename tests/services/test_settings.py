"""Settings through the services, on both backends: parsed, checked, stored, reset."""

from __future__ import annotations

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services import settings
from pipeline_tui.store.database import Store


def test_setting_from_text_and_resetting_one_entry(store: Store) -> None:
    settings.set_setting(store, "rot_days", "30")
    assert settings.load_settings(store).rot_days["proposal"] == 30
    settings.set_setting(store, "rot_days.proposal", "21")
    assert settings.load_settings(store).rot_days["proposal"] == 21
    settings.reset_setting(store, "rot_days.proposal")
    assert settings.load_settings(store).rot_days["proposal"] == 14  # its default again
    assert settings.load_settings(store).rot_days["lead"] == 30
    settings.set_setting(store, "dependence_threshold", "5/6")
    assert settings.load_settings(store).dependence_threshold == pytest.approx(5 / 6)
    settings.save_setting(store, "horizon_days", 30)
    settings.reset_setting(store, "horizon_days")
    assert settings.load_settings(store).horizon_days == 90


def test_a_bad_value_changes_nothing(store: Store) -> None:
    settings.save_setting(store, "whatif_weeks", 8)
    with pytest.raises(InvalidInput):
        settings.set_setting(store, "whatif_weeks", "0")
    with pytest.raises(InvalidInput):
        settings.reset_setting(store, "nope")
    assert settings.load_settings(store).whatif_weeks == 8
    lines = {line.path: line for line in settings.settings_list(store)}
    assert lines["whatif_weeks"].changed and not lines["horizon_days"].changed
