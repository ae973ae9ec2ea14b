"""``import csv``: column mapping (detected and overridden), type checks by line, --dry-run."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.clients import add_client, add_contact, list_contacts, set_do_not_contact
from pipeline_tui.services.deals import add_deal, list_deals, stage_history
from pipeline_tui.services.transfer.csv_import import import_csv
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity
from tests.conftest import TODAY
from tests.helpers import write_linkedin
from tests.services.backend_rows import table_counts


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _digest(db_path: Path) -> dict[str, str]:
    out = {}
    for suffix in ("", "-wal"):
        f = Path(f"{db_path}{suffix}")
        out[suffix] = hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "-"
    return out


def test_contacts_with_french_headers_semicolons_and_cp1252(store: Store, tmp_path: Path) -> None:
    acme = add_client(store, "Acme")
    path = _write(
        tmp_path / "contacts.csv",
        "Prénom;Nom;Société;Adresse e-mail;Téléphone;Fonction;Remarque\r\n"
        "Jean;Dupont;ACME SAS;jean@acme.fr;+33 6 00 00 00 01;DSI;vu au salon\r\n"
        "Zoé;Roy;Nouvelle Boîte;;;;\r\n",
        encoding="cp1252",
    )
    report = import_csv(store, path, "contacts", today=TODAY)

    assert report.mapping == {
        "Prénom": "first_name",
        "Nom": "last_name",
        "Société": "client",
        "Adresse e-mail": "email",
        "Téléphone": "phone",
        "Fonction": "role",
    }
    assert report.ignored_columns == ["Remarque"]
    assert report.problems == []
    assert report.created == {"contact": 2, "client": 1}
    jean, zoe = sorted(list_contacts(store), key=lambda c: c.first_name)
    assert (jean.client_id, jean.email, jean.phone, jean.role) == (
        acme.id,
        "jean@acme.fr",
        "+33 6 00 00 00 01",
        "DSI",
    )
    assert zoe.first_name == "Zoé"


def test_the_mapping_can_be_overridden(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "people.csv",
        "Who,Org,Remarque,E-mail\nJean Dupont,Acme,vu au salon,jean@acme.fr\n",
    )
    with pytest.raises(InvalidInput, match="no column for first_name"):
        import_csv(store, path, "contacts", today=TODAY)

    report = import_csv(
        store,
        path,
        "contacts",
        today=TODAY,
        overrides=["Who=name", "Org=client", "remarque=notes", "E-mail="],
    )
    assert report.mapping == {"Who": "name", "Org": "client", "Remarque": "notes"}
    assert report.ignored_columns == ["E-mail"]
    (jean,) = list_contacts(store)
    assert (jean.first_name, jean.last_name, jean.email, jean.notes) == (
        "Jean",
        "Dupont",
        None,
        "vu au salon",
    )


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("Nope=email", "the file has no column 'Nope'"),
        ("Who=salary", "'salary' is not a field of contacts"),
        ("Who", "write COLUMN=FIELD"),
    ],
)
def test_bad_overrides_are_explained(store: Store, tmp_path: Path, override, message) -> None:
    path = _write(tmp_path / "people.csv", "Who,Org\nJean,Acme\n")
    with pytest.raises(InvalidInput, match=message):
        import_csv(store, path, "contacts", today=TODAY, overrides=[override])


def test_deals_with_type_errors_reported_by_line(store: Store, tmp_path: Path) -> None:
    add_client(store, "Acme")
    path = _write(
        tmp_path / "deals.csv",
        "Title,Client,Monthly value,Stage,Probability,Channel,Expected close,Created\n"
        "Refonte,Acme SA,8 400,proposal,65 %,referral,15/01/2027,2026-10-01\n"  # 2
        "Audit,Beta,huit mille,lead,,,,\n"  # 3: bad money
        "Formation,Beta,1200,won,,event,,2026-09-01\n"  # 4
        "TMA,Beta,1000,signed,,,,\n"  # 5: bad stage
        "Coaching,Beta,1000,lead,140,,,\n"  # 6: bad probability
        "Conseil,Beta,1000,lead,,,32/01/2027,\n"  # 7: bad date
        "Data,Beta,2 000,meeting,,LinkedIn,,\n"  # 8: channel alias
        ",Beta,2 000,meeting,,,,\n",  # 9: no title
    )
    report = import_csv(store, path, "deals", today=TODAY)

    problems = {p.line: p.message for p in report.problems}
    assert sorted(problems) == [3, 5, 6, 7, 9]
    assert "Monthly value: 'huit mille' is not an amount" in problems[3]
    assert "stage 'signed' is not one of" in problems[5]
    assert "not a percentage" in problems[6]
    assert "not a real date" in problems[7]
    assert "title is empty" in problems[9]
    assert report.created == {"deal": 3, "deal_stage_change": 3, "client": 1}
    deals = {deal.title: (deal, client) for deal, client in list_deals(store)}
    refonte, client = deals["Refonte"]
    assert client == "Acme"
    assert (refonte.monthly_value_cents, refonte.stage, refonte.probability) == (
        840_000,
        "proposal",
        65,
    )
    assert refonte.expected_close_on == date(2027, 1, 15)
    assert refonte.created_on == date(2026, 10, 1)
    won, _ = deals["Formation"]
    assert won.closed_on == date(2026, 9, 1)
    assert [h.to_stage for h in stage_history(store, won.id)] == ["won"]
    assert deals["Data"][0].channel == "social"
    assert deals["Data"][0].created_on == TODAY  # undated rows are created today

    again = import_csv(store, path, "deals", today=TODAY)
    assert again.created == {}
    assert again.unchanged == 3


def test_activities_are_linked_and_opt_outs_respected(store: Store, tmp_path: Path) -> None:
    acme = add_client(store, "Acme")
    jean = add_contact(store, "Jean", last_name="Dupont", client_id=acme.id, email="jean@acme.fr")
    zoe = add_contact(store, "Zoé", last_name="Roy", client_id=acme.id, email="zoe@acme.fr")
    set_do_not_contact(store, zoe.id, TODAY)
    deal = add_deal(store, acme.id, "Refonte", on=TODAY)
    path = _write(
        tmp_path / "activities.tsv",
        "Type\tSubject\tDue\tDone\tContact\tDeal\tClient\n"
        "appel\tPoint d'étape\t\t2026-11-20\tjean@acme.fr\tRefonte\t\n"  # 2
        "email\tRelance\t2026-12-01\t\tJean Dupont\t\tAcme\n"  # 3
        "email\tRelance\t2026-12-01\t\tzoe@acme.fr\t\t\n"  # 4: opted out
        "call\tSans date\t\t\t\t\t\n"  # 5: no date
        "visit\tX\t2026-12-01\t\t\t\t\n"  # 6: unknown kind
        "call\tX\t2026-12-01\t\tnobody@acme.fr\t\t\n",  # 7: unknown contact
    )
    report = import_csv(store, path, "activities", today=TODAY)

    problems = {p.line: p.message for p in report.problems}
    assert sorted(problems) == [4, 5, 6, 7]
    assert "opted out" in problems[4]
    assert "needs a due date or a done date" in problems[5]
    assert "kind 'visit' is not one of" in problems[6]
    assert "no contact has the email nobody@acme.fr" in problems[7]
    assert report.created == {"activity": 2}
    with store.session() as session:
        rows = list(session.exec(select(Activity).order_by(Activity.id)))
    call, email = rows
    assert (
        call.kind,
        call.channel,
        call.done_on,
        call.deal_id,
        call.contact_id,
        call.client_id,
    ) == (
        "call",
        "phone",
        date(2026, 11, 20),
        deal.id,
        jean.id,
        acme.id,
    )
    assert (email.kind, email.due_on, email.contact_id) == ("email", date(2026, 12, 1), jean.id)

    assert import_csv(store, path, "activities", today=TODAY).created == {}


def test_dry_run_writes_nothing(store: Store, tmp_path: Path, db_path: Path) -> None:
    add_client(store, "Acme")
    path = _write(
        tmp_path / "deals.csv",
        "title,client,value\nRefonte,Acme,8000\nAudit,Beta,5000\nBad,Beta,x\n",
    )
    before_counts, before_bytes = table_counts(store), _digest(db_path)

    report = import_csv(store, path, "deals", today=TODAY, dry_run=True)

    assert report.dry_run
    assert report.created == {"deal": 2, "deal_stage_change": 2, "client": 1}
    assert [p.line for p in report.problems] == [4]
    assert "would create: 1 client, 2 deals, 2 stage changes" in report.summary()
    assert table_counts(store) == before_counts
    assert _digest(db_path) == before_bytes  # on PostgreSQL: no file, both empty


def test_a_json_list_is_read_too(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.json",
        '[{"first_name": "Ana", "email": "ana@x.fr"}, {"first_name": "", "email": "b@x.fr"}]',
    )
    report = import_csv(store, path, "contacts", today=TODAY)
    assert report.created == {"contact": 1}
    assert [str(p) for p in report.problems] == ["item 2: no name"]


def test_a_preamble_before_the_header_is_skipped(store: Store, tmp_path: Path) -> None:
    rows = [["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "Acme", "CTO", "1 Jan 2024"]]
    path = write_linkedin(tmp_path / "Connections.csv", rows)
    report = import_csv(store, path, "contacts", today=TODAY)
    assert report.mapping["URL"] == "profile_url"
    assert report.created == {"contact": 1, "client": 1}


@pytest.mark.parametrize("quoted", [False, True])
def test_problems_are_reported_on_their_line(store: Store, tmp_path: Path, quoted: bool) -> None:
    """Blank lines, short and long rows, and (quoted) cells over several lines: each problem
    is reported on the line its row starts on, with or without quotes in the file."""
    note = '"met at a meetup,\nthen again at Devoxx"' if quoted else "met at a meetup"
    path = _write(
        tmp_path / "people.csv",
        "First name,Last name,Email,Notes\n"
        f"Ana,Silva,ana@example.com,{note}\n"  # 2 (to 3 when quoted)
        "\n"
        "Bob,Martin,not-an-email,\n"  # 5 or 4
        "Cleo,Durand\n"  # a short row
        "Dan,Roux,dan@example.com,,surplus\n"  # a long row
        "Eve,Petit,eve@example.com,\n",
    )
    report = import_csv(store, path, "contacts", today=TODAY)
    shift = 1 if quoted else 0
    problems = {p.line: p.message for p in report.problems}
    assert sorted(problems) == [4 + shift, 5 + shift, 6 + shift]
    assert "not an email" in problems[4 + shift]
    assert "2 cells, the header has 4" in problems[5 + shift]
    assert "5 cells, the header has 4" in problems[6 + shift]
    assert report.created == {"contact": 2}  # Ana and Eve
