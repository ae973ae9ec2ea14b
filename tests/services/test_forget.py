"""Acceptance 6: after ``forget``, the contact's email is nowhere in the file or its WAL, and the
figures of ``status`` are unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.clients import add_client, add_contact, update_contact
from pipeline_tui.services.transfer.forget import forget_contact, resolve_contact
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Contact
from tests.conftest import TODAY
from tests.helpers import counts


def _files(db_path: Path) -> bytes:
    data = db_path.read_bytes()
    wal = Path(f"{db_path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _status(cli_run, db_path: Path) -> dict:
    result = cli_run("--db", str(db_path), "--today", TODAY.isoformat(), "status", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(params=["sqlite-default", "secure-delete-off"])
def sqlite_build(request, monkeypatch) -> str:
    """Debian's SQLite zeroes deleted data by default, most other builds do not: test both."""
    if request.param == "secure-delete-off":
        import pipeline_tui.store.database as database

        create = database.create_store_engine

        def insecure(config):
            engine = create(config)
            event.listen(
                engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA secure_delete = OFF")
            )
            return engine

        monkeypatch.setattr(database, "create_store_engine", insecure)
    return request.param


def test_forget_leaves_no_byte_of_the_email_and_the_same_figures(
    cli_run, sqlite_build: str, demo_store: Store, demo_db: Path
) -> None:
    with sqlite3.connect(demo_db) as raw:
        contact_id, first, last, email, phone, url = raw.execute(
            "SELECT c.id, first_name, last_name, email, phone, profile_url FROM contact c "
            "JOIN activity a ON a.contact_id = c.id "
            "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        activities = raw.execute(
            "SELECT count(*) FROM activity WHERE contact_id = ?", (contact_id,)
        ).fetchone()[0]
    with demo_store.engine.connect() as conn:
        secure = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
    assert secure == (0 if sqlite_build == "secure-delete-off" else secure)
    # A fresh write, so the WAL (kept by the open store) holds a copy of the row too.
    update_contact(demo_store, contact_id, notes=f"Écrire à {email} ou appeler le {phone}")
    secrets = [email, f"{first} {last}", phone, url, last]
    assert all(s.encode() in _files(demo_db) for s in secrets)
    assert Path(f"{demo_db}-wal").stat().st_size > 0
    status_before, counts_before = _status(cli_run, demo_db), counts(demo_db)

    result = cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), "forget", email, "--yes")

    assert result.exit_code == 0, result.stderr
    assert f"contact #{contact_id}" in result.stdout
    data = _files(demo_db)
    for secret in secrets:
        assert secret.encode("utf-8") not in data, secret
    assert email.upper().encode() not in data.upper()
    assert _status(cli_run, demo_db) == status_before
    assert counts(demo_db) == counts_before
    with sqlite3.connect(demo_db) as raw:
        row = raw.execute(
            "SELECT first_name, last_name, role, email, phone, profile_url, notes, do_not_contact "
            "FROM contact WHERE id = ?",
            (contact_id,),
        ).fetchone()
        kept = raw.execute(
            "SELECT count(*) FROM activity WHERE contact_id = ?", (contact_id,)
        ).fetchone()[0]
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert row == ("Erased contact", "", None, None, None, None, None, 1)
    assert kept == activities


def test_other_texts_naming_the_person_are_cleaned(store: Store) -> None:
    acme = add_client(store, "Acme")
    ana = add_contact(store, "Ana", last_name="Silva", client_id=acme.id, email="ana@acme.fr")
    other = add_contact(
        store, "Bob", last_name="Roy", client_id=acme.id, notes="Collègue d'Ana Silva (ana@acme.fr)"
    )
    add_client(store, "Beta", notes="Recommandé par ANA SILVA")
    report = forget_contact(store, ana.id, today=TODAY)
    with store.session() as session:
        assert session.get(Contact, other.id).notes == "Collègue d'[erased] ([erased])"
        beta = session.exec(select(Client).where(Client.name == "Beta")).one()
        assert beta.notes == "Recommandé par [erased]"
    assert report.cleaned == {"client": 1, "contact": 1}
    # Running it again (to clear old copies after a busy database) is harmless.
    forget_contact(store, ana.id, today=TODAY)


def test_contacts_are_named_by_id_email_or_exact_name(store: Store) -> None:
    acme = add_client(store, "Acme")
    one = add_contact(store, "Jean", last_name="Martin", client_id=acme.id, email="j1@acme.fr")
    two = add_contact(store, "Jean", last_name="Martin", email="j2@beta.fr")
    assert resolve_contact(store, f"#{one.id}").id == one.id
    assert resolve_contact(store, str(two.id)).id == two.id
    assert resolve_contact(store, "J2@BETA.FR").id == two.id
    with pytest.raises(InvalidInput) as ambiguous:
        resolve_contact(store, "jean martin")
    assert f"#{one.id} Jean Martin <j1@acme.fr> (Acme)" in str(ambiguous.value)
    assert f"#{two.id} Jean Martin <j2@beta.fr>" in str(ambiguous.value)
    with pytest.raises(NotFound, match="did you mean: Jean Martin"):
        resolve_contact(store, "Jean Marti")
    with pytest.raises(NotFound):
        resolve_contact(store, "#999")


@pytest.mark.sqlite_only("finds the email in the SQLite file's bytes")
def test_the_cli_asks_before_erasing(cli_run, store: Store, db_path: Path) -> None:
    add_contact(store, "Ana", last_name="Silva", email="ana@acme.fr")
    add_contact(store, "Jean", last_name="Martin")
    add_contact(store, "Jean", last_name="Martin")
    from click.testing import CliRunner

    from pipeline_tui.cli import cli

    def run(*args: str, answer: str | None = None):
        return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=answer)

    refused = run("forget", "Ana Silva", answer="n\n")
    assert refused.exit_code == 1
    assert "Erase #1 Ana Silva <ana@acme.fr> for good?" in refused.stderr
    assert b"ana@acme.fr" in db_path.read_bytes() + Path(f"{db_path}-wal").read_bytes()
    accepted = run("forget", "Ana Silva", answer="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    ambiguous = cli_run("--db", str(db_path), "forget", "jean martin", "--yes")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr.startswith("Error: 2 contacts are named 'jean martin': #2 Jean Martin")
    assert len(ambiguous.stderr.strip().splitlines()) == 1
    missing = cli_run("--db", str(db_path), "forget", "nobody@x.fr", "--yes")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: no contact has the email nobody@x.fr\n"
