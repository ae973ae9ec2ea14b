"""Importing contacts, deals or activities from a spreadsheet (CSV, TSV, or a JSON list).

Columns are mapped to fields from their header names (``domain.import_mapping``: English and
French names, e.g. "Prénom", "Société", "Montant mensuel"); ``overrides`` (``COLUMN=FIELD``) change
the mapping. Each cell is checked against its field's type; a row with a bad cell is reported with
its line number and the others are imported, all in one transaction. ``dry_run`` reads the
database and reports what would happen without writing anything.

Rows are matched as ``services.transfer.directory`` explains (a client by normalised name, a person
by profile URL or email, a deal by client and title), so importing the same file twice creates
nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipeline_tui.domain.companies import clean_profile_url
from pipeline_tui.domain.import_mapping import (
    FIELDS,
    IMPORT_KINDS,
    apply_overrides,
    check_mapping,
    converter,
    detect_mapping,
)
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, KIND_CHANNEL, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.transfer.directory import ContactIn, Directory, Rejected
from pipeline_tui.services.transfer.loop import import_rows
from pipeline_tui.services.transfer.reading import FileRow, header_cells, read_table_file
from pipeline_tui.services.transfer.report import ImportReport, Progress
from pipeline_tui.store.database import Store

# What a report says it imported: "Contacts from leads.csv: 12 rows".
WHAT = {"contacts": N_("Contacts"), "deals": N_("Deals"), "activities": N_("Activities")}


def import_csv(
    store: Store,
    path: Path | str,
    kind: str,
    *,
    today: date,
    overrides: tuple[str, ...] | list[str] = (),
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``kind`` (contacts, deals or activities) from ``path``; see the module's docstring.

    ``today`` dates what the file leaves undated (a deal's creation, an opt-out). Raises
    InvalidInput for an unreadable file or a mapping that misses a required field.
    """
    if kind not in IMPORT_KINDS:
        raise InvalidInput(
            _("unknown kind {kind}: choose {kinds}").format(
                kind=repr(kind), kinds=", ".join(IMPORT_KINDS)
            )
        )
    file = read_table_file(path, find_header=lambda line: _names_a_field(line, kind))
    try:
        mapping = apply_overrides(detect_mapping(file.headers, kind), overrides, file.headers, kind)
        check_mapping(mapping, kind)
    except ValueError as exc:
        raise InvalidInput(f"{file.name}: {exc}") from exc
    report = ImportReport(
        source=file.name,
        what=_(WHAT[kind]),
        dry_run=dry_run,
        mapping=mapping,
        ignored_columns=[h for h in file.headers if h not in mapping],
    )
    specs = {spec.name: spec for spec in FIELDS[kind]}
    cells = [(column, field, converter(specs[field])) for column, field in mapping.items()]
    handle = {"contacts": _contact, "deals": _deal, "activities": _activity}[kind]

    def one_row(directory: Directory, row: FileRow, now: datetime) -> str:
        if file.unit == "line" and (shape := row.shape_problem(len(file.headers))):
            raise Rejected(shape)
        return handle(directory, _values(row, cells), today, now)

    return import_rows(
        store,
        file,
        report,
        one_row,
        ids_for=("client", "deal"),
        dry_run=dry_run,
        progress=progress,
    )


def _names_a_field(line: str, kind: str) -> bool:
    """A header line: two of its cells name fields (skips preambles such as LinkedIn's "Notes:";
    a file where no line does takes its first line as the header)."""
    return bool(line.strip()) and len(detect_mapping(header_cells(line), kind)) >= 2


def _values(row: FileRow, cells: list[tuple[str, str, Callable[[str | None], Any]]]) -> dict:
    """The row's mapped cells converted (``cells``: column, field, converter)."""
    values: dict[str, Any] = {}
    problems = []
    get = row.values.get
    for column, field, convert in cells:
        try:
            values[field] = convert(get(column))
        except ValueError as exc:
            problems.append(f"{column}: {exc}")
    if problems:
        raise Rejected("; ".join(problems))
    return values


