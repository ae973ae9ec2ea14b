"""A DataTable over large data: it loads keyset pages as the cursor or the scroll nears the end.

The owner gives a ``fetch`` function (called in a worker thread, so it may query the database)
that returns the page after a key, and a ``to_row`` function that turns an item into its key,
its row key and its cells. Only what the user has scrolled to is ever loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.message import Message
from textual.widgets import DataTable

from pipeline_tui.tui.workers import ServiceCalls

Fetch = Callable[[Any, int], Sequence[Any]]
ToRow = Callable[[Any], tuple[Any, str, Sequence[Any]]]


class LazyTable(ServiceCalls, DataTable):
    """A DataTable fed page by page; call ``reload()`` to start again from the first page."""

    class Loaded(Message):
        """A page arrived (``first`` for the first page of a reload)."""

        def __init__(self, table: LazyTable, count: int, first: bool) -> None:
            super().__init__()
            self.table = table
            self.count = count
            self.first = first

    def __init__(
        self,
        *,
        fetch: Fetch,
        to_row: ToRow,
        page_size: int = 100,
        row_height: int = 1,
        fill_column: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.fetch = fetch
        self.to_row = to_row
        self.page_size = page_size
        self.row_height = row_height
        self.fill_column = fill_column
        self.items: dict[str, Any] = {}
        self._after: Any = None
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self._sought: str | None = None

    def on_resize(self) -> None:
        self._size_fill_column()
        self._maybe_load_more()

    def _size_fill_column(self) -> None:
        """Give the fill column what the fixed-width columns leave (widths never race)."""
        if self.fill_column is None or self.fill_column not in self.columns:
            return
        padding = 2 * self.cell_padding
        others = sum(
            column.width + padding
            for key, column in self.columns.items()
            if key.value != self.fill_column
        )
        column = self.columns[self.fill_column]  # type: ignore[index]
        column.auto_width = False
        column.width = max(8, self.size.width - others - padding - 1)
        self._require_update_dimensions = True
        self.refresh()

    def reload(self, keep_cursor: bool = False) -> None:
        """Drop the rows and load the first page again (after a change, or a new filter)."""
        self._restart(self.cursor_row if keep_cursor else 0)
        self._load(self._generation, first=True)

    def feed(self, page: Sequence[Any]) -> None:
        """Show an already fetched first page (fetched ahead, off the UI thread) as a reload
        would: the rows after it load as the cursor nears the end."""
        self._restart(0)
        self._append(self._generation, [(*self.to_row(item), item) for item in page], True)

    def _restart(self, keep_row: int) -> None:
        """A new list: pages of the old one still on their way are dropped (``_append``)."""
        self._generation += 1
        self._after = None
        self._exhausted = False
        self._loading = False
        self._keep_row = keep_row

    @property
    def exhausted(self) -> bool:
        """True once the last page has arrived (everything there is, is loaded)."""
        return self._exhausted

    def reload_to(self, row_key: str) -> None:
        """Reload, and put the cursor on the row ``row_key`` when it arrives, loading page after
        page until it does or the list ends (a deal just moved into this column)."""
        self._sought = row_key
        self.reload()

    @property
    def seeking(self) -> str | None:
        """The row key :meth:`reload_to` waits for; None once the cursor is on it (or the list
        ended without it)."""
        return self._sought

    def item_at_cursor(self) -> Any | None:
        if self.row_count == 0:
            return None
        row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return self.items.get(str(row_key.value))

    def _maybe_load_more(self) -> None:
        if self._exhausted or self._loading or self.row_count == 0 or not self.size.height:
            return  # (not laid out yet: how much is "near the end" is known on resize)
        # Keep two screens of rows ahead, so paging down never waits on the next page.
        ahead = max(self.page_size // 4, 2 * self.size.height)
        near_cursor = self.cursor_row >= self.row_count - ahead
        near_scroll = self.scroll_y >= self.max_scroll_y - ahead * self.row_height
        if near_cursor or near_scroll:
            self._load(self._generation, first=False)

    def watch_cursor_coordinate(self, old, new) -> None:  # type: ignore[override]
        super().watch_cursor_coordinate(old, new)
        self._maybe_load_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._maybe_load_more()

    def _load(self, generation: int, first: bool) -> None:
        self._loading = True
        self.call_service(
            self._fetch_page,
            self._after,
            then=lambda rows: self._append(generation, rows, first),
            group="lazy-table",
        )

    def _fetch_page(self, after: Any) -> list[tuple]:
        """(on the worker's thread) The page after ``after``, as rows ready to add."""
        return [(*self.to_row(item), item) for item in self.fetch(after, self.page_size)]

    def _append(self, generation: int, rows: list[tuple], first: bool) -> None:
        if generation != self._generation:
            return  # a reload happened meanwhile: this page belongs to the old list
        if first:
            self.clear()
            self.items.clear()
        for key, row_key, cells, item in rows:
            if row_key in self.items:
                continue
            self.items[row_key] = item
            self.add_row(*cells, key=row_key, height=self.row_height)
            self._after = key
        self._exhausted = len(rows) < self.page_size
        self._loading = False
        if first and self.row_count:
            self.move_cursor(row=min(getattr(self, "_keep_row", 0), self.row_count - 1))
        if self._sought is not None:
            if self._sought in self.items:
                self.move_cursor(row=self.get_row_index(self._sought))
                self._sought = None
            elif self._exhausted:
                self._sought = None  # not in this list (it moved on meanwhile)
            else:
                self._load(generation, first=False)
        self.post_message(self.Loaded(self, len(rows), first))
        self._maybe_load_more()
