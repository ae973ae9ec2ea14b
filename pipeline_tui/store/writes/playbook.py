"""The offboarding template: its steps stored in order (none stored: the built-in default)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel import Session, select

from pipeline_tui.domain.playbook import TemplateStep
from pipeline_tui.store.models import OffboardingTemplateItem


def save_template(session: Session, steps: Sequence[TemplateStep]) -> None:
    """Store ``steps`` as the template, in this order: the rows of the steps kept are updated
    in place, the others deleted, the new ones added."""
    rows = {
        row.key: row
        for row in session.exec(
            select(OffboardingTemplateItem).order_by(
                OffboardingTemplateItem.position, OffboardingTemplateItem.id
            )
        )
    }
    keys = {step.key for step in steps}
    for key, row in rows.items():
        if key not in keys:
            session.delete(row)
    session.flush()
    for position, step in enumerate(steps, start=1):
        row = rows.get(step.key) or OffboardingTemplateItem(position=position, key=step.key)
        row.position = position
        row.title = step.title
        row.anchor = step.anchor
        row.offset_days = step.offset_days
        row.only_if_good = step.only_if_good
        row.active = step.active
        session.add(row)


def clear_template(session: Session) -> None:
    """Forget the stored steps: the built-in default is in effect again."""
    session.execute(sa.delete(OffboardingTemplateItem))
