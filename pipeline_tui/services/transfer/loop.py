"""The loop every row import shares: one transaction, bad rows reported, bulk writes, progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pipeline_tui.services.transfer.directory import Directory, Rejected
from pipeline_tui.services.transfer.reading import FileRow, TableFile
from pipeline_tui.services.transfer.report import CHUNK_ROWS, ImportReport, Progress
from pipeline_tui.store.bulk import BulkWriter
from pipeline_tui.store.database import Store
from pipeline_tui.store.writes.summaries import refresh_deals

# One row in, "created" / "updated" / "unchanged" out; raise Rejected to report the row.
RowHandler = Callable[[Directory, FileRow, datetime], str]


def import_rows(
    store: Store,
    file: TableFile,
    report: ImportReport,
    handle: RowHandler,
    *,
    ids_for: tuple[str, ...],
    dry_run: bool,
    progress: Progress | None,
) -> ImportReport:
    """Feed every row of ``file`` to ``handle`` in one transaction (nothing written on
    ``dry_run``), flushing bulk inserts every CHUNK_ROWS rows and reporting progress."""
    now = datetime.now(UTC)
    with store.connection() as conn:
        writer = BulkWriter(None if dry_run else conn, ids_for=ids_for)
        directory = Directory(conn, writer, now)
        for row in file.rows:
            report.rows += 1
            try:
                outcome = handle(directory, row, now)
            except Rejected as exc:
                report.problem(row.line, str(exc), file.unit)
                continue
            if outcome == "unchanged":
                report.unchanged += 1
            if report.rows % CHUNK_ROWS == 0:
                writer.flush()
                if progress is not None:
                    progress(report.rows, max(file.total, report.rows))
        writer.flush()
        refresh_deals(conn, writer.deal_ids)
    report.created = writer.created
    report.updated = directory.updated
    if progress is not None:
        progress(report.rows, report.rows)
    return report
