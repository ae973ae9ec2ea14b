"""Ending a mission early, and the offboarding that follows (DESIGN.md, "End of a collaboration").

``end_mission_early`` is one transaction: the mission ends (its revenue leaves the numbers after
the end date, see ``domain.revenue.is_active``), the offboarding opens with its items copied from
the template in effect, and the paid-training offer becomes a deal at the proposal stage with its
stage history. Then the checklist is worked through: items, transition steps, documents. When
every item is done the offboarding closes (and reopens if one is unticked). Reading is in
``services.offboarding_view``. ``mission_to_end`` finds the one mission of a client to end.

The writes are ``store.writes.offboardings``'s, each use-case in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain import playbook
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.playbook import (
    Progress,
    build_checklist,
    check_end_note,
    check_notice_days,
)
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked, found
from pipeline_tui.services.deals import add_deal_in
from pipeline_tui.services.missions import end_mission_in
from pipeline_tui.services.playbook_template import read_template
from pipeline_tui.store.database import Store, reader_in
from pipeline_tui.store.queries import offboardings as queries
from pipeline_tui.store.queries.clients import client_names
from pipeline_tui.store.queries.offboardings import ItemRow
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import offboardings as writes

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.models import (
        Deal,
        HandoverDocument,
        OffboardingItem,
        TransitionStep,
    )

TRAINING_ITEM = "training_offer"


@dataclass(frozen=True)
class EndedMission:
    """What ``end_mission_early`` wrote."""

    mission_id: int
    client_id: int
    offboarding_id: int
    training_deal_id: int | None
    items: int


def mission_to_end(source: ReadSource, client_id: int, today: date) -> int:
    """The client's one mission that can be ended early on ``today`` (running, no end recorded:
    ``domain.revenue.can_end_early``); InvalidInput naming the candidates when there are several,
    or when there is none. NotFound when there is no such client."""
    with source.read() as q:
        name = found(client_names(q, [client_id]).get(client_id), "client", client_id)
        missions = queries.client_missions(q, client_id)
    return checked(playbook.mission_to_end, missions, today, name)


def _clean_note(note: str | None) -> str | None:
    return checked(clean_text, note, _("the note"), max_len=4000) or None


def _training_title(mission_title: str) -> str:
    return _("Training for the team taking over {mission}").format(mission=mission_title)[:200]


def _add_training_deal(
    session: Session,
    client_id: int,
    mission_title: str,
    value_cents: int,
    *,
    today: date,
    close_on: date,
    contact_id: int | None,
) -> Deal:
    if value_cents <= 0:
        raise InvalidInput(_("the training offer is an amount above zero"))
    return add_deal_in(
        session,
        client_id,
        _training_title(mission_title),
        on=today,
        stage="proposal",
        monthly_value_cents=value_cents,
        duration_months=1,
        channel="other",
        expected_close_on=max(close_on, today),
        contact_id=contact_id,
        notes=_("Paid training for whoever takes over, proposed when the mission ended early."),
    )


def end_mission_early(
    store: Store,
    mission_id: int,
    *,
    end_on: date,
    notice_days: int,
    reason: str,
    note: str | None = None,
    relationship_good: bool = True,
    training_offer_cents: int | None = None,
    training_contact_id: int | None = None,
    today: date,
) -> EndedMission:
    """End a mission early and open its offboarding, in one transaction.

    ``notice_days`` dates the notice-anchored items (notice = ``end_on − notice_days``);
    ``relationship_good`` keeps the case-study item; a ``training_offer_cents`` creates the
    training deal at the proposal stage (a one-month deal of that value, expected to close by
    the end) and ticks the training-offer item.
    """
    checked(check_notice_days, notice_days)
    clean_note = _clean_note(note)
    checked(check_end_note, reason, clean_note)
    if training_offer_cents is not None and training_offer_cents <= 0:
        raise InvalidInput(_("the training offer is an amount above zero"))
    with store.session() as session:
        mission = writes.get_mission(session, mission_id)
        title, client_id = mission.title, mission.client_id
        if mission.actual_end_on is not None:
            ended = format_day(mission.actual_end_on)
            raise InvalidInput(
                _("the mission {title} already ended on {day}").format(title=repr(title), day=ended)
            )
        if writes.offboarding_of_mission(session, mission_id) is not None:
            raise InvalidInput(
                _("the mission {title} already has an offboarding").format(title=repr(title))
            )
        end_mission_in(session, mission_id, end_on, early_reason=reason, note=clean_note)
        deal = None
        if training_offer_cents is not None:
            deal = _add_training_deal(
                session,
                client_id,
                title,
                training_offer_cents,
                today=today,
                close_on=end_on,
                contact_id=training_contact_id,
            )
        entries = build_checklist(
            read_template(reader_in(session)),
            end_on,
            notice_days,
            relationship_good=relationship_good,
        )
        offboarding_id = writes.add_offboarding(
            session,
            mission_id=mission_id,
            client_id=client_id,
            opened_on=today,
            end_on=end_on,
            reason=reason,
            note=clean_note,
            notice_days=notice_days,
            relationship_good=relationship_good,
            training_deal_id=deal.id if deal else None,
            entries=entries,
            done={TRAINING_ITEM: today} if deal is not None else {},
        )
        writes.refresh_closed(session, writes.get_offboarding(session, offboarding_id), today)
        return EndedMission(
            mission_id=mission_id,
            client_id=client_id,
            offboarding_id=offboarding_id,
            training_deal_id=deal.id if deal else None,
            items=len(entries),
        )


def propose_training(
    store: Store,
    offboarding_id: int,
    value_cents: int,
    *,
    today: date,
    contact_id: int | None = None,
) -> Deal:
    """The paid-training offer made after the end: a deal at the proposal stage."""
    with store.session() as session:
        offboarding = writes.get_offboarding(session, offboarding_id)
        if offboarding.training_deal_id is not None:
            raise InvalidInput(_("a training was already proposed for this offboarding"))
        mission = writes.get_mission(session, offboarding.mission_id)
        deal = _add_training_deal(
            session,
            mission.client_id,
            mission.title,
            value_cents,
            today=today,
            close_on=offboarding.end_on,
            contact_id=contact_id,
        )
        assert deal.id is not None
        writes.set_training_deal(session, offboarding, deal.id)
        tick_item_in(session, offboarding_id, TRAINING_ITEM, today)
        return deal


# --- the checklist -------------------------------------------------------------------------------


def set_item_done(store: Store, item_id: int, done_on: date | None) -> Progress:
    """Tick an item (``done_on``) or untick it (None); returns the offboarding's progress."""
    with store.session() as session:
        item = writes.get_item(session, item_id)
        writes.set_item_done(session, item, done_on)
        offboarding = writes.get_offboarding(session, item.offboarding_id)
        return writes.refresh_closed(session, offboarding, done_on or offboarding.end_on)


