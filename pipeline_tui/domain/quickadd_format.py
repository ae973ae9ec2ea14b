"""Printing a lead draft back as a quick-add line: the inverse of ``domain.quickadd.parse``."""

from __future__ import annotations

import re

from pipeline_tui.domain.lead_draft import LeadDraft
from pipeline_tui.domain.quickadd_words import cents_text, number_text

_SMALL_NUMBER = re.compile(r"^[€$£]?[0-9]{1,3}$")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_lead(draft: LeadDraft) -> str:
    """The canonical line for ``draft``: ``parse(format_lead(d), today).draft == d``.

    Order: company [/ contact] email value [xDAYS] duration #channel @stage @renewal next:ISO
    t:"…" "note".
    """
    parts = [draft.company]
    # An amount right after a name ending in a small number would read as one grouped amount
    # ("Studio 54 650/d" is 54 650/d): close the company with " / ", or after a contact's name
    # write the amount with a (decorative) currency sign, which cannot continue a number.
    guard = draft.email is None and _SMALL_NUMBER.match(
        (draft.contact_name or draft.company).rsplit(" ", 1)[-1]
    )
    sign = ""
    if draft.first_name is not None:
        parts += ["/", draft.first_name]
        if draft.last_name:
            parts.append(draft.last_name)
        sign = "€" if guard else ""
    elif guard and (draft.day_rate_cents is not None or draft.monthly_cents is not None):
        parts.append("/")
    if draft.email is not None:
        parts.append(draft.email)
    if draft.day_rate_cents is not None:
        parts.append(f"{sign}{cents_text(draft.day_rate_cents)}/d")
        if draft.days_per_month is not None:  # typed (None: the default setting)
            parts.append(f"x{number_text(draft.days_per_month)}")
    elif draft.monthly_cents is not None:
        parts.append(f"{sign}{cents_text(draft.monthly_cents)}/m")
    if draft.duration_months is not None:
        parts.append(f"{number_text(draft.duration_months)}m")
    if draft.channel is not None:
        parts.append(f"#{draft.channel}")
    if draft.stage != "lead":
        parts.append(f"@{draft.stage}")
    if draft.renewal:
        parts.append("@renewal")
    if draft.next_on is not None:
        parts.append(f"next:{draft.next_on.isoformat()}")
    if draft.title is not None:
        parts.append(f"t:{_quote(draft.title)}")
    if draft.note is not None:
        parts.append(_quote(draft.note))
    return " ".join(parts)
