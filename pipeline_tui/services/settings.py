"""Reading and changing the user's settings (``domain.settings`` says what each one is).

``set_setting`` and ``reset_setting`` take what the user typed (``rot_days.proposal``, ``21``)
and read, check and write in one transaction: a bad key or value changes nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.settings import (
    AppSettings,
    SettingRow,
    check_setting,
    parse_setting,
    path_value,
    reset_setting_value,
    setting_rows,
    settings_document,
    settings_from,
    split_path,
)
from pipeline_tui.services.common import checked
from pipeline_tui.store.queries.settings import stored_settings
from pipeline_tui.store.reader import Reader, ReadSource

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

__all__ = [
    "AppSettings",
    "SettingRow",
    "get_setting",
    "load_settings",
    "read_settings",
    "reset_setting",
    "save_setting",
    "set_setting",
    "settings_json",
    "settings_list",
]


def load_settings(source: ReadSource) -> AppSettings:
    with source.read() as q:
        return read_settings(q)


def read_settings(q: Reader) -> AppSettings:
    """The settings, read in the caller's read transaction."""
    return settings_from(stored_settings(q))


def save_setting(store: Store, key: str, value: Any) -> None:
    from pipeline_tui.store.writes.settings import put_setting

    clean = checked(check_setting, key, value)
    with store.session() as session:
        put_setting(session, key, json.dumps(clean, sort_keys=True))


def settings_list(source: ReadSource) -> list[SettingRow]:
    """Every setting in effect, one row per entry of a map setting (``settings``, the screen)."""
    return setting_rows(load_settings(source))


def settings_json(source: ReadSource) -> dict[str, dict[str, Any]]:
    """``settings --json``: key → {value, default, description}."""
    return settings_document(load_settings(source))


def get_setting(source: ReadSource, path: str) -> Any:
    """The value in effect of a setting or of one entry (``rot_days.proposal``)."""
    checked(split_path, path)
    return path_value(load_settings(source), path)


def set_setting(store: Store, path: str, text: str) -> tuple[str, Any]:
    """Set ``path`` from the text the user typed; returns (key, the value stored)."""
    from pipeline_tui.store.database import reader_in
    from pipeline_tui.store.writes.settings import put_setting

    with store.session() as session:
        stored = stored_settings(reader_in(session))
        key, value = checked(parse_setting, path, text, stored)
        put_setting(session, key, json.dumps(value, sort_keys=True))
    return key, value


def reset_setting(store: Store, path: str) -> str:
    """Put ``path`` (a setting, or one entry of a map setting) back to its default; returns the
    key."""
    from pipeline_tui.store.database import reader_in
    from pipeline_tui.store.writes.settings import delete_setting, put_setting

    with store.session() as session:
        stored = stored_settings(reader_in(session))
        key, value = checked(reset_setting_value, path, stored)
        if value is None:
            delete_setting(session, key)
        else:
            put_setting(session, key, json.dumps(value, sort_keys=True))
    return key
