"""Deals: the pipeline, and every move between stages recorded as history."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import CHANNELS, CLOSED_STAGES, STAGES
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.sequences import stop_enrollments
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Contact, Deal, DealStageChange
from pipeline_tui.store.queries.deals import DealRow, board_page, stage_totals
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes.rows import get_or_fail

DEAL_FIELDS = (
    "contact_id",
    "title",
    "monthly_value_cents",
    "duration_months",
    "probability",
    "channel",
    "expected_close_on",
    "notes",
)


def _check_deal(deal: Deal) -> None:
    deal.title = checked(clean_text, deal.title, "the deal title", required=True)
    checked(check_choice, deal.stage, STAGES, "the stage")
    checked(check_choice, deal.channel, CHANNELS, "the channel")
    if deal.monthly_value_cents < 0:
        raise InvalidInput("the monthly value cannot be negative")
    if deal.duration_months is not None and deal.duration_months <= 0:
        raise InvalidInput("the expected duration must be positive")
    if deal.probability is not None and not 0 <= deal.probability <= 100:
        raise InvalidInput("a probability is a percentage between 0 and 100")


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
    unknown = set(fields) - set(DEAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown deal fields: {sorted(unknown)}")
    fields.setdefault("monthly_value_cents", 0)
    deal = Deal(client_id=client_id, title=title, stage=stage, created_on=on, **fields)
    _check_deal(deal)
    if stage == "lost":
        raise InvalidInput("a deal cannot be created lost")
    if stage == "won":
        deal.closed_on = on
    get_or_fail(session, Client, client_id, "client")
    if deal.contact_id is not None:
        get_or_fail(session, Contact, deal.contact_id, "contact")
    session.add(deal)
    session.flush()
    session.add(DealStageChange(deal_id=deal.id, from_stage=None, to_stage=stage, changed_on=on))
    return deal


def update_deal(store: Store, deal_id: int, **changes: object) -> Deal:
    """Change a deal's fields; stages move only through ``move_deal``."""
    unknown = set(changes) - set(DEAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown deal fields: {sorted(unknown)}")
    with store.session() as session:
        deal = get_or_fail(session, Deal, deal_id, "deal")
        for key, value in changes.items():
            setattr(deal, key, value)
        _check_deal(deal)
        session.add(deal)
    return deal


def move_deal(
    store: Store, deal_id: int, to_stage: str, *, on: date, lost_reason: str | None = None
) -> Deal:
    """Move a deal to ``to_stage`` on ``on`` and record the move.

    Won and lost close the deal (lost needs a reason); moving a closed deal back to an open stage
    reopens it. The deal's running sequence stops (reason ``stage_change``).
    """
    checked(check_choice, to_stage, STAGES, "the stage")
    reason = (lost_reason or "").strip() or None
    if to_stage == "lost" and reason is None:
        raise InvalidInput("say why the deal was lost")
    if to_stage != "lost" and reason is not None:
        raise InvalidInput("only a lost deal has a lost reason")
    with store.session() as session:
        deal = get_or_fail(session, Deal, deal_id, "deal")
        if deal.stage == to_stage:
            raise InvalidInput(f"the deal is already at the {to_stage} stage")
        last = session.exec(
            select(DealStageChange.changed_on)
            .where(DealStageChange.deal_id == deal_id)
            .order_by(col(DealStageChange.changed_on).desc())
        ).first()
        if last is not None and on < last:
            raise InvalidInput(f"the deal last moved on {last}; a move cannot be dated before it")
        session.add(
            DealStageChange(
                deal_id=deal_id, from_stage=deal.stage, to_stage=to_stage, changed_on=on
            )
        )
        deal.stage = to_stage
        deal.lost_reason = reason
        deal.closed_on = on if to_stage in CLOSED_STAGES else None
        session.add(deal)
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
    with store.session() as session:
        return get_or_fail(session, Deal, deal_id, "deal")


def stage_history(store: Store, deal_id: int) -> list[DealStageChange]:
    with store.session() as session:
        return list(
            session.exec(
                select(DealStageChange)
                .where(DealStageChange.deal_id == deal_id)
                .order_by(DealStageChange.changed_on, DealStageChange.id)
            )
        )


def list_deals(
    store: Store,
    *,
    stage: str | None = None,
    client_id: int | None = None,
    open_only: bool = False,
    limit: int | None = None,
) -> list[tuple[Deal, str]]:
    """Deals with their client's name, newest first (at most ``limit``)."""
    query = select(Deal, Client.name).join(Client).order_by(col(Deal.created_on).desc(), Deal.id)
    if stage is not None:
        query = query.where(Deal.stage == stage)
    if client_id is not None:
        query = query.where(Deal.client_id == client_id)
    if open_only:
        query = query.where(col(Deal.stage).not_in(CLOSED_STAGES))
    if limit is not None:
        query = query.limit(limit)
    with store.session() as session:
        return [(deal, name) for deal, name in session.exec(query)]


def deals_page(
    source: ReadSource,
    stage: str,
    *,
    after: tuple[int, int] | None = None,
    limit: int = 100,
) -> list[DealRow]:
    """Deals at ``stage``, largest monthly value first, one keyset page after ``after``
    (the (monthly_value_cents, id) of the last row of the previous page)."""
    with source.read() as q:
        return board_page(q, stage, after=after, limit=limit)


def count_by_stage(source: ReadSource) -> dict[str, tuple[int, int]]:
    """(number of deals, Σ monthly value) per stage."""
    with source.read() as q:
        return stage_totals(q)
