"""The offboarding screen: the dated checklist of a collaboration that ended, and its progress.

It shows one offboarding (``offboarding_id``, or the first one under way): the items with their
due dates, a progress bar, the transition plan (who takes over what), the documents to hand over
and the post-mortem lessons. Space ticks or unticks the row under the cursor in any of the tables;
``a`` adds a step, a document or a lesson to the focused table; ``e`` edits an item's title and due
date; ``[`` and ``]`` go through the offboardings under way. Every read and write runs in a thread
worker; after a write the screen posts ``OffboardingScreen.Changed`` (the app reloads its numbers).

``EndMissionScreen`` (the form that ends a mission early) lives in ``end_mission``; it is
re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, ProgressBar, Static

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.playbook import END_REASON_LABELS
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import PipelineError
from pipeline_tui.services import lessons as lesson_service
from pipeline_tui.services import offboarding as service
from pipeline_tui.services import offboarding_view
from pipeline_tui.services.settings import load_settings
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.end_mission import EndMissionScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.workers import ERROR_SECONDS, ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

__all__ = ["EndMissionScreen", "OffboardingData", "OffboardingScreen", "load_offboarding"]

DONE = "✓"
OPEN = "·"


@dataclass(frozen=True)
class OffboardingData:
    """What the screen shows: one offboarding (None: there is none) and where the others are."""

    view: offboarding_view.OffboardingView | None
    open_ids: list[int]
    currency: str


def load_offboarding(store: Store, offboarding_id: int | None) -> OffboardingData:
    """The offboarding to show: the one asked for, else the first one under way."""
    open_ids = [s.id for s in offboarding_view.open_offboardings(store)]
    target = offboarding_id if offboarding_id is not None else (open_ids[0] if open_ids else None)
    view = offboarding_view.get_offboarding_view(store, target) if target is not None else None
    return OffboardingData(view, open_ids, load_settings(store).currency)


def _due_cell(due: date | None, done: date | None, today: date) -> Text:
    if due is None:
        return Text("")
    text = format_day(due)
    if done is None and due < today:
        return Text(f"{text} overdue", style="bold red")
    if done is None and due == today:
        return Text(f"{text} today", style="bold")
    return Text(text, style="dim" if done else "")


def _tick(done: object) -> Text:
    return Text(DONE, style="bold green") if done else Text(OPEN, style="dim")


class OffboardingScreen(ServiceCalls, Screen[None]):
    """One offboarding's checklist, transition plan, documents and lessons."""

    CSS_PATH = "offboarding.tcss"
    BINDINGS = [
        Binding("space", "toggle", "Done / not done"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit item"),
        Binding("left_square_bracket", "previous", "Previous"),
        Binding("right_square_bracket", "next", "Next"),
        Binding("r", "reload", "Reload"),
        Binding("escape", "back", "Back"),
    ]

    class Changed(Message):
        """An offboarding was written to: screens showing numbers or progress should reload."""

        def __init__(self, offboarding_id: int) -> None:
            super().__init__()
            self.offboarding_id = offboarding_id

    def __init__(self, context: TuiContext, offboarding_id: int | None = None) -> None:
        super().__init__()
        self.context = context
        self.offboarding_id = offboarding_id
        self.data: OffboardingData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ob-body"):
            yield Static("Loading…", id="ob-title")
            yield Static("", id="ob-facts")
            with Horizontal(id="ob-progress-row"):
                yield ProgressBar(total=1, show_eta=False, id="ob-progress")
                yield Label("", id="ob-progress-text")
            yield Label("Checklist", classes="ob-section")
            yield DataTable(id="ob-items", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="ob-handover"):
                with Vertical(classes="ob-panel", id="ob-steps-panel"):
                    yield Label("Transition plan", classes="ob-section")
                    yield DataTable(id="ob-steps", cursor_type="row")
                with Vertical(classes="ob-panel", id="ob-documents-panel"):
                    yield Label("Documents to hand over", classes="ob-section")
                    yield DataTable(id="ob-documents", cursor_type="row")
            yield Label("Lessons (post-mortem)", classes="ob-section")
            yield DataTable(id="ob-lessons", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ob-items", DataTable).add_columns(" ", "Due", "Item")
        self.query_one("#ob-steps", DataTable).add_columns(" ", "Task", "Taken over by")
        self.query_one("#ob-documents", DataTable).add_columns(" ", "Document")
        self.query_one("#ob-lessons", DataTable).add_columns(" ", "Lesson", "By")
        self.query_one("#ob-items", DataTable).focus()
        self.load()

    # --- reading --------------------------------------------------------------------------------

    def load(self) -> None:
        self.call_service(
            load_offboarding,
            self.context.require_store(),
            self.offboarding_id,
            then=self.show,
            group="offboarding-load",
            exclusive=True,
        )

    def show(self, data: OffboardingData) -> None:
        self.data = data
        view = data.view
        if view is None:
            self.query_one("#ob-title", Static).update("No offboarding under way")
            self.query_one("#ob-facts", Static).update(
                "Ending a mission early opens one: its dated checklist shows here."
            )
            for table in self.query(DataTable):
                table.clear()
            self.query_one("#ob-progress", ProgressBar).update(total=1, progress=0)
            self.query_one("#ob-progress-text", Label).update("")
            return
        self.offboarding_id = view.summary.id
        self._show_header(view, data)
        self._show_items(view)
        self._show_steps(view)
        self._show_documents(view)
        self._show_lessons(view)

    def _show_header(self, view: offboarding_view.OffboardingView, data: OffboardingData) -> None:
        s = view.summary
        where = ""
        if s.id in data.open_ids and len(data.open_ids) > 1:
            where = f"  ({data.open_ids.index(s.id) + 1} of {len(data.open_ids)} under way)"
        self.query_one("#ob-title", Static).update(f"{s.client_name} — {s.mission_title}{where}")
        reason = END_REASON_LABELS.get(s.reason, label(s.reason))
        facts = [
            f"Ended early on {format_day(s.end_on)}: {reason.lower()}",
            f"notice {s.notice_days} days",
            f"{format_money(view.monthly_revenue_cents, data.currency)}/month lost",
        ]
        if not s.relationship_good:
            facts.append("relationship strained")
        deal = view.training_deal
        if deal is not None:
            value = format_money(deal.monthly_value_cents, data.currency)
            facts.append(f"training offer {value} ({label(deal.stage)})")
        if s.closed_on is not None:
            facts.append(f"done on {format_day(s.closed_on)}")
        self.query_one("#ob-facts", Static).update(" · ".join(facts))
        progress = s.progress
        self.query_one("#ob-progress", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done
        )
        self.query_one("#ob-progress-text", Label).update(f"{progress} done")

    def _fill(self, table_id: str, rows: list[tuple[str, tuple[Any, ...]]]) -> None:
        table = self.query_one(table_id, DataTable)
        cursor = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _show_items(self, view: offboarding_view.OffboardingView) -> None:
        today = self.context.today
        self._fill(
            "#ob-items",
            [
                (
                    f"item-{i.id}",
                    (_tick(i.done_on), _due_cell(i.due_on, i.done_on, today), i.title),
                )
                for i in view.items
            ],
        )

    def _show_steps(self, view: offboarding_view.OffboardingView) -> None:
        self._fill(
            "#ob-steps",
            [(f"step-{s.id}", (_tick(s.done_on), s.task, s.owner or "")) for s in view.steps],
        )

    def _show_documents(self, view: offboarding_view.OffboardingView) -> None:
        self._fill(
            "#ob-documents",
            [(f"document-{d.id}", (_tick(d.handed_over_on), d.name)) for d in view.documents],
        )

    def _show_lessons(self, view: offboarding_view.OffboardingView) -> None:
        today = self.context.today
        rows = []
        for lesson in view.lessons:
            mark = _tick(lesson.done_on) if lesson.kind == "training" else Text("!", style="bold")
            due = _due_cell(lesson.due_on, lesson.done_on, today)
            rows.append((f"lesson-{lesson.id}", (mark, lesson.text, due)))
        self._fill("#ob-lessons", rows)

    # --- writing --------------------------------------------------------------------------------

    def write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run a write service with the store; reload after it, whether it worked or not."""

        def refused(error: PipelineError) -> None:
            self.notify(str(error), severity="error", timeout=ERROR_SECONDS)
            self._written()

        self.call_service(
            fn,
            self.context.require_store(),
            *args,
            then=lambda _result: self._written(),
            failed=refused,
            group="offboarding-write",
            **kwargs,
        )

    def _written(self) -> None:
        if self.offboarding_id is not None:
            self.post_message(self.Changed(self.offboarding_id))
        self.load()

    def _focused_row(self) -> tuple[str, int] | None:
        """(kind, id) of the row under the cursor of the focused table."""
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, row_id = row_key.partition("-")
        return kind, int(row_id)

    def action_toggle(self) -> None:
        view = self.data.view if self.data else None
        row = self._focused_row()
        if view is None or row is None:
            return
        kind, row_id = row
        today = self.context.today
        if kind == "item":
            item = next(i for i in view.items if i.id == row_id)
            self.write(service.set_item_done, row_id, None if item.done_on else today)
        elif kind == "step":
            step = next(s for s in view.steps if s.id == row_id)
            done = None if step.done_on else today
            self.write(service.set_transition_step_done, row_id, done)
        elif kind == "document":
            doc = next(d for d in view.documents if d.id == row_id)
            done = None if doc.handed_over_on else today
            self.write(service.set_document_handed_over, row_id, done)
        elif kind == "lesson":
            lesson = next(le for le in view.lessons if le.id == row_id)
            if lesson.kind != "training":
                self.notify("Only a training to take is ticked when taken.")
                return
            done = None if lesson.done_on else today
            self.write(lesson_service.set_lesson_done, row_id, done)

    def action_add(self) -> None:
        if self.offboarding_id is None:
            return
        offboarding_id, today = self.offboarding_id, self.context.today
        focused = self.focused.id if self.focused is not None else None
        if focused == "ob-documents":
            fields = [FieldSpec("name", "Document", required=True)]

            def add(values: dict[str, Any] | None) -> None:
                if values:
                    self.write(service.add_document, offboarding_id, values["name"])

            self.app.push_screen(FormScreen("A document to hand over", fields, today), add)
        elif focused == "ob-lessons":
            fields = [
                FieldSpec("text", "What did not work, or the training to take", required=True),
                FieldSpec("due_on", "Take the training by (empty: not a training)", "date"),
            ]

            def add_lesson(values: dict[str, Any] | None) -> None:
                if values:
                    self.write(
                        lesson_service.add_lesson,
                        values["text"],
                        kind="training" if values["due_on"] else "went_wrong",
                        today=today,
                        offboarding_id=offboarding_id,
                        due_on=values["due_on"],
                    )

            self.app.push_screen(
                FormScreen("A lesson of the post-mortem", fields, today), add_lesson
            )
        else:
            fields = [
                FieldSpec("task", "What is handed over", required=True),
                FieldSpec("owner", "Who takes it over", max_len=200),
                FieldSpec("due_on", "By", "date"),
            ]

            def add_step(values: dict[str, Any] | None) -> None:
                if values:
                    self.write(
                        service.add_transition_step,
                        offboarding_id,
                        values["task"],
                        owner=values["owner"],
                        due_on=values["due_on"],
                    )

            self.app.push_screen(
                FormScreen("A step of the transition plan", fields, today), add_step
            )

    def action_edit(self) -> None:
        view = self.data.view if self.data else None
        row = self._focused_row()
        if view is None or row is None or row[0] != "item":
            self.notify("Put the cursor on a checklist item to edit it.")
            return
        item = next(i for i in view.items if i.id == row[1])
        fields = [
            FieldSpec("title", "Item", required=True, default=item.title),
            FieldSpec("due_on", "Due", "date", required=True, default=item.due_on.isoformat()),
        ]

        def edit(values: dict[str, Any] | None) -> None:
            if values:
                self.write(
                    service.update_item,
                    item.id,
                    title=values["title"],
                    due_on=values["due_on"],
                )

        self.app.push_screen(
            FormScreen("Edit the checklist item", fields, self.context.today), edit
        )

    def _go(self, step: int) -> None:
        if self.data is None or not self.data.open_ids:
            return
        ids = self.data.open_ids
        current = ids.index(self.offboarding_id) if self.offboarding_id in ids else -step
        self.offboarding_id = ids[(current + step) % len(ids)]
        self.load()

    def action_next(self) -> None:
        self._go(1)

    def action_previous(self) -> None:
        self._go(-1)

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
