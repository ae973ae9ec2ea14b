"""The database as spreadsheets: one CSV file per table, in a folder.

Each file is named after its table (``client.csv``, ``deal.csv``…), has a header of column names,
and holds every row ordered by id. It is UTF-8 with a byte-order mark (so Excel shows accents),
comma-separated, quoted where needed (RFC 4180). Empty cells are NULLs; dates and timestamps are
ISO 8601; booleans are ``true``/``false``; money is integer cents, as stored.

Text cells are neutralised against formulas (``domain.spreadsheet``): one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows
``=HYPERLINK(…)`` as text instead of running it. Numeric columns are written as plain numbers, even
negative ones: a number cannot hold a formula, and a spreadsheet must be able to add them up.
This export is for reading and sharing; the lossless backup-and-restore format is the JSON export.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from pipeline_tui.domain.spreadsheet import neutralise_cell
from pipeline_tui.files import private_file, private_folder
from pipeline_tui.services.transfer.report import CHUNK_ROWS, Progress
from pipeline_tui.store.database import Store
from pipeline_tui.store.tables import model_tables, row_counts, table_rows


def csv_cell(value: object) -> str:
    """How one stored value is written in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise_cell(str(value))


def export_csv(store: Store, folder: Path | str, *, progress: Progress | None = None) -> list[Path]:
    """Write one ``<table>.csv`` per table into ``folder`` (created if needed); returns the files.

    Files of an earlier export in the same folder are replaced.
    """
    target = private_folder(folder)
    written: list[Path] = []
    with store.connection() as conn:
        total = sum(row_counts(conn).values())
        done = 0
        for t in model_tables():
            path = target / f"{t.name}.csv"
            with private_file(path, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([c.name for c in t.columns])
                for row in table_rows(conn, t):
                    writer.writerow([csv_cell(value) for value in row])
                    done += 1
                    if progress is not None and done % CHUNK_ROWS == 0:
                        progress(done, total)
            written.append(path)
    if progress is not None:
        progress(done, done)
    return written
