"""Surveys: a client's surveys, and when each client was last sent a satisfaction survey."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True)
class SurveyRecord:
    """A survey as recorded: sent on a day, answered (a score on its scale) or not yet."""

    id: int
    client_id: int
    contact_id: int | None
    kind: str
    scale: str
    sent_on: date
    answered_on: date | None
    score: int | None
    comment: str | None


def client_surveys(q: Reader, client_id: int) -> list[SurveyRecord]:
    """A client's surveys, the latest sent first."""
    return [
        SurveyRecord(id, cid, contact, kind, scale, day(sent), day(answered), score, comment)
        for id, cid, contact, kind, scale, sent, answered, score, comment in q.rows(
            """SELECT id, client_id, contact_id, kind, scale, sent_on, answered_on, score, comment
               FROM survey WHERE client_id = :client_id ORDER BY sent_on DESC, id DESC""",
            {"client_id": client_id},
        )
    ]


def last_satisfaction_sent(q: Reader, client_ids: Iterable[int], today: date) -> dict[int, date]:
    """When each of these clients was last sent a satisfaction survey, up to ``today``
    (a client never surveyed is left out)."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    return {
        client_id: day(sent_on)
        for client_id, sent_on in q.rows(
            """SELECT client_id, max(sent_on) FROM survey
               WHERE client_id IN :ids AND kind = 'satisfaction' AND sent_on <= :today
               GROUP BY client_id""",
            {"ids": ids, "today": today},
        )
    }
