"""What an import did, row by row: counts, and the rows that could not be used with their lines.

``ImportReport.summary()`` is the text the CLI prints and the TUI shows, so both say the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]
"""``progress(done, total)``: rows handled so far, of about ``total`` (the last call is exact)."""

CHUNK_ROWS = 1_000  # rows validated, written in bulk, then reported through ``progress``


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be used, where it is in the file, and why."""

    line: int
    message: str
    unit: str = "line"  # "line" in a CSV file, "item" in a JSON list

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.message}"


@dataclass
class ImportReport:
    """The outcome of one import; ``created`` counts new rows per table."""

    source: str
    what: str
    rows: int = 0
    created: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    mapping: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    def problem(self, line: int, message: str, unit: str = "line") -> None:
        self.problems.append(RowProblem(line, message, unit))

    def summary(self, max_problems: int | None = None) -> str:
        verb = "would create" if self.dry_run else "created"
        lines = [f"{self.what} from {self.source}: {_rows(self.rows)}"]
        if self.mapping:
            pairs = ", ".join(f"{column} → {name}" for column, name in self.mapping.items())
            lines.append(f"  columns: {pairs}")
        if self.ignored_columns:
            lines.append(f"  columns left out: {', '.join(self.ignored_columns)}")
        made = ", ".join(
            f"{n} {_plural(table, n)}" for table, n in sorted(self.created.items()) if n
        )
        lines.append(f"  {verb}: {made or 'nothing'}")
        if self.updated:
            filled = "would fill in" if self.dry_run else "filled in"
            lines.append(f"  {filled} missing details of {_rows(self.updated, 'existing')}")
        if self.unchanged:
            lines.append(f"  already there (left unchanged): {_rows(self.unchanged)}")
        if self.problems:
            lines.append(f"  not imported: {_rows(len(self.problems))}")
            shown = self.problems if max_problems is None else self.problems[:max_problems]
            lines.extend(f"    {problem}" for problem in shown)
            if len(shown) < len(self.problems):
                lines.append(f"    … and {len(self.problems) - len(shown)} more")
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return "\n".join(lines)


_NAMES = {
    "deal_stage_change": ("stage change", "stage changes"),
    "activity": ("activity", "activities"),
}


def _rows(n: int, adjective: str = "") -> str:
    words = f"{adjective} row" if adjective else "row"
    return f"{n} {words}" if n == 1 else f"{n} {words}s"


def _plural(table: str, n: int) -> str:
    word = table.replace("_", " ")
    one, many = _NAMES.get(table, (word, word + "s"))
    return one if n == 1 else many
