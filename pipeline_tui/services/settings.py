"""Reading and changing the user's settings (``domain.settings`` says what each one is)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.settings import (
    DESCRIPTIONS,
    SETTING_KEYS,
    AppSettings,
    check_setting,
    current_value,
    default_value,
    parse_setting,
    settings_from,
)
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.store.queries.settings import stored_settings
from pipeline_tui.store.reader import Reader, ReadSource

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

__all__ = ["AppSettings", "load_settings", "read_settings", "save_setting"]


def load_settings(source: ReadSource) -> AppSettings:
    with source.read() as q:
        return read_settings(q)


def read_settings(q: Reader) -> AppSettings:
    """The settings, read in the caller's read transaction."""
    return settings_from(stored_settings(q))


@dataclass(frozen=True)
class SettingLine:
    key: str
    value: Any
    default: Any
    description: str

    @property
    def changed(self) -> bool:
        return self.value != self.default


def setting_lines(source: ReadSource) -> list[SettingLine]:
    """Every setting with its value in effect, its default and what it changes."""
    settings = load_settings(source)
    return [
        SettingLine(key, current_value(settings, key), default_value(key), DESCRIPTIONS[key])
        for key in SETTING_KEYS
    ]


def set_setting_text(store: Store, key: str, text: str) -> tuple[str, Any]:
    """``settings set KEY VALUE``: parsed, checked and stored in one transaction."""
    with store.read() as q:
        stored = stored_settings(q)
    base, value = checked(parse_setting, key, text, stored)
    save_setting(store, base, value)
    return base, value


def reset_setting(store: Store, key: str) -> None:
    """``settings reset KEY`` (or one entry, ``rot_days.proposal``): back to the default."""
    from pipeline_tui.store.writes.settings import delete_setting, put_setting

    base, _, entry = key.partition(".")
    if base not in DESCRIPTIONS:
        raise InvalidInput(f"there is no setting named {key!r} (see `pipeline-tui settings`)")
    with store.session() as session:
        if not entry:
            delete_setting(session, base)
            return
        with store.read() as q:
            current = dict(stored_settings(q).get(base, {}))
        current.pop(entry, None)
        put_setting(session, base, json.dumps(current, sort_keys=True))


def save_setting(store: Store, key: str, value: Any) -> None:
    from pipeline_tui.store.writes.settings import put_setting

    clean = checked(check_setting, key, value)
    with store.session() as session:
        put_setting(session, key, json.dumps(clean, sort_keys=True))
