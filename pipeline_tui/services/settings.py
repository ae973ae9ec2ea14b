"""Reading and changing the user's settings (``domain.settings`` says what each one is)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.settings import AppSettings, check_setting, settings_from
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


def save_setting(store: Store, key: str, value: Any) -> None:
    from pipeline_tui.store.writes.settings import put_setting

    clean = checked(check_setting, key, value)
    with store.session() as session:
        put_setting(session, key, json.dumps(clean, sort_keys=True))
