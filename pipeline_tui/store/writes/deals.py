"""Deals and their stage history: every move between stages is one ``DealStageChange`` row, the
first of a deal without a ``from_stage``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from pipeline_tui.store.models import Activity, Client, Contact, Deal, DealStageChange
from pipeline_tui.store.writes.cascade import delete_cascading
from pipeline_tui.store.writes.rows import flushed, get_or_fail


def load_deal(session: Session, deal_id: int) -> Deal:
    """The deal ``deal_id``; NotFound when there is none."""
    return get_or_fail(session, Deal, deal_id, "deal")


def contact_client_id(session: Session, contact_id: int) -> int | None:
    """The client of contact ``contact_id`` (None: a contact of no client); NotFound when
    there is no such contact."""
    return get_or_fail(session, Contact, contact_id, "contact").client_id


def last_moved_on(session: Session, deal_id: int) -> date | None:
    """The date of the deal's latest stage change (None without a history)."""
    return session.exec(
        select(DealStageChange.changed_on)
        .where(DealStageChange.deal_id == deal_id)
        .order_by(col(DealStageChange.changed_on).desc())
    ).first()


def insert_deal(session: Session, values: Mapping[str, Any]) -> Deal:
    """A new deal of an existing client (and contact, when given), flushed, with the first row
    of its history: its stage on the day it was created."""
    deal = Deal(**values)
    get_or_fail(session, Client, deal.client_id, "client")
    if deal.contact_id is not None:
        get_or_fail(session, Contact, deal.contact_id, "contact")
    flushed(session, deal)
    session.add(
        DealStageChange(
            deal_id=deal.id, from_stage=None, to_stage=deal.stage, changed_on=deal.created_on
        )
    )
    return deal


def move_deal(
    session: Session,
    deal: Deal,
    to_stage: str,
    *,
    on: date,
    lost_reason: str | None,
    closed_on: date | None,
) -> Deal:
    """Move the deal to ``to_stage`` on ``on``, recording the move."""
    session.add(
        DealStageChange(deal_id=deal.id, from_stage=deal.stage, to_stage=to_stage, changed_on=on)
    )
    deal.stage = to_stage
    deal.lost_reason = lost_reason
    deal.closed_on = closed_on
    session.add(deal)
    return deal


def delete_deal(session: Session, deal_id: int) -> None:
    """Delete the deal with its stage history and sequence enrolments; its activities stay,
    no longer linked to it (the foreign key would cascade: they are unlinked first, row by row,
    so the undo journal sees them)."""
    deal = load_deal(session, deal_id)
    for activity in session.exec(select(Activity).where(Activity.deal_id == deal_id)).all():
        activity.deal_id = None
        session.add(activity)
    session.flush()
    delete_cascading(session, deal)
