"""The offboarding template as stored (no row: the built-in default is in effect)."""

from __future__ import annotations

from pipeline_tui.domain.playbook import TemplateStep
from pipeline_tui.store.reader import Reader


def stored_steps(q: Reader) -> list[TemplateStep]:
    """The user's template steps, in their order; empty when the user never edited it."""
    return [
        TemplateStep(key, title, anchor, int(offset), bool(only_if_good), bool(active))
        for key, title, anchor, offset, only_if_good, active in q.rows(
            "SELECT key, title, anchor, offset_days, only_if_good, active"
            " FROM offboarding_template_item ORDER BY position, id"
        )
    ]


def has_stored_template(q: Reader) -> bool:
    """True once the user edited the template (its steps are stored)."""
    return bool(q.rows("SELECT 1 FROM offboarding_template_item LIMIT 1"))
