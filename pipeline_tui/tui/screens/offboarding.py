"""The offboarding screen: the dated checklist of a collaboration that ended, and its progress.

It shows one offboarding (``offboarding_id``, or the first one under way): the items with their
due dates, a progress bar, the transition plan (who takes over what), the documents to hand over
and the post-mortem lessons. Space ticks or unticks the row under the cursor in any of the tables;
``A`` adds a step, a document or a lesson to the focused table, ``e`` edits the row under the
cursor and ``delete`` deletes it (``offboarding_edit``); ``P`` opens the template the next
checklists are copied from (``playbook``); ``[`` and ``]`` go through the offboardings under way;
escape goes back (to the dashboard when the screen is the app's ``7``). No key of the screen
hides one of the app's (``a`` is the agenda, ``r`` the review). Every read and write runs in a
thread worker; after a write the screen posts ``OffboardingScreen.Changed`` (the app reloads its
numbers).

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
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label, ProgressBar, Static

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.playbook import END_REASON_LABELS
from pipeline_tui.domain.present import percent
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import N_, _, ngettext
from pipeline_tui.services import lessons as lesson_service
from pipeline_tui.services import offboarding as service
from pipeline_tui.services import offboarding_view
from pipeline_tui.services.settings import load_settings
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen, Refreshing
from pipeline_tui.tui.screens.end_mission import EndMissionScreen
from pipeline_tui.tui.screens.offboarding_edit import OffboardingEditing
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.workers import ERROR_SECONDS

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

__all__ = ["EndMissionScreen", "OffboardingData", "OffboardingScreen", "load_offboarding"]

DONE = "✓"
OPEN = "·"
# Each table's columns: title and width; None, a due date's (``_due_width``).
COLUMNS: dict[str, tuple[tuple[str, int | None], ...]] = {
    "#ob-items": ((" ", 1), (N_("Due"), None), (N_("Item"), 80)),
    "#ob-steps": ((" ", 1), (N_("Task"), 40), (N_("Taken over by"), 22)),
    "#ob-documents": ((" ", 1), (N_("Document"), 38)),
    "#ob-lessons": ((" ", 1), (N_("Lesson"), 72), (N_("By"), None)),
}


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
        return Text(_("{day} overdue").format(day=text), style="bold red")
    if done is None and due == today:
        return Text(_("{day} today").format(day=text), style="bold")
    return Text(text, style="dim" if done else "")


def _due_width() -> int:
    """The width of a due column: its widest cell in the language spoken (19 in English,
    ``28 Sep 2026 overdue``; French months and words are longer)."""
    days = [format_day(date(2026, month, 28)) for month in range(1, 13)]
    tags = (_("{day} overdue"), _("{day} today"))
    return max(Text(tag.format(day=day)).cell_len for tag in tags for day in days)


def _tick(done: object) -> Text:
    return Text(DONE, style="bold green") if done else Text(OPEN, style="dim")


class OffboardingScreen(
    Refreshing, OffboardingEditing, AppScreen, Screen[None], screen_name="offboarding"
):
    """One offboarding's checklist, transition plan, documents and lessons."""

    class Changed(Message):
        """An offboarding was written to: screens showing numbers or progress should reload."""

        def __init__(self, offboarding_id: int) -> None:
            super().__init__()
            self.offboarding_id = offboarding_id

    def __init__(self, context: TuiContext, offboarding_id: int | None = None) -> None:
        super().__init__(context)
        self.offboarding_id = offboarding_id
        self.data: OffboardingData | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="ob-body"):
            yield Static(_("Loading…"), id="ob-title")
            yield Static("", id="ob-facts")
            with Horizontal(id="ob-progress-row"):
                # the share is written by the label, as the language writes it (80 %)
                yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="ob-progress")
                yield Label("", id="ob-progress-text")
            yield Label(_("Checklist"), classes="ob-section")
            yield DataTable(id="ob-items", cursor_type="row", zebra_stripes=True)
            yield _empty("ob-items")
            with Horizontal(id="ob-handover"):
                with Vertical(classes="ob-panel", id="ob-steps-panel"):
                    yield Label(_("Transition plan"), classes="ob-section")
                    yield DataTable(id="ob-steps", cursor_type="row")
                    yield _empty("ob-steps")
                with Vertical(classes="ob-panel", id="ob-documents-panel"):
                    yield Label(_("Documents to hand over"), classes="ob-section")
                    yield DataTable(id="ob-documents", cursor_type="row")
                    yield _empty("ob-documents")
            yield Label(_("Lessons (post-mortem)"), classes="ob-section")
            yield DataTable(id="ob-lessons", cursor_type="row")
            yield _empty("ob-lessons")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Fixed widths: auto-sized columns are measured when idle, which races the paint (a
        # header drawn with the old widths over cells drawn with the new ones).
        due_width = _due_width()
        for table_id, columns in COLUMNS.items():
            table = self.query_one(table_id, DataTable)
            for title, width in columns:
                table.add_column(_(title), width=due_width if width is None else width)
        self.query_one("#ob-items", DataTable).focus()
        self.load()

    # --- reading --------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Reload (F5, back on screen, a change elsewhere such as ctrl+z)."""
        self.load()

    def current_view(self) -> offboarding_view.OffboardingView | None:
        return self.data.view if self.data else None

    def load(self) -> None:
        self.call_with_store(
            load_offboarding,
            self.offboarding_id,
            then=self.show,
            group="offboarding-load",
            exclusive=True,
        )

    def show(self, data: OffboardingData) -> None:
        self.data = data
        view = data.view
        if view is None:
            self.query_one("#ob-title", Static).update(_("No offboarding under way"))
            self.query_one("#ob-facts", Static).update(
                _("Ending a mission early opens one: its dated checklist shows here.")
            )
            for table in self.query(DataTable):
                table.clear()
            self._show_tables(False)
            self.query_one("#ob-progress", ProgressBar).update(total=1, progress=0)
            self.query_one("#ob-progress-text", Label).update("")
            return
        self._show_tables(True)
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
            where = "  " + _("({index} of {count} under way)").format(
                index=data.open_ids.index(s.id) + 1, count=len(data.open_ids)
            )
        self.query_one("#ob-title", Static).update(f"{s.client_name} — {s.mission_title}{where}")
        reason = (
            _(END_REASON_LABELS[s.reason]) if s.reason in END_REASON_LABELS else label(s.reason)
        )
        ends = (
            _("Ends early on {day}: {reason}")
            if s.end_on > self.context.today
            else _("Ended early on {day}: {reason}")
        )
        facts = [
            ends.format(day=format_day(s.end_on), reason=reason.lower()),
            ngettext("notice {count} day", "notice {count} days", s.notice_days).format(
                count=s.notice_days
            ),
            _("{money}/month lost").format(
                money=format_money(view.monthly_revenue_cents, data.currency)
            ),
        ]
        if not s.relationship_good:
            facts.append(_("relationship strained"))
        deal = view.training_deal
        if deal is not None:
            value = format_money(deal.monthly_value_cents, data.currency)
            facts.append(
                _("training offer {value} ({stage})").format(value=value, stage=label(deal.stage))
            )
        if s.closed_on is not None:
            facts.append(_("done on {day}").format(day=format_day(s.closed_on)))
        self.query_one("#ob-facts", Static).update(" · ".join(facts))
        progress = s.progress  # an empty checklist counts as complete (``Progress.fraction``)
        self.query_one("#ob-progress", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done if progress.total else 1
        )
        share = percent(progress.fraction)
        done = _("{progress} done").format(progress=progress)
        self.query_one("#ob-progress-text", Label).update(f"{share}  {done}")

    def _show_tables(self, shown: bool) -> None:
        """The checklist's tables and their titles, or nothing at all when there is no
        offboarding (headers over nothing would suggest one)."""
        for widget in self.query("#ob-progress-row, .ob-section, DataTable, #ob-handover"):
            widget.display = shown
        if not shown:
            for empty in self.query(".ob-empty"):
                empty.display = False

    def _fill(self, table_id: str, rows: list[tuple[str, tuple[Any, ...]]]) -> None:
        table = self.query_one(table_id, DataTable)
        cursor = table.cursor_row
        was = None
        if table.row_count:  # the row under the cursor stays under it when it moved (edited)
            was = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        keys = [key for key, _ in rows]
        if was in keys:
            cursor = keys.index(was)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
        self.query_one(f"#{table.id}-empty", Label).display = not rows

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
            self.written()

        self.call_with_store(
            fn,
            *args,
            then=lambda _result: self.written(),
            failed=refused,
            group="offboarding-write",
            **kwargs,
        )

    def written(self) -> None:
        if self.offboarding_id is not None:
            self.post_message(self.Changed(self.offboarding_id))
        self.load()

    def focused_row(self) -> tuple[str, int] | None:
        """(kind, id) of the row under the cursor of the focused table."""
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, row_id = row_key.partition("-")
        return kind, int(row_id)

    def action_toggle(self) -> None:
        view = self.data.view if self.data else None
        row = self.focused_row()
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
                self.notify(_("Only a training to take is ticked when taken."))
                return
            done = None if lesson.done_on else today
            self.write(lesson_service.set_lesson_done, row_id, done)

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

    def action_playbook(self) -> None:
        from pipeline_tui.tui.screens.playbook import PlaybookScreen

        if self.context.can_write():
            self.app.push_screen(PlaybookScreen(self.context))

    def action_back(self) -> None:
        """Back where it was opened from; as the app's screen ``7``, to the dashboard."""
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.switch_mode("dashboard")


# What an empty table says instead of showing its headers alone.
EMPTY = {
    "ob-items": N_("No checklist item: they come from the playbook template (P)."),
    "ob-steps": N_("No step yet: A adds who takes over what."),
    "ob-documents": N_("No document yet: A adds one to hand over."),
    "ob-lessons": N_("No lesson yet: A adds what did not work, or a training to take."),
}


def _empty(table_id: str) -> Label:
    label = Label(_(EMPTY[table_id]), id=f"{table_id}-empty", classes="ob-empty")
    label.display = False
    return label
