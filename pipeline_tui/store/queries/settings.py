"""Settings: the stored values, by key (JSON text; what they mean is ``domain.settings``')."""

from __future__ import annotations

import json
from typing import Any

from pipeline_tui.store.reader import Reader


def stored_settings(q: Reader) -> dict[str, Any]:
    """Every stored setting, its JSON value decoded."""
    return {key: json.loads(value) for key, value in q.rows("SELECT key, value FROM setting")}
