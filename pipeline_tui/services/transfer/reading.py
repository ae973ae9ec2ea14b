"""Reading the files people import: spreadsheets saved as CSV (or TSV), and JSON lists.

The rows themselves are read by sqlite-utils (``rows_from_file``: CSV/TSV/JSON, byte-order mark,
rows longer than the header); this module does what it leaves to its caller:

- the encoding: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or the
  Windows code page Excel writes in France (cp1252);
- a preamble before the header (LinkedIn's "Notes:" lines): ``find_header`` names the header line;
- the delimiter, read from the header line (``,`` ``;`` tab or ``|``: French Excel writes ``;``),
  because guessing it from the data is fragile (a column of plain words can look like anything);
- the line each row starts on, for reports: a quoted cell may hold line breaks, and blank lines
  are skipped, so a row's line is counted, not assumed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils.utils import Format, RowError, RowsFromFileError, rows_from_file

from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _

_EXTRA = "\x00extra"  # where sqlite-utils puts the cells of a row beyond the header
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class FileRow:
    """One row: the line it starts on, its cells by header, and how far it is from the header."""

    line: int
    values: dict[str, str]
    extra_cells: int = 0
    missing_cells: int = 0

    def shape_problem(self, width: int) -> str | None:
        cells = width + self.extra_cells - self.missing_cells
        if cells == width:
            return None
        return _("has {count} cells, the header has {width}").format(count=cells, width=width)


@dataclass
class TableFile:
    """An opened file: its columns, about how many rows, and the rows (read once, lazily)."""

    name: str
    headers: list[str]
    total: int  # rows, or an upper bound when quoted cells span lines
    unit: str  # how rows are located in reports: "line" (CSV) or "item" (JSON)
    encoding: str
    rows: Iterator[FileRow]


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with (newlines made ``\\n``)."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", "replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


HEADER_SEARCH_LINES = 50  # a preamble longer than this is not a preamble


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` is not text (an .xlsx, an image, random bytes): more than
    8 bytes, and more than one in a hundred, are control bytes (NUL included), outside UTF-16.
    A stray NUL in a text file is not binary: its row is refused with the position."""
    head = data[:4096]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > 8 and controls * 100 > len(head)


def read_table_file(
    path: Path | str,
    *,
    find_header: Callable[[str], bool] | None = None,
    missing_header: str | None = None,
) -> TableFile:
    """Open ``path`` for import. ``find_header(line)`` picks the header line among the first
    lines; when it accepts none, ``missing_header`` is the error message, or without one the
    first non-blank line is the header.

    Raises InvalidInput when the file cannot be read or has no header.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    if looks_binary(data):
        raise InvalidInput(
            _(
                "{file} is not a text file (CSV or JSON): it looks like binary data "
                "(a spreadsheet? save it as CSV first)"
            ).format(file=path.name)
        )
    text, encoding = decode(data)
    del data
    if text.lstrip().startswith(("[", "{")):
        return _json_file(path.name, text, encoding)
    return _csv_file(path.name, text, encoding, find_header, missing_header)


def _json_file(name: str, text: str, encoding: str) -> TableFile:
    body = io.BytesIO(text.encode("utf-8"))
    try:
        items, _format = rows_from_file(body, format=None)
        items = list(items)
    except (json.JSONDecodeError, RowsFromFileError):
        # Not one JSON document: maybe one object per line (newline-delimited JSON).
        try:
            items, _format = rows_from_file(io.BytesIO(text.encode("utf-8")), format=Format.NL)
            items = list(items)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                _("{file} is not valid JSON: {error}").format(file=name, error=exc)
            ) from exc
    headers: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            headers.update(dict.fromkeys(str(k) for k in item))
    rows = (_json_row(number, item) for number, item in enumerate(items, start=1))
    return TableFile(name, list(headers), len(items), "item", encoding, rows)


def _json_row(number: int, item: object) -> FileRow:
    if not isinstance(item, dict):
        return FileRow(number, {}, extra_cells=1)
    values = {}
    for key, value in item.items():
        if value is None:
            text = ""
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, str):
            text = value
        else:
            text = (
                json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict | list)
                else str(value)
            )
        values[str(key)] = text
    return FileRow(number, values)


class _Dialect(csv.excel):
    """Standard CSV (double quotes, doubled to escape); the delimiter is set per file."""


def header_cells(line: str) -> list[str]:
    """The cells of a line read as a header (its delimiter guessed the same way)."""
    return next(csv.reader([line], dialect=_dialect_for(line)), [])


def _dialect_for(header_line: str) -> type[csv.Dialect]:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first, i.e. ","
    return type("FileDialect", (_Dialect,), {"delimiter": best if counts[best] else ","})


def _unique_headers(raw: list[str]) -> list[str]:
    """Header names as given, with blanks named ``column N`` and repeats numbered."""
    seen: dict[str, int] = {}
    headers = []
    for number, header in enumerate(raw, start=1):
        name = header.strip() or f"column {number}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name)
    return headers


def _csv_file(
    name: str,
    text: str,
    encoding: str,
    find_header: Callable[[str], bool] | None,
    missing_header: str | None,
) -> TableFile:
    lines = text.split("\n")
    start = None
    if find_header is not None:
        first = lines[:HEADER_SEARCH_LINES]
        start = next((i for i, line in enumerate(first) if find_header(line)), None)
        if start is None and missing_header:
            raise InvalidInput(missing_header)
    if start is None:
        start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise InvalidInput(_("{file} is empty: no header line").format(file=name))
    dialect = _dialect_for(lines[start])
    headers = _unique_headers(next(csv.reader([lines[start]], dialect=dialect)))
    out = io.StringIO()
    csv.writer(out, dialect=dialect, lineterminator="\n").writerow(headers)
    body = out.getvalue() + "\n".join(lines[start + 1 :])
    rows, _format = rows_from_file(
        io.BytesIO(body.encode("utf-8")),
        format=Format.CSV,
        dialect=dialect,
        encoding="utf-8",
        extras_key=_EXTRA,
    )
    total = sum(1 for line in lines[start + 1 :] if line)
    # A line break inside a cell needs quotes: without any, every row is on one line.
    quoted = dialect.quotechar in body
    return TableFile(
        name, headers, total, "line", encoding, _numbered(name, rows, lines, start + 1, quoted)
    )


def _numbered(
    name: str, rows, lines: list[str], first: int, quoted: bool = True
) -> Iterator[FileRow]:
    """Rows with the (1-based) line each starts on: blank lines are skipped by the CSV reader,
    and a row spans one line more for each line break inside its (quoted) cells."""
    index = first
    try:
        for row in rows:
            while index < len(lines) and lines[index] == "":
                index += 1
            extra = row.pop(_EXTRA, None) or []
            missing = 0
            if None in row.values():  # a short row: its missing cells read as empty
                missing = sum(value is None for value in row.values())
                row = {key: "" if value is None else value for key, value in row.items()}
            breaks = 0
            if quoted:
                breaks = sum(value.count("\n") for value in row.values())
                breaks += sum(str(cell).count("\n") for cell in extra)
            yield FileRow(index + 1, row, len(extra), missing)
            index += 1 + breaks
    except (csv.Error, RowError) as exc:
        raise InvalidInput(
            _("{file}, line {line}: cannot read the file on: {error}").format(
                file=name, line=index + 1, error=exc
            )
        ) from exc
