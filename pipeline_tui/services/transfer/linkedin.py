"""Importing LinkedIn's "Connections.csv" export.

The file as LinkedIn writes it: UTF-8 with a byte-order mark, a few "Notes:" lines, a blank line,
then the header ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; quoted
cells with commas; the email empty for most people (they hide it); dates like ``12 Mar 2024``.

Each connection becomes a contact at the client its company names (matched ignoring case, accents
and legal forms; a new prospect client otherwise), with the connection date in its notes. People
already in the database (same profile URL, or same email) are not created again: they only get the
details they lacked, so importing the same file twice changes nothing the second time. Rows that
cannot be used are reported with their line numbers; the others are written in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipeline_tui.domain.companies import clean_profile_url, profile_key
from pipeline_tui.domain.file_values import parse_file_date
from pipeline_tui.domain.validate import clean_email
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.transfer.directory import ContactIn, Directory, Rejected
from pipeline_tui.services.transfer.loop import import_rows
from pipeline_tui.services.transfer.reading import FileRow, read_table_file
from pipeline_tui.services.transfer.report import ImportReport, Progress
from pipeline_tui.store.database import Store

FIRST, LAST, URL = "First Name", "Last Name", "URL"  # not shown: LinkedIn's column names
EMAIL, COMPANY = "Email Address", "Company"  # not shown: LinkedIn's column names
POSITION, CONNECTED = "Position", "Connected On"  # not shown: LinkedIn's column names
COLUMNS = (FIRST, LAST, URL, EMAIL, COMPANY, POSITION, CONNECTED)
REQUIRED = (FIRST, LAST, URL)


def _is_header(line: str) -> bool:
    return line.lstrip('\ufeff "').lower().startswith("first name")


def import_linkedin(
    store: Store, path: Path | str, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import a LinkedIn connections export; see the module's docstring.

    Raises InvalidInput when the file is not such an export (no header line); bad rows are not
    errors, they are listed in the report.
    """
    file = read_table_file(
        path,
        find_header=_is_header,
        missing_header=_(
            "{file} is not a LinkedIn connections export: no header line {columns}"
        ).format(file=Path(path).name, columns=",".join(COLUMNS)),
    )
    missing = [c for c in REQUIRED if c not in file.headers]
    if missing:
        raise InvalidInput(
            _("{file}: the header has no column {columns}").format(
                file=file.name, columns=", ".join(missing)
            )
        )
    report = ImportReport(source=file.name, what=_("LinkedIn connections"), dry_run=dry_run)
    seen: dict[str, int] = {}

    def one_row(directory: Directory, row: FileRow, _now: datetime) -> str:
        return directory.add_contact(_person(row, len(file.headers), seen))

    return import_rows(
        store, file, report, one_row, ids_for=("client",), dry_run=dry_run, progress=progress
    )


def _cell(row: FileRow, column: str, max_len: int) -> str:
    value = " ".join(row.values.get(column, "").split())
    if len(value) > max_len:
        raise Rejected(
            _("{column} is longer than {count} characters").format(column=column, count=max_len)
        )
    return value


def _person(row: FileRow, width: int, seen: dict[str, int]) -> ContactIn:
    if shape := row.shape_problem(width):
        raise Rejected(shape)
    first = _cell(row, FIRST, 100)
    last = _cell(row, LAST, 100)
    if not first and not last:
        raise Rejected(_("no name"))
    raw_url = _cell(row, URL, 500)
    if not raw_url:
        raise Rejected(_("no profile URL"))
    try:
        url = clean_profile_url(raw_url)
        email = clean_email(row.values.get(EMAIL))
        connected = row.values.get(CONNECTED, "").strip()
        on = parse_file_date(connected) if connected else None
    except ValueError as exc:
        raise Rejected(str(exc)) from exc
    key = profile_key(url)
    if key in seen:
        raise Rejected(_("the same profile as line {line}").format(line=seen[key]))
    seen[key] = row.line
    return ContactIn(
        first_name=first or last,
        last_name=last if first else "",
        company=_cell(row, COMPANY, 200) or None,
        role=_cell(row, POSITION, 150) or None,
        email=email,
        profile_url=url,
        notes=_("LinkedIn connection since {day}.").format(day=on.isoformat()) if on else None,
    )
