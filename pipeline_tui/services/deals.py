"""Deals: the pipeline, and every move between stages recorded as history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict, Unpack

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.records import (
    DEAL_CHECKED,
    check_deal,
    check_deal_contact,
    check_expected_close,
    check_lost_reason,
    check_move,
    check_new_deal_stage,
    check_renewal_of,
)
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, STAGES
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked, reject_unknown
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries.deals import DealRecord
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import deals as deal_writes
from pipeline_tui.store.writes import missions as mission_writes
from pipeline_tui.store.writes.rows import apply_changes
from pipeline_tui.store.writes.sequences import stop_enrollments

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Deal

DEAL_FIELDS = (
    "contact_id",
    "title",
    "monthly_value_cents",
    "duration_months",
    "probability",
    "channel",
    "expected_close_on",
    "notes",
    "renewal_of_mission_id",
)


def add_deal(
    store: Store,
    client_id: int,
    title: str,
    *,
    on: date,
    stage: str = "lead",
    **fields: object,
) -> Deal:
    """Open a deal at ``stage`` on ``on``; its history starts with that stage."""
    with store.session() as session:
        return add_deal_in(session, client_id, title, on=on, stage=stage, **fields)


def add_deal_in(
    session: Session,
    client_id: int,
    title: str,
    *,
    on: date,
    stage: str = "lead",
    **fields: object,
) -> Deal:
    """``add_deal`` inside the caller's transaction (for use-cases that write more than a deal)."""
    reject_unknown(fields, DEAL_FIELDS, "deal")
    values = checked(
        check_deal,
        {"monthly_value_cents": 0, "channel": "other", **fields, "title": title, "stage": stage},
    )
    checked(check_new_deal_stage, stage)
    _check_renewal(session, client_id, values.get("renewal_of_mission_id"))
    return deal_writes.insert_deal(
        session,
        {
            **values,
            "client_id": client_id,
            "created_on": on,
            "closed_on": on if stage == "won" else None,
        },
    )


def _check_renewal(session: Session, client_id: int, mission_id: object) -> None:
    """A deal renews (``renewal_of_mission_id``) a mission of its own client, or none."""
    if mission_id is None:
        return
    if not isinstance(mission_id, int) or isinstance(mission_id, bool):
        raise InvalidInput(_("the mission to renew is given by its id"))
    checked(check_renewal_of, client_id, mission_writes.mission_client_id(session, mission_id))


def update_deal(store: Store, deal_id: int, **changes: object) -> Deal:
    """Change a deal's fields; stages move only through ``move_deal``. ``renewal_of_mission_id``
    flags the deal as the renewal of a mission of its client (None: not a renewal); a contact
    is one of the deal's client (or of none); a new expected close date is not before the day
    the deal was created."""
    reject_unknown(changes, DEAL_FIELDS, "deal")
    with store.session() as session:
        deal = deal_writes.load_deal(session, deal_id)
        current = {name: getattr(deal, name) for name in DEAL_CHECKED}
        clean = checked(check_deal, {**current, **changes})
        if "renewal_of_mission_id" in changes:
            _check_renewal(session, deal.client_id, changes["renewal_of_mission_id"])
        contact_id = changes.get("contact_id")
        if contact_id is not None and contact_id != deal.contact_id:
            contact_client = deal_writes.contact_client_id(session, contact_id)  # type: ignore[arg-type]
            checked(check_deal_contact, deal.client_id, contact_client)
        close_on = changes.get("expected_close_on")
        if close_on is not None and close_on != deal.expected_close_on:
            checked(check_expected_close, close_on, deal.created_on)  # type: ignore[arg-type]
        return apply_changes(session, deal, {**changes, "title": clean["title"]})


def move_deal(
    store: Store, deal_id: int, to_stage: str, *, on: date, lost_reason: str | None = None
) -> Deal:
    """Move a deal to ``to_stage`` on ``on`` and record the move.

    Won and lost close the deal (lost needs a reason); moving a closed deal back to an open stage
    reopens it. The deal's running sequence stops (reason ``stage_change``).
    """
    with store.session() as session:
        return move_deal_in(session, deal_id, to_stage, on=on, lost_reason=lost_reason)


def move_deal_in(
    session: Session, deal_id: int, to_stage: str, *, on: date, lost_reason: str | None = None
) -> Deal:
    """``move_deal`` inside the caller's transaction (a win that opens a mission, a reopen)."""
    reason = checked(check_lost_reason, to_stage, lost_reason)
    deal = deal_writes.load_deal(session, deal_id)
    checked(check_move, deal.stage, to_stage, deal_writes.last_moved_on(session, deal_id), on)
    deal_writes.move_deal(
        session,
        deal,
        to_stage,
        on=on,
        lost_reason=reason,
        closed_on=on if to_stage in CLOSED_STAGES else None,
    )
    # A stage change stops the deal's running sequence (its open steps are cancelled).
    stop_enrollments(session, on=on, reason="stage_change", deal_id=deal_id)
    return deal


def next_stage(stage: str, step: int) -> str | None:
    """The open stage ``step`` places after (or before) ``stage``, following the funnel."""
    funnel = list(STAGES[:6])  # lead … won
    if stage not in funnel:
        return None
    index = funnel.index(stage) + step
    return funnel[index] if 0 <= index < len(funnel) else None


def get_deal(store: Store, deal_id: int) -> Deal:
    """The deal as recorded (the model ``add_deal`` and ``move_deal`` return)."""
    with store.session() as session:
        return deal_writes.load_deal(session, deal_id)


def stage_history(source: ReadSource, deal_id: int) -> list[StageChange]:
    """A deal's moves, oldest first."""
    with source.read() as q:
        return deal_queries.stage_history(q, deal_id)


class DealFilters(TypedDict, total=False):
    """Which deals ``list_deals`` lists: ``deal_records``' filters, passed on as they are."""

    stage: str | None
    client_id: int | None
    open_only: bool
    limit: int | None


def list_deals(source: ReadSource, **filters: Unpack[DealFilters]) -> list[tuple[DealRecord, str]]:
    """Deals with their client's name, newest first (at most ``limit``)."""
    with source.read() as q:
        return deal_queries.deal_records(q, **filters)


def deal_json(d: DealRecord, client_name: str) -> dict[str, object]:
    """A deal as ``deal list --json`` prints it (money in cents, dates ISO)."""

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "id": d.id,
        "client_id": d.client_id,
        "client": client_name,
        "contact_id": d.contact_id,
        "title": d.title,
        "stage": d.stage,
        "monthly_value_cents": d.monthly_value_cents,
        "duration_months": d.duration_months,
        "probability": d.probability,
        "channel": d.channel,
        "expected_close_on": iso(d.expected_close_on),
        "created_on": iso(d.created_on),
        "closed_on": iso(d.closed_on),
        "lost_reason": d.lost_reason,
    }
