"""What a client's churn risk is computed from: its signals, surveys and last contact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
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
    return risk_facts_by_day(q, {today: client_ids}, missions)[today]


def risk_facts_by_day(
    q: Reader,
    clients_by_day: Mapping[date, Iterable[int]],
    missions: Iterable[MissionFacts],
) -> dict[date, dict[int, ClientRiskFacts]]:
    """:func:`risk_facts` as of each day, of that day's clients, read once: the signals and
    surveys up to the last day, filtered per day here; the last contact of each day in one query
    (one index seek per client and day)."""
    wanted = {d: sorted(set(ids)) for d, ids in clients_by_day.items()}
    days = sorted(d for d, ids in wanted.items() if ids)
    ids = sorted({i for d in days for i in wanted[d]})
    if not ids:
        return {d: {} for d in wanted}
    params: dict[str, object] = {"ids": ids, "today": days[-1]}
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
        surveys[client_id].append(SurveyFact(scale, day(sent_on), day(answered_on), score))
    # One index seek per client and day on (client_id, done_on), where a GROUP BY reads every
    # activity.
    columns = ", ".join(
        f"(SELECT max(a.done_on) FROM activity a WHERE a.client_id = cl.id"
        f" AND a.done_on <= :day_{i})"
        for i in range(len(days))
    )
    params.update((f"day_{i}", d) for i, d in enumerate(days))
    last_contact = {
        client_id: dict(zip(days, (day(done_on) for done_on in found), strict=True))
        for client_id, *found in q.rows(
            f"SELECT cl.id, {columns} FROM client cl WHERE cl.id IN :ids", params
        )
    }
    by_client: dict[int, list[MissionFacts]] = defaultdict(list)
    for m in missions:
        by_client[m.client_id].append(m)

    def as_of(client_id: int, today: date) -> ClientRiskFacts:
        return ClientRiskFacts(
            client_id=client_id,
            signals=tuple(s for s in signals[client_id] if s.occurred_on <= today),
            surveys=tuple(
                _as_of(survey, today) for survey in surveys[client_id] if survey.sent_on <= today
            ),
            last_contact_on=last_contact.get(client_id, {}).get(today),
            mission_end_on=revenue_ends_on(by_client[client_id], today),
        )

    return {today: {cid: as_of(cid, today) for cid in ids} for today, ids in wanted.items()}


def _as_of(survey: SurveyFact, today: date) -> SurveyFact:
    """The survey as it stood on ``today``: an answer given later is not there yet."""
    if survey.answered_on is not None and survey.answered_on > today:
        return replace(survey, answered_on=None, score=None)
    return survey