def _contact(directory: Directory, v: dict[str, Any], today: date, now: datetime) -> str:
    first, last = v.get("first_name") or "", v.get("last_name") or ""
    if not first and not last and v.get("name"):
        first, _space, last = v["name"].partition(" ")
    if not first and not last:
        raise Rejected(_("no name"))
    try:
        url = clean_profile_url(v.get("profile_url"))
    except ValueError as exc:
        raise Rejected(str(exc)) from exc
    person = ContactIn(
        first_name=first or last,
        last_name=last.strip() if first else "",
        company=v.get("client"),
        role=v.get("role"),
        email=v.get("email"),
        phone=v.get("phone"),
        profile_url=url,
        notes=v.get("notes"),
        opted_out_on=today if v.get("do_not_contact") else None,
    )
    return directory.add_contact(person)


def _deal(directory: Directory, v: dict[str, Any], today: date, now: datetime) -> str:
    stage = v.get("stage") or "lead"
    created_on = v.get("created_on") or today
    closed_on = v.get("closed_on")
    if stage in CLOSED_STAGES:
        closed_on = closed_on or created_on
    elif closed_on is not None:
        raise Rejected(
            _("closed_on is given but the deal is still open ({stage})").format(stage=label(stage))
        )
    if v.get("lost_reason") and stage != "lost":
        raise Rejected(_("only a lost deal has a lost reason"))
    duration = v.get("duration_months")
    if duration is not None and duration <= 0:
        raise Rejected(_("duration_months must be positive"))
    existing_client = directory.existing_client(v["client"])
    if existing_client is not None and directory.has_deal(existing_client, v["title"]):
        return "unchanged"
    contact_id = directory.find_contact(v["contact"], existing_client) if v.get("contact") else None
    client_id = directory.client_for(v["client"])
    deal_id = directory.writer.add(
        "deal",
        {
            "client_id": client_id,
            "contact_id": contact_id,
            "title": v["title"],
            "monthly_value_cents": v.get("monthly_value") or 0,
            "duration_months": duration,
            "stage": stage,
            "probability": v.get("probability"),
            "channel": v.get("channel") or "other",
            "expected_close_on": v.get("expected_close_on"),
            "lost_reason": v.get("lost_reason"),
            "created_on": created_on,
            "closed_on": closed_on,
            "notes": v.get("notes"),
            "created_at": now,
        },
    )
    directory.writer.add(
        "deal_stage_change",
        {
            "deal_id": deal_id,
            "from_stage": None,
            "to_stage": stage,
            "changed_on": closed_on or created_on,
            "created_at": now,
        },
    )
    directory.note_deal(deal_id, client_id, v["title"], contact_id)
    return "created"


def _activity(directory: Directory, v: dict[str, Any], today: date, now: datetime) -> str:
    kind = v["kind"]
    due_on, done_on = v.get("due_on"), v.get("done_on")
    if due_on is None and done_on is None:
        raise Rejected(_("an activity needs a due date or a done date"))
    client_id = directory.existing_client(v["client"]) if v.get("client") else None
    new_client = bool(v.get("client")) and client_id is None
    contact_id = deal_id = None
    if v.get("deal"):
        if new_client:
            raise Rejected(
                _("no deal titled {title} at {client}").format(
                    title=repr(v["deal"]), client=v["client"]
                )
            )
        deal_id, deal_client, deal_contact = directory.find_deal(v["deal"], client_id)
        client_id = client_id or deal_client
        contact_id = deal_contact
    if v.get("contact"):
        contact_id = directory.find_contact(v["contact"], client_id)
    if contact_id is not None:
        person = directory.contact(contact_id)
        client_id = client_id or person.client_id
        if person.opted_out and done_on is None:
            raise Rejected(
                _("{name} opted out of being contacted: nothing can be planned").format(
                    name=person.full_name
                )
            )
    if new_client:
        client_id = directory.client_for(v["client"])
    subject = v.get("subject") or ""
    key = (kind, subject, due_on, done_on, client_id, contact_id, deal_id)
    if directory.has_activity(key):
        return "unchanged"
    directory.writer.add(
        "activity",
        {
            "kind": kind,
            "channel": v.get("channel") or KIND_CHANNEL[kind],
            "subject": subject,
            "due_on": due_on,
            "done_on": done_on,
            "outcome": v.get("outcome"),
            "notes": v.get("notes"),
            "client_id": client_id,
            "contact_id": contact_id,
            "deal_id": deal_id,
            "enrollment_id": None,
            "created_at": now,
        },
    )
    directory.note_activity(key)
    return "created"
