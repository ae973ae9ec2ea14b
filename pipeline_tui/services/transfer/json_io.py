"""The whole database as one JSON document, and back: a lossless round trip.

The format (version 1)::

    {
      "format": "pipeline-tui",
      "version": 1,
      "schema_revision": "0003_offboarding",
      "exported_on": "2026-11-26",
      "tables": {
        "setting": [
          {"key": "currency", "value": "\\"EUR\\""}
        ],
        "client": [
          {"id": 1, "name": "Maison Verlaine", ..., "created_at": "2026-04-20T08:00:00+00:00"}
        ],
        ...
      }
    }

- ``format`` and ``version`` identify the document; a reader refuses a version it does not know.
  ``schema_revision`` is the database schema (Alembic revision) it was written from, for
  information; ``exported_on`` is the export's "today" (``--today``), so that the same database
  exported on the same day gives the same bytes.
- ``tables`` holds every table of the models, each before the tables that refer to it (the order
  to insert them in), with every row ordered by primary key and every column, ids included: the
  settings, the stage history of deals, sequences, offboardings… Nothing is left out.
- Values: integers (money is integer cents), numbers, ``true``/``false``, text, ``null``; dates
  as ``YYYY-MM-DD``; timestamps as ISO 8601 in UTC with their offset (``…T08:00:00+00:00``).
- One row per line, so two exports compare well with ``diff``.

``import_json`` loads such a file into an empty database in one transaction, ids included; then
``export_json`` of that database gives the same document. A column the file lacks (written before
the column existed) takes its default; a table or column this version does not know is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from pipeline_tui.domain.records import check_mission_dates, check_renewal_of
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.transfer.report import CHUNK_ROWS, ImportReport, Progress
from pipeline_tui.store.bulk import RowsDoNotFit, insert_many, rows_must_fit
from pipeline_tui.store.database import Store
from pipeline_tui.store.dialect import reset_id_sequences
from pipeline_tui.store.migrate import known_revisions
from pipeline_tui.store.models.columns import is_derived
from pipeline_tui.store.tables import (
    Connection,
    Table,
    blank_row,
    from_text,
    model_tables,
    nonempty_tables,
    row_counts,
    table_rows,
    to_text,
)
from pipeline_tui.store.writes.summaries import refresh_deals

FORMAT = "pipeline-tui"
VERSION = 1


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rows(conn: Connection, t: Table) -> Iterator[dict[str, Any]]:
    columns = list(t.columns)
    for row in table_rows(conn, t):
        # a derived column (a deal's summary) is left out: the restore recomputes it
        yield {
            c.name: to_text(c, value)
            for c, value in zip(columns, row, strict=True)
            if not is_derived(c)
        }


def write_json_export(
    store: Store, out: IO[str], *, today: date, progress: Progress | None = None
) -> dict[str, int]:
    """Write the whole database to ``out`` in the format above; returns the rows per table."""
    with store.snapshot() as conn:
        counts = row_counts(conn)
        total, done = sum(counts.values()), 0
        out.write("{\n")
        out.write(f'  "format": {_dump(FORMAT)},\n  "version": {VERSION},\n')  # not shown: JSON
        out.write(f'  "schema_revision": {_dump(known_revisions().head)},\n')  # not shown: JSON
        out.write(f'  "exported_on": {_dump(today.isoformat())},\n')  # not shown: JSON
        out.write('  "tables": {')
        for number, t in enumerate(model_tables()):
            out.write(f"{',' if number else ''}\n    {_dump(t.name)}: [")
            for index, row in enumerate(_rows(conn, t)):
                out.write(f"{',' if index else ''}\n      {_dump(row)}")
                done += 1
                if progress is not None and done % CHUNK_ROWS == 0:
                    progress(done, total)
            out.write("\n    ]" if counts[t.name] else "]")
        out.write("\n  }\n}\n")
    if progress is not None:
        progress(total, total)
    return counts


def export_json(store: Store, *, today: date) -> str:
    """The export as a string (for tests and small databases)."""
    import io

    buffer = io.StringIO()
    write_json_export(store, buffer, today=today)
    return buffer.getvalue()


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise InvalidInput(
            _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("{file}, line {line}: not valid JSON ({error})").format(
                file=path.name, line=exc.lineno, error=exc.msg
            )
        ) from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("{file} is not UTF-8 text").format(file=path.name)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(
            _('{file} is not a pipeline-tui export (no "format": "{format}")').format(
                file=path.name, format=FORMAT
            )
        )
    version = data.get("version")
    if version != VERSION:
        raise InvalidInput(
            _(
                "{file} is a pipeline-tui export of format version {version}; this version "
                "reads version {supported} (a newer file needs a newer pipeline-tui)"
            ).format(file=path.name, version=repr(version), supported=VERSION)
        )
    if not isinstance(data.get("tables"), dict):
        raise InvalidInput(_('{file} has no "tables" object').format(file=path.name))
    revision = data.get("schema_revision")
    if revision is not None and revision not in known_revisions().known:
        raise InvalidInput(
            _(
                "{file} was written from schema {revision}, which this version of "
                "pipeline-tui does not know (a newer file needs a newer pipeline-tui)"
            ).format(file=path.name, revision=repr(revision))
        )
    return data


def _checked_rows(name: str, t: Table, rows: object) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise InvalidInput(_("table {table}: expected a list of rows").format(table=name))
    columns = {c.name: c for c in t.columns}
    blanks = blank_row(t)
    checked = []
    for number, row in enumerate(rows, start=1):
        where = _("table {table}, row {number}").format(table=name, number=number)
        if not isinstance(row, dict):
            raise InvalidInput(_("{where}: expected an object").format(where=where))
        unknown = sorted(set(row) - set(columns))
        if unknown:
            raise InvalidInput(
                _("{where}: unknown column {columns} (written by a newer pipeline-tui?)").format(
                    where=where, columns=", ".join(unknown)
                )
            )
        try:
            values = {key: from_text(columns[key], value) for key, value in row.items()}
        except ValueError as exc:
            raise InvalidInput(
                _("{where} (id {id}): {error}").format(
                    where=where, id=row.get("id", "?"), error=exc
                )
            ) from exc
        checked.append({**blanks, **values})
    return checked


def _check_records(
    source: str, name: str, rows: list[dict[str, Any]], mission_clients: dict[int, int]
) -> None:
    """The rules a stored row must follow beyond its column types (``domain.records``): a
    mission's status and dates agree, a deal renews a mission of its own client. ``mission_clients``
    (mission id → client id) is filled from the mission rows, which come before the deals."""
    for number, row in enumerate(rows, start=1):
        try:
            if name == "mission":
                check_mission_dates(row)
                mission_clients[row["id"]] = row["client_id"]
            elif name == "deal" and row.get("renewal_of_mission_id") is not None:
                mission_client = mission_clients.get(row["renewal_of_mission_id"])
                check_renewal_of(row["client_id"], mission_client)
        except ValueError as exc:
            where = _("{file}: table {table}, row {number} (id {id}, {title})").format(
                file=source,
                table=name,
                number=number,
                id=row.get("id", "?"),
                title=repr(row.get("title")),
            )
            raise InvalidInput(
                _("{where}: {error}; nothing was imported").format(where=where, error=exc)
            ) from exc


def import_json(
    store: Store, path: Path | str, *, progress: Progress | None = None
) -> ImportReport:
    """Load an export into this database, which must be empty; one transaction, ids kept.

    Raises InvalidInput for a file that is not a version-1 export, a value of the wrong type, rows
    that do not fit together (a foreign key to nothing…), a record the domain's rules refuse (a
    mission ended without an end date or ending before its start, a deal renewing another
    client's mission: the table, the row number, the id and title, and why), or a database that
    already holds data.
    """
    path = Path(path)
    data = _load(path)
    tables = {t.name: t for t in model_tables()}
    unknown = sorted(set(data["tables"]) - set(tables))
    if unknown:
        raise InvalidInput(
            _("{file}: unknown table {tables} (written by a newer pipeline-tui?)").format(
                file=path.name, tables=", ".join(unknown)
            )
        )
    report = ImportReport(source=path.name, what=_("Database export"))
    total = sum(len(v) for v in data["tables"].values() if isinstance(v, list))
    try:
        with rows_must_fit(), store.connection() as conn:
            found = nonempty_tables(conn)
            if found:
                raise InvalidInput(
                    _(
                        "the database is not empty ({tables}); import json restores an "
                        "export into a new database: give --db a new file"
                    ).format(tables=", ".join(found))
                )
            mission_clients: dict[int, int] = {}
            for name, t in tables.items():
                rows = _checked_rows(name, t, data["tables"].get(name, []))
                _check_records(path.name, name, rows, mission_clients)
                for start in range(0, len(rows), CHUNK_ROWS):
                    chunk = rows[start : start + CHUNK_ROWS]
                    insert_many(conn, t, chunk)
                    report.rows += len(chunk)
                    report.created[name] += len(chunk)
                    if progress is not None:
                        progress(report.rows, total)
            reset_id_sequences(conn, list(tables.values()))
            refresh_deals(conn)  # derived, never trusted from the file
    except RowsDoNotFit as exc:
        raise InvalidInput(
            _("{file}: the rows do not fit together, nothing was imported ({error})").format(
                file=path.name, error=exc
            )
        ) from exc
    if progress is not None:
        progress(report.rows, report.rows)
    return report
