"""The user's offboarding template: read, edit, reset.

An empty ``offboarding_template_item`` table means the built-in default
(``domain.playbook.DEFAULT_TEMPLATE``); the first edit copies the default into rows, then changes
them. Nothing is seeded by the migration, so a new database stays empty (``demo`` needs that) and
a later version can improve the default for everyone who never edited theirs.

An offboarding copies the template's active steps into its own items when it opens: editing the
template changes the next offboarding, never one already open.
"""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa
from sqlmodel import Session, func, select

from pipeline_tui.domain.playbook import DEFAULT_TEMPLATE, TemplateStep, check_step
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import OffboardingTemplateItem


def _step(row: OffboardingTemplateItem) -> TemplateStep:
    return TemplateStep(
        key=row.key,
        title=row.title,
        anchor=row.anchor,
        offset_days=row.offset_days,
        only_if_good=row.only_if_good,
        active=row.active,
    )


def _rows(session: Session) -> list[OffboardingTemplateItem]:
    return list(
        session.exec(
            select(OffboardingTemplateItem).order_by(
                OffboardingTemplateItem.position, OffboardingTemplateItem.id
            )
        )
    )


def template_in(session: Session) -> list[TemplateStep]:
    """The template in effect, inside the caller's transaction."""
    rows = _rows(session)
    return [_step(row) for row in rows] if rows else list(DEFAULT_TEMPLATE)


def load_template(store: Store) -> list[TemplateStep]:
    """The template in effect (stored steps, or the default when none are stored)."""
    with store.session() as session:
        return template_in(session)


def is_default_template(store: Store) -> bool:
    with store.session() as session:
        count = session.exec(select(func.count()).select_from(OffboardingTemplateItem)).one()
    return int(count) == 0


def _materialised(session: Session) -> list[OffboardingTemplateItem]:
    rows = _rows(session)
    if rows:
        return rows
    rows = [
        OffboardingTemplateItem(position=position, **step_fields(step))
        for position, step in enumerate(DEFAULT_TEMPLATE, start=1)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def step_fields(step: TemplateStep) -> dict[str, object]:
    return {
        "key": step.key,
        "title": step.title.strip(),
        "anchor": step.anchor,
        "offset_days": step.offset_days,
        "only_if_good": step.only_if_good,
        "active": step.active,
    }


def _find(rows: list[OffboardingTemplateItem], key: str) -> OffboardingTemplateItem:
    for row in rows:
        if row.key == key:
            return row
    keys = ", ".join(row.key for row in rows)
    raise NotFound(f"the template has no step {key!r} (steps: {keys})")


def _renumber(session: Session, rows: list[OffboardingTemplateItem]) -> None:
    for position, row in enumerate(rows, start=1):
        row.position = position
        session.add(row)


def update_template_step(
    store: Store,
    key: str,
    *,
    title: str | None = None,
    anchor: str | None = None,
    offset_days: int | None = None,
    only_if_good: bool | None = None,
    active: bool | None = None,
) -> TemplateStep:
    """Change one step of the template (the others keep their values)."""
    with store.session() as session:
        row = _find(_materialised(session), key)
        changed = replace(
            _step(row),
            title=row.title if title is None else title.strip(),
            anchor=row.anchor if anchor is None else anchor,
            offset_days=row.offset_days if offset_days is None else offset_days,
            only_if_good=row.only_if_good if only_if_good is None else only_if_good,
            active=row.active if active is None else active,
        )
        checked(check_step, changed)
        for name, value in step_fields(changed).items():
            setattr(row, name, value)
        session.add(row)
    return changed


def add_template_step(store: Store, step: TemplateStep, *, position: int | None = None) -> None:
    """Add a step at ``position`` (1-based; default: last)."""
    checked(check_step, step)
    with store.session() as session:
        rows = _materialised(session)
        if any(row.key == step.key for row in rows):
            raise InvalidInput(f"the template already has a step {step.key!r}")
        row = OffboardingTemplateItem(position=0, **step_fields(step))
        index = len(rows) if position is None else min(max(position, 1), len(rows) + 1) - 1
        rows.insert(index, row)
        _renumber(session, rows)


def move_template_step(store: Store, key: str, position: int) -> None:
    """Move a step to ``position`` (1-based, clamped to the template's length)."""
    with store.session() as session:
        rows = _materialised(session)
        row = _find(rows, key)
        rows.remove(row)
        rows.insert(min(max(position, 1), len(rows) + 1) - 1, row)
        _renumber(session, rows)


def remove_template_step(store: Store, key: str) -> None:
    """Delete a step from the template (open offboardings keep their items)."""
    with store.session() as session:
        rows = _materialised(session)
        row = _find(rows, key)
        rows.remove(row)
        session.delete(row)
        session.flush()
        _renumber(session, rows)


def reset_template(store: Store) -> None:
    """Back to the built-in default template."""
    with store.session() as session:
        session.execute(sa.delete(OffboardingTemplateItem))
