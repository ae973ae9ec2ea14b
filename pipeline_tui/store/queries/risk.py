"""What a client's churn risk is computed from: its signals, surveys and last contact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from pipeline_tui.domain.revenue import MissionFacts, revenue_ends_on
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, SurveyFact
from pipeline_tui.store.reader import Reader, day


def risk_facts(
    q: Reader,
    client_ids: Iterable[int],
    missions: Iterable[MissionFacts],
    today: date,
) -> dict[int, ClientRiskFacts]:
    """Signals, surveys, last contact and the coming end of the revenue of each given client."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    params = {"ids": ids, "today": today}
    signals: dict[int, list[SignalFact]] = defaultdict(list)
    for client_id, kind, occurred_on, note in q.rows(
        "SELECT client_id, kind, occurred_on, note FROM signal"
        " WHERE client_id IN :ids AND occurred_on <= :today ORDER BY occurred_on, id",
        params,
    ):
        signals[client_id].append(SignalFact(kind, day(occurred_on), note))
    surveys: dict[int, list[SurveyFact]] = defaultdict(list)
    for client_id, scale, sent_on, answered_on, score in q.rows(
        "SELECT client_id, scale, sent_on, answered_on, score FROM survey"
        " WHERE client_id IN :ids AND kind = 'satisfaction' AND sent_on <= :today"
        " ORDER BY sent_on, id",
        params,
    ):
        answered = day(answered_on)
        if answered is not None and answered > today:
            answered, score = None, None  # not answered yet as of ``today``
        surveys[client_id].append(SurveyFact(scale, day(sent_on), answered, score))
    # One index seek per client on (client_id, done_on), where a GROUP BY reads every activity.
    last_contact = {
        client_id: day(done_on)
        for client_id, done_on in q.rows(
            """SELECT cl.id, (SELECT max(a.done_on) FROM activity a
                              WHERE a.client_id = cl.id AND a.done_on <= :today)
               FROM client cl WHERE cl.id IN :ids""",
            params,
        )
    }
    by_client: dict[int, list[MissionFacts]] = defaultdict(list)
    for m in missions:
        by_client[m.client_id].append(m)
    return {
        client_id: ClientRiskFacts(
            client_id=client_id,
            signals=tuple(signals[client_id]),
            surveys=tuple(surveys[client_id]),
            last_contact_on=last_contact.get(client_id),
            mission_end_on=revenue_ends_on(by_client[client_id], today),
        )
        for client_id in ids
    }
