"""remind on the demo, on both backends, on a fixed clock: what it says, that it says it once,
that a risk crossing the alert threshold is said once per crossing (issue 17, acceptance 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pipeline_tui.services.reminders import run_json, send_reminders
from pipeline_tui.services.settings import save_setting
from pipeline_tui.services.signals import add_signal
from pipeline_tui.services.today import compute_today

NOW = datetime(2026, 11, 26, 9, 0)


class FakeNotifier:
    name = "fake"

    def __init__(self, works: bool = True) -> None:
        self.calls: list[tuple[str, list[str]]] = []
        self.works = works

    def notify(self, title: str, lines: list[str]) -> bool:
        self.calls.append((title, lines))
        return self.works


def _said(run) -> set[tuple[str, str]]:
    return {(r.kind, r.key) for r in run.new}


def test_what_remind_lists_on_the_demo_and_that_it_says_it_once(demo) -> None:
    agenda = compute_today(demo.store, NOW.date())
    notifier = FakeNotifier()
    first = send_reminders(demo.store, NOW, notifier)
    said = _said(first)
    assert {k for kind, k in said if kind == "overdue"} == {
        f"activity-{r.activity.id}" for r in agenda.overdue
    }
    assert {k for kind, k in said if kind == "due"} == {
        f"activity-{r.activity.id}" for r in agenda.due_today
    }
    assert {k for kind, k in said if kind == "risk"} == {
        f"client-{f.client_id}" for f in agenda.risk_alerts
    }
    assert {k for kind, k in said if kind == "rotting"} == {
        f"deal-{r.deal.id}" for r in agenda.rotting
    }
    assert ("coverage", "coverage") in said  # the demo's coverage is 80 %
    assert agenda.overdue and agenda.due_today and agenda.risk_alerts and agenda.rotting
    (title, lines) = notifier.calls[0]
    assert title.startswith(f"{len(first.new)} reminders:")
    assert len(lines) == len(first.new)

    second = send_reminders(demo.store, NOW + timedelta(hours=1), notifier)
    assert second.new == () and len(second.current) == len(first.current)
    assert len(notifier.calls) == 1  # nothing new: no notification
    again = send_reminders(demo.store, NOW + timedelta(hours=2), notifier, again=True)
    assert _said(again) == said
    assert run_json(second)["reminders"] == [] and run_json(second)["pending"] == len(said)


def test_due_within_the_next_hours_counts_from_the_evening_before(demo) -> None:
    morning = send_reminders(demo.store, NOW, FakeNotifier())
    assert not [r for r in morning.new if r.kind == "soon"]  # tomorrow 09:00 is 24 h away
    evening = send_reminders(demo.store, datetime(2026, 11, 26, 21, 30), FakeNotifier())
    soon = [r for r in evening.new if r.kind == "soon"]
    assert soon and all("due 2026-11-27" in r.text for r in soon)
    assert {r.kind for r in evening.new} == {"soon"}  # the rest was said this morning


def test_the_next_day_says_the_days_reminders_again_but_not_a_lasting_risk(demo) -> None:
    send_reminders(demo.store, NOW, FakeNotifier())
    tomorrow = send_reminders(demo.store, NOW + timedelta(days=1), FakeNotifier())
    kinds = {r.kind for r in tomorrow.new}
    assert "overdue" in kinds
    assert "risk" not in kinds and "rotting" not in kinds  # still the same state


def test_a_risk_crossing_the_threshold_is_reminded_once_per_crossing(demo) -> None:
    client_id = demo.client_id("Banque Rivemont")
    key = ("risk", f"client-{client_id}")
    assert key not in _said(send_reminders(demo.store, NOW, FakeNotifier()))
    for kind in ("competitor", "insourcing", "change_refused", "scope_creep"):
        add_signal(demo.store, client_id, kind, date(2026, 11, 25))
    score = next(
        f.risk.score
        for f in compute_today(demo.store, NOW.date()).risk_alerts
        if f.client_id == client_id
    )
    assert score >= 40  # crossed the default alert score
    later = NOW + timedelta(hours=3)
    assert key in _said(send_reminders(demo.store, later, FakeNotifier()))
    assert key not in _said(send_reminders(demo.store, later + timedelta(hours=1), FakeNotifier()))
    assert key not in _said(send_reminders(demo.store, NOW + timedelta(days=1), FakeNotifier()))
    # below the threshold (raised above its score) the state ends; crossing again is said again
    save_setting(demo.store, "risk_alert_score", score + 1)
    assert key not in _said(send_reminders(demo.store, NOW + timedelta(days=2), FakeNotifier()))
    save_setting(demo.store, "risk_alert_score", 40)
    assert key in _said(send_reminders(demo.store, NOW + timedelta(days=2), FakeNotifier()))


def test_what_a_notifier_failed_to_deliver_is_said_by_the_next_run(demo) -> None:
    failing = FakeNotifier(works=False)
    run = send_reminders(demo.store, NOW, failing)
    assert run.new and not run.delivered and failing.calls
    retried = send_reminders(demo.store, NOW, None)  # None: the caller prints them
    assert _said(retried) == _said(run)
    assert send_reminders(demo.store, NOW, None).new == ()
