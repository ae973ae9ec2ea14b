"""What an import did, row by row: counts, and the rows that could not be used with their lines.

``ImportReport.summary()`` is the text the CLI prints and the TUI shows, so both say the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline_tui.i18n import _, ngettext

# ``progress(done, total)``: rows handled so far, of about ``total`` (the last call is exact).
Progress = Callable[[int, int], None]

CHUNK_ROWS = 1_000  # rows validated, written in bulk, then reported through ``progress``


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be used, where it is in the file, and why."""

    line: int
    message: str
    unit: str = "line"  # "line" in a CSV file, "item" in a JSON list

    def __str__(self) -> str:
        where = _("item {number}") if self.unit == "item" else _("line {number}")
        return _("{where}: {message}").format(
            where=where.format(number=self.line), message=self.message
        )


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
        lines = [
            _("{what} from {source}: {rows}").format(
                what=self.what, source=self.source, rows=_rows(self.rows)
            )
        ]
        if self.mapping:
            pairs = ", ".join(f"{column} → {name}" for column, name in self.mapping.items())
            lines.append("  " + _("columns: {pairs}").format(pairs=pairs))
        if self.ignored_columns:
            left_out = ", ".join(self.ignored_columns)
            lines.append("  " + _("columns left out: {columns}").format(columns=left_out))
        made = ", ".join(table_count(table, n) for table, n in sorted(self.created.items()) if n)
        verb = _("would create: {rows}") if self.dry_run else _("created: {rows}")
        lines.append("  " + verb.format(rows=made or _("nothing")))
        if self.updated:
            n = self.updated
            filled = (
                ngettext(
                    "would fill in missing details of {count} existing row",
                    "would fill in missing details of {count} existing rows",
                    n,
                )
                if self.dry_run
                else ngettext(
                    "filled in missing details of {count} existing row",
                    "filled in missing details of {count} existing rows",
                    n,
                )
            )
            lines.append("  " + filled.format(count=n))
        if self.unchanged:
            unchanged = _("already there (left unchanged): {rows}")
            lines.append("  " + unchanged.format(rows=_rows(self.unchanged)))
        if self.problems:
            lines.append("  " + _("not imported: {rows}").format(rows=_rows(len(self.problems))))
            shown = self.problems if max_problems is None else self.problems[:max_problems]
            lines.extend(f"    {problem}" for problem in shown)
            if len(shown) < len(self.problems):
                more = len(self.problems) - len(shown)
                rest = ngettext("… and {count} more", "… and {count} more", more)
                lines.append("    " + rest.format(count=more))
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
        return "\n".join(lines)


def _rows(n: int) -> str:
    return ngettext("{count} row", "{count} rows", n).format(count=n)


def table_count(table: str, n: int) -> str:
    """``1 client``, ``2 stage changes``: a count of the rows of a table, in words."""
    counts = {
        "setting": ngettext("{count} setting", "{count} settings", n),
        "client": ngettext("{count} client", "{count} clients", n),
        "contact": ngettext("{count} contact", "{count} contacts", n),
        "mission": ngettext("{count} mission", "{count} missions", n),
        "deal": ngettext("{count} deal", "{count} deals", n),
        "deal_stage_change": ngettext("{count} stage change", "{count} stage changes", n),
        "activity": ngettext("{count} activity", "{count} activities", n),
        "signal": ngettext("{count} signal", "{count} signals", n),
        "survey": ngettext("{count} survey", "{count} surveys", n),
        "offboarding": ngettext("{count} offboarding", "{count} offboardings", n),
        "offboarding_item": ngettext("{count} offboarding item", "{count} offboarding items", n),
        "offboarding_template_item": ngettext(
            "{count} offboarding template item", "{count} offboarding template items", n
        ),
        "transition_step": ngettext("{count} transition step", "{count} transition steps", n),
        "handover_document": ngettext("{count} handover document", "{count} handover documents", n),
        "lesson": ngettext("{count} lesson", "{count} lessons", n),
        "case_study": ngettext("{count} case study", "{count} case studies", n),
        "cadence": ngettext("{count} cadence", "{count} cadences", n),
        "sequence": ngettext("{count} sequence", "{count} sequences", n),
        "sequence_step": ngettext("{count} sequence step", "{count} sequence steps", n),
        "sequence_enrollment": ngettext(
            "{count} sequence enrollment", "{count} sequence enrollments", n
        ),
        "reminder_sent": ngettext("{count} reminder sent", "{count} reminders sent", n),
    }
    if table in counts:
        return counts[table].format(count=n)
    word = table.replace("_", " ")
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
