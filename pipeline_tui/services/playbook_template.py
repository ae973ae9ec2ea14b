"""The user's offboarding template: read, edit, reset.

An empty ``offboarding_template_item`` table means the built-in default
(``domain.playbook.DEFAULT_TEMPLATE``); the first edit copies the default into rows, then changes
them. Nothing is seeded by the migration, so a new database stays empty (``demo`` needs that) and
a later version can improve the default for everyone who never edited theirs.

An offboarding copies the template's active steps into its own items when it opens: editing the
template changes the next offboarding, never one already open.

Each edit reads the template in effect, changes it with ``domain.playbook``'s rules, and stores
the result (``store.writes.playbook``), in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline_tui.domain.playbook import (
    TemplateStep,
    check_step,
    step_index,
    step_key,
    template_in_effect,
    with_step_at,
)
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store, reader_in
from pipeline_tui.store.queries.playbook import has_stored_template, stored_steps
from pipeline_tui.store.reader import Reader, ReadSource
from pipeline_tui.store.writes import playbook as writes


def read_template(q: Reader) -> list[TemplateStep]:
    """The template in effect, read in the caller's transaction."""
    return template_in_effect(stored_steps(q))


def load_template(source: ReadSource) -> list[TemplateStep]:
    """The template in effect (stored steps, or the default when none are stored)."""
    with source.read() as q:
        return read_template(q)


def is_default_template(source: ReadSource) -> bool:
    with source.read() as q:
        return not has_stored_template(q)


def _index(steps: Sequence[TemplateStep], key: str) -> int:
    index = step_index(steps, key)
    if index is None:
        keys = ", ".join(step.key for step in steps)
        raise NotFound(
            _("the template has no step {key} (steps: {keys})").format(key=repr(key), keys=keys)
        )
    return index


def _stored(step: TemplateStep) -> TemplateStep:
    return replace(step, title=step.title.strip())


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
        steps = read_template(reader_in(session))
        index = _index(steps, key)
        step = steps[index]
        changed = replace(
            step,
            title=step.title if title is None else title.strip(),
            anchor=step.anchor if anchor is None else anchor,
            offset_days=step.offset_days if offset_days is None else offset_days,
            only_if_good=step.only_if_good if only_if_good is None else only_if_good,
            active=step.active if active is None else active,
        )
        checked(check_step, changed)
        steps[index] = _stored(changed)
        writes.save_template(session, steps)
    return changed


def add_template_step(store: Store, step: TemplateStep, *, position: int | None = None) -> None:
    """Add a step at ``position`` (1-based; default: last)."""
    checked(check_step, step)
    with store.session() as session:
        steps = read_template(reader_in(session))
        if step_index(steps, step.key) is not None:
            raise InvalidInput(
                _("the template already has a step {key}").format(key=repr(step.key))
            )
        writes.save_template(session, with_step_at(steps, _stored(step), position))


def add_titled_step(
    store: Store,
    title: str,
    *,
    anchor: str = "end",
    offset_days: int = 0,
    only_if_good: bool = False,
    active: bool = True,
    position: int | None = None,
) -> TemplateStep:
    """Add a step named by its title alone (the TUI's form): its key is made from the title
    (``domain.playbook.step_key``), unique in the template."""
    with store.session() as session:
        steps = read_template(reader_in(session))
        key = step_key(title, (step.key for step in steps))
        step = TemplateStep(key, title, anchor, offset_days, only_if_good, active)
        checked(check_step, step)
        writes.save_template(session, with_step_at(steps, _stored(step), position))
    return step


def move_template_step(store: Store, key: str, position: int) -> None:
    """Move a step to ``position`` (1-based, clamped to the template's length)."""
    with store.session() as session:
        steps = read_template(reader_in(session))
        step = steps.pop(_index(steps, key))
        writes.save_template(session, with_step_at(steps, step, position))


def remove_template_step(store: Store, key: str) -> None:
    """Delete a step from the template (open offboardings keep their items)."""
    with store.session() as session:
        steps = read_template(reader_in(session))
        del steps[_index(steps, key)]
        writes.save_template(session, steps)


def reset_template(store: Store) -> None:
    """Back to the built-in default template."""
    with store.session() as session:
        writes.clear_template(session)
