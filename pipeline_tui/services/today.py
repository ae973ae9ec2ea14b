"""The daily agenda: what is due and overdue, which clients look at risk, which deals rot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.pipeline import RottingDeal
from pipeline_tui.domain.present import activity_core_json
from pipeline_tui.services.agenda import AgendaRow, due_activities
from pipeline_tui.services.numbers import ClientFigure, Numbers, compute_numbers
from pipeline_tui.services.settings import read_settings


@dataclass(frozen=True)
class TodayAgenda:
    as_of: date
    currency: str
    overdue: tuple[AgendaRow, ...]
    due_today: tuple[AgendaRow, ...]
    risk_alerts: tuple[ClientFigure, ...]
    rotting: tuple[RottingDeal, ...]
    client_names: dict[int, str]


def compute_today(store, today: date, numbers: Numbers | None = None) -> TodayAgenda:
    """The day's agenda. A client is a risk alert from the ``risk_alert_score`` setting on."""
    numbers = numbers or compute_numbers(store, today)
    rows = due_activities(store, today)
    with store.read() as q:
        alert_score = read_settings(q).risk_alert_score
    return TodayAgenda(
        as_of=today,
        currency=numbers.currency,
        overdue=tuple(r for r in rows if r.activity.due_on and r.activity.due_on < today),
        due_today=tuple(r for r in rows if r.activity.due_on == today),
        risk_alerts=tuple(f for f in numbers.clients if f.risk.score >= alert_score),
        rotting=numbers.rotting,
        client_names=numbers.rotting_client_names,
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
        "risk_alerts": [
            {
                "name": f.name,
                "risk": f.risk.score,
                "monthly_revenue": f.monthly_revenue_cents,
                "reasons": [r.text for r in f.risk.reasons],
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
