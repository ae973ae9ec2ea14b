"""The daily agenda: what is due and overdue, which clients look at risk, which deals rot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pipeline_tui.domain.pipeline import RottingDeal
from pipeline_tui.domain.present import activity_core_json
from pipeline_tui.services.agenda import AgendaRow, due_activities
from pipeline_tui.services.numbers import ClientFigure, Numbers, compute_numbers
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.queries import activities


@dataclass(frozen=True)
class TodayAgenda:
    as_of: date
    currency: str
    overdue: tuple[AgendaRow, ...]
    due_today: tuple[AgendaRow, ...]
    risk_alerts: tuple[ClientFigure, ...]
    rotting: tuple[RottingDeal, ...]
    client_names: dict[int, str]
    overdue_more: int = 0  # the overdue activities a limit left out
    due_today_more: int = 0
    limit: int | None = None  # at most this many of each list; None: every one


def compute_today(
    store, today: date, numbers: Numbers | None = None, limit: int | None = None
) -> TodayAgenda:
    """The day's agenda. A client is a risk alert from the ``risk_alert_score`` setting on.

    With a ``limit``, the overdue and the due-today lists hold their first ``limit`` activities
    (by due date) and say how many more there are: two bounded pages and one count, whatever
    the backlog. Without one, every activity."""
    numbers = numbers or compute_numbers(store, today)
    with store.read() as q:
        alert_score = read_settings(q).risk_alert_score
        if limit is not None:
            overdue = activities.agenda_page(q, until=today - timedelta(days=1), limit=limit)
            due = activities.agenda_page(q, since=today, until=today, limit=limit)
            overdue_count, due_count = activities.open_counts(q, today)
    if limit is None:
        rows = due_activities(store, today)
        overdue = [r for r in rows if r.activity.due_on < today]
        due = [r for r in rows if r.activity.due_on == today]
        overdue_count, due_count = len(overdue), len(due)
    return TodayAgenda(
        as_of=today,
        currency=numbers.currency,
        overdue=tuple(overdue),
        due_today=tuple(due),
        risk_alerts=tuple(f for f in numbers.clients if f.risk.score >= alert_score),
        rotting=numbers.rotting,
        client_names=numbers.rotting_client_names,
        overdue_more=overdue_count - len(overdue),
        due_today_more=due_count - len(due),
        limit=limit,
    )


def _activity_json(row: AgendaRow, today: date) -> dict[str, object]:
    a = row.activity
    return {
        **activity_core_json(a),
        "days_overdue": (today - a.due_on).days if a.due_on else 0,
        "client": row.client_name,
        "contact": row.contact_name,
        "deal_id": a.deal_id,
    }


def today_json(agenda: TodayAgenda) -> dict[str, object]:
    return {
        "as_of": agenda.as_of.isoformat(),
        "currency": agenda.currency,
        "overdue": [_activity_json(r, agenda.as_of) for r in agenda.overdue],
        "due_today": [_activity_json(r, agenda.as_of) for r in agenda.due_today],
        "overdue_more": agenda.overdue_more,  # left out by --limit (0 without it)
        "due_today_more": agenda.due_today_more,
        "risk_alerts": [
            {
                "name": f.name,
                "risk": f.risk.score,
                "monthly_revenue": f.monthly_revenue_cents,
                "reasons": [r.english for r in f.risk.reasons],
            }
            for f in agenda.risk_alerts
        ],
        "rotting_deals": [
            {
                "id": r.deal.id,
                "title": r.deal.title,
                "client": agenda.client_names.get(r.deal.client_id),
                "stage": r.deal.stage,
                "idle_days": r.idle_days,
                "allowed_days": r.allowed_days,
                "monthly_value": r.deal.monthly_value_cents,
            }
            for r in agenda.rotting
        ],
    }
