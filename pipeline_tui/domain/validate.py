"""Checks of values typed by people; each returns the clean value or raises ValueError."""

from __future__ import annotations

import re
from datetime import date

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")


def clean_email(text: str | None) -> str | None:
    """A plausible address, lower-cased domain; empty → None."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def clean_text(text: str | None, what: str, *, required: bool = False, max_len: int = 200) -> str:
    value = (text or "").strip()
    if required and not value:
        raise ValueError(f"{what} is required")
    if len(value) > max_len:
        raise ValueError(f"{what} is longer than {max_len} characters")
    return value


def parse_iso_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"{what} {text!r} is not a date (YYYY-MM-DD)") from exc


def check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise ValueError(f"{what} {value!r} is not one of: {', '.join(choices)}")
    return value
