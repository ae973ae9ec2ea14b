"""A DataTable whose columns share the table's width, so that no table is wider than its pane.

A column added with a ``width`` keeps it. A column added without one is sized to what it holds
(its longest cell, its header at least): names get the width they need. The ``grow`` column
takes what the others leave. When the pane is too narrow, the widest columns shrink first, the
``keep`` ones (names) after them, the short ones (dates, money) last, never below their header
(a header is one line and is never broken mid-word); a cut cell ends with an ellipsis.

Widths are measured as rows are added (never in an idle pass, which would race the first paint)
and shared again when the table is resized.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

MIN_GROW = 8  # the grow column keeps at least this much (or its header)
SHORT = 16  # a column whose values are this short (dates, money, stages) is cut last


class CellText(Text):
    """A cell given as a string: drawn on one line, cut with an ellipsis, never read as markup,
    and still equal to that string (``get_row`` reads back what was given)."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.plain == other
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # (as Text's)


def _cell(value: Any) -> Any:
    """A cell as it is drawn: text on one line, cut with an ellipsis."""
    if isinstance(value, str):
        return CellText(value, no_wrap=True, overflow="ellipsis", end="")
    if isinstance(value, Text) and value.overflow is None and "\n" not in value.plain:
        value = value.copy()
        value.no_wrap, value.overflow = True, "ellipsis"
    return value


def _width(value: Any) -> int:
    text = value.plain if isinstance(value, Text) else str(value)
    return max((cell_len(line) for line in text.split("\n")), default=0)


def share(
    room: int,
    wants: dict[str, int],
    mins: dict[str, int],
    grow: str | None = None,
    keep: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Widths for columns wanting ``wants`` in ``room`` cells: all they want when it fits (the
    ``grow`` column takes the rest); else the widest shrink first, down to their ``mins``: the
    long ones, then the ``keep`` ones, then the short ones (dates, money: ``SHORT``)."""
    widths = dict(wants)
    over = sum(widths.values()) - room
    if over <= 0:
        if grow is not None:
            widths[grow] -= over
        return widths
    short = {k for k, want in wants.items() if want <= SHORT}
    for group in (
        [k for k in widths if k not in keep and k not in short],
        [k for k in widths if k in keep and k not in short],
        [k for k in widths if k in short],
    ):
        over = _shrink(widths, mins, group, over)
    return widths


def _shrink(widths: dict[str, int], mins: dict[str, int], group: list[str], over: int) -> int:
    """Take up to ``over`` cells from the widest of ``group``; what is still over."""
    while over > 0:
        shrinkable = [k for k in group if widths[k] > mins[k]]
        if not shrinkable:
            break
        widest = max(widths[k] for k in shrinkable)
        tied = [k for k in shrinkable if widths[k] == widest]
        below = max([widths[k] for k in shrinkable if widths[k] < widest] + [0])
        floor = max(below, max(mins[k] for k in tied))
        step = min(over, (widest - floor) * len(tied))
        for i, key in enumerate(tied):  # the first ones give the odd cell
            widths[key] -= step // len(tied) + (1 if i < step % len(tied) else 0)
        over -= step
    return over


class FitTable(DataTable):
    """A DataTable that fits its pane (see the module). ``grow``: the key of the column that
    takes the room the others leave; ``keep``: the keys of the columns cut last."""

    def __init__(
        self, *, grow: str | None = None, keep: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        # A cell's own colour (a risk in its tone) shows under the cursor too.
        self.cursor_foreground_priority = "renderable"
        self.grow = grow
        self.keep = frozenset(keep)
        # By column key (a column added without a key has one of its own, valueless).
        self._fixed: dict[ColumnKey, int] = {}  # the width it was given
        self._natural: dict[ColumnKey, int] = {}  # its longest cell or header

    def add_column(
        self, label: Any, *, width: int | None = None, key: str | None = None, default: Any = None
    ) -> ColumnKey:
        column_key = super().add_column(label, width=width, key=key, default=default)
        self.columns[column_key].auto_width = False
        if width is not None:
            self._fixed[column_key] = width
        self._natural[column_key] = self._header_width(column_key)
        self.fit_columns()
        return column_key

    def add_row(
        self,
        *cells: Any,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        drawn = [_cell(cell) for cell in cells]
        for column, cell in zip(self.ordered_columns, drawn, strict=False):
            self._natural[column.key] = max(self._natural.get(column.key, 0), _width(cell))
        row_key = super().add_row(*drawn, height=height, key=key, label=label)
        self.fit_columns()
        return row_key

    def clear(self, columns: bool = False) -> FitTable:
        super().clear(columns)
        if columns:
            self._fixed.clear()
            self._natural.clear()
        else:
            self._natural = {key: self._header_width(key) for key in self._natural}
        return self

    def _header_width(self, key: ColumnKey) -> int:
        column = self.columns.get(key)
        return _width(column.label) if column is not None and self.show_header else 1

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width among the columns (called as rows come and on resize)."""
        if not self.columns or not self.size.width:
            return
        padding = 2 * self.cell_padding
        room = self.size.width - self.styles.scrollbar_size_vertical - padding * len(self.columns)
        wants: dict[Any, int] = {}
        mins: dict[Any, int] = {}
        for key in self.columns:
            header = self._header_width(key)
            if key in self._fixed:
                wants[key] = mins[key] = self._fixed[key]
            else:
                wants[key] = self._natural.get(key, header)
                mins[key] = min(wants[key], header)
        grow = self.grow if self.grow in wants and self.grow not in self._fixed else None
        if grow is not None:
            mins[grow] = max(mins[grow], min(MIN_GROW, wants[grow]))
            wants[grow] = max(wants[grow], mins[grow])
        widths = share(room, wants, mins, grow, self.keep)
        changed = False
        for key, column in self.columns.items():
            width = max(1, widths[key])
            if column.width != width:
                column.width = width
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()