def tick_item_in(session: Session, offboarding_id: int, key: str, on: date) -> bool:
    """Tick the open item ``key`` of an offboarding, inside the caller's transaction.

    Used when something done elsewhere completes an item (a training proposed, an exit survey
    recorded, a case study agreed); False when there is no such open item.
    """
    item = writes.open_item(session, offboarding_id, key)
    if item is None:
        return False
    writes.set_item_done(session, item, on)
    writes.refresh_closed(session, writes.get_offboarding(session, offboarding_id), on)
    return True


def update_item(
    store: Store,
    item_id: int,
    *,
    title: str | None = None,
    due_on: date | None = None,
    notes: str | None = None,
) -> OffboardingItem:
    """Edit an item of an open checklist: its title, due date or notes."""
    with store.session() as session:
        writes.get_item(session, item_id)  # NotFound first
        if title is not None:
            title = checked(clean_text, title, _("the item title"), required=True, max_len=300)
        if notes is not None:
            notes = checked(clean_text, notes, _("the notes"), max_len=4000)
        return writes.update_item(session, item_id, title=title, due_on=due_on, notes=notes)


def remove_item(store: Store, item_id: int, today: date) -> Progress:
    """Delete a checklist item (a step that does not apply to this collaboration); the
    offboarding closes ``today`` when every item left is done. Returns its progress."""
    with store.session() as session:
        offboarding_id = writes.remove_item(session, item_id)
        offboarding = writes.get_offboarding(session, offboarding_id)
        return writes.refresh_closed(session, offboarding, today)


def find_item(source: ReadSource, offboarding_id: int, key: str) -> ItemRow:
    """The item ``key`` of a checklist; NotFound listing the checklist's keys."""
    with source.read() as q:
        item = queries.item_by_key(q, offboarding_id, key)
        if item is not None:
            return item
        keys = [i.key for i in queries.items(q, offboarding_id)]
    raise NotFound(
        _("this checklist has no item {key} (items: {keys})").format(
            key=repr(key), keys=", ".join(keys)
        )
    )


# --- transition plan and documents ---------------------------------------------------------------


def _checked_step(task: str, owner: str | None) -> tuple[str, str | None]:
    """A step's task (required) and who takes it over (blank: nobody named yet), cleaned."""
    clean_task = checked(clean_text, task, _("the task"), required=True, max_len=300)
    return clean_task, checked(clean_text, owner, _("who takes over"), max_len=200) or None


def add_transition_step(
    store: Store,
    offboarding_id: int,
    task: str,
    *,
    owner: str | None = None,
    due_on: date | None = None,
) -> TransitionStep:
    """A step of the transition plan: ``task`` handed over to ``owner`` (who takes it over)."""
    clean_task, clean_owner = _checked_step(task, owner)
    with store.session() as session:
        return writes.add_transition_step(session, offboarding_id, clean_task, clean_owner, due_on)


def update_transition_step(
    store: Store,
    step_id: int,
    task: str,
    *,
    owner: str | None = None,
    due_on: date | None = None,
) -> TransitionStep:
    """Rewrite a step of the transition plan: its task, who takes it over (None: nobody named
    yet) and by when (None: no date)."""
    clean_task, clean_owner = _checked_step(task, owner)
    with store.session() as session:
        return writes.update_transition_step(
            session, step_id, task=clean_task, owner=clean_owner, due_on=due_on
        )


def set_transition_step_done(store: Store, step_id: int, done_on: date | None) -> TransitionStep:
    with store.session() as session:
        return writes.set_transition_step_done(session, step_id, done_on)


def remove_transition_step(store: Store, step_id: int) -> None:
    with store.session() as session:
        writes.remove_transition_step(session, step_id)


def add_document(store: Store, offboarding_id: int, name: str) -> HandoverDocument:
    """A project document to gather and hand over."""
    clean_name = checked(clean_text, name, _("the document"), required=True, max_len=300)
    with store.session() as session:
        return writes.add_document(session, offboarding_id, clean_name)


def rename_document(store: Store, document_id: int, name: str) -> HandoverDocument:
    """Rename a document of the handover list."""
    clean_name = checked(clean_text, name, _("the document"), required=True, max_len=300)
    with store.session() as session:
        return writes.rename_document(session, document_id, clean_name)


def set_document_handed_over(
    store: Store, document_id: int, handed_over_on: date | None
) -> HandoverDocument:
    with store.session() as session:
        return writes.set_document_handed_over(session, document_id, handed_over_on)


def remove_document(store: Store, document_id: int) -> None:
    with store.session() as session:
        writes.remove_document(session, document_id)
