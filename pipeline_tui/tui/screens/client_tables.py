"""The client detail's tables (contacts, missions, deals, signals, surveys, timeline): one
focusable ``DataTable`` each, its rows keyed by the record's id, so that the key pressed acts on
the row under the cursor of the table that has the focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Label

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, pgettext
from pipeline_tui.tui.widgets.fit_table import FitTable

if TYPE_CHECKING:
    from pipeline_tui.services.client_view import ClientDetail


@dataclass(frozen=True)
class Section:
    """One table of the detail: its id (also the record each row is), its title, its column
    headers, the column that takes the room left and those cut last. Each table fits its pane
    (``FitTable``): a long text ends with "…" (the edit form shows it whole).

    The title and headers are in English (``N_``), translated where they are shown; a column's
    key is its English header in lower case, whatever the language."""

    id: str
    title: str
    columns: tuple[str, ...]
    grow: str | None = None
    keep: tuple[str, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section(
        "contacts",
        N_("Contacts"),
        (N_("Name"), N_("Role"), N_("Email"), N_("Phone")),
        keep=("name", "phone"),
    ),
    Section(
        "missions",
        N_("Missions"),
        (N_("Title"), N_("From"), N_("To"), N_("Monthly"), N_("Status")),
        "title",
    ),
    Section("deals", N_("Deals"), (N_("Title"), N_("Stage"), N_("Monthly")), "title"),
    Section("signals", N_("Signals"), (N_("Date"), N_("Signal"), N_("Note")), "note"),
    Section(
        "surveys",
        N_("Surveys"),
        (N_("Sent"), N_("Kind"), N_("Answered"), N_("Score"), N_("Comment")),
        "comment",
    ),
    Section(
        "timeline",
        N_("Timeline"),
        (N_("Date"), N_("Kind"), N_("Subject"), N_("Outcome")),
        "subject",
        ("subject",),
    ),
)
SECTION_IDS = frozenset(section.id for section in SECTIONS)


def _cut(text: str | None) -> str:
    """A text on one line (the table cuts it to the room it has)."""
    return " ".join((text or "").split())


def compose_sections() -> Iterator[Label | DataTable]:
    for section in SECTIONS:
        yield Label(_(section.title), classes="section-title", id=f"title-{section.id}")
        yield FitTable(
            grow=section.grow,
            keep=section.keep,
            id=section.id,
            cursor_type="row",
            classes="detail-table",
        )


def add_columns(table: DataTable) -> None:
    section = next(section for section in SECTIONS if section.id == table.id)
    for title in section.columns:
        table.add_column(_(title), key=title.lower())


def section_rows(d: ClientDetail, money: Callable[[int], str]) -> dict[str, list[tuple]]:
    """Each table's rows, (key, cells…) with the record's id as key."""
    dim = "dim"
    return {
        "contacts": [
            (
                c.id,
                _("{name} (opted out)").format(name=_cut(c.full_name))
                if c.do_not_contact
                else _cut(c.full_name),
                _cut(c.role),
                _cut(c.email),
                c.phone or "",
            )
            for c in d.contacts
        ],
        "missions": [
            (
                m.mission.id,
                _cut(m.mission.title),
                format_day(m.mission.start_on),
                format_day(m.mission.actual_end_on or m.mission.planned_end_on)
                if (m.mission.actual_end_on or m.mission.planned_end_on)
                else pgettext("mission end", "open"),
                money(m.monthly_cents),
                _mission_status(m.active, m.mission.status, m.mission.end_reason),
            )
            for m in d.missions
        ],
        "deals": [
            (deal.id, _cut(deal.title), label(deal.stage), money(deal.monthly_value_cents))
            for deal in d.deals
        ],
        "signals": [
            (s.id, format_day(s.occurred_on), label(s.kind), _cut(s.note)) for s in d.signals
        ],
        "surveys": [
            (
                s.id,
                format_day(s.sent_on),
                label(s.kind),
                format_day(s.answered_on) if s.answered_on else Text(_("no answer"), style=dim),
                f"{s.score} ({s.scale.upper()})" if s.score is not None else s.scale.upper(),
                _cut(s.comment),
            )
            for s in d.surveys
        ],
        "timeline": [
            (
                a.id,
                # Dates are cut last while a cell is 16 characters at most (``FitTable``): the
                # French says "due" with an arrow, "→ 28 sept. 2026".
                format_day(a.done_on)
                if a.done_on
                else _("due {day}").format(day=format_day(a.due_on)),
                label(a.kind),
                _cut(a.subject),
                _cut(a.outcome),
            )
            for a in d.timeline
        ],
    }


def _mission_status(active: bool, status: str, end_reason: str | None) -> str:
    """``active``, ``ended``, ``ended early (competitor approach)``."""
    if active:
        return label("active")
    if end_reason:
        return f"{label(status)} ({label(end_reason)})"
    return label(status)


def fill(table: DataTable, rows: list[tuple]) -> None:
    """Replace the rows, the cursor staying on the same record when it is still there."""
    kept = key_at_cursor(table)
    table.clear()
    for key, *cells in rows:
        table.add_row(*cells, key=str(key))
    keys = [str(key) for key, *_ in rows]
    if kept is not None and str(kept) in keys:
        table.move_cursor(row=keys.index(str(kept)))


def key_at_cursor(table: DataTable) -> int | None:
    """The id of the record under the cursor, None in an empty table."""
    if table.row_count == 0:
        return None
    value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(value) if value is not None else None
