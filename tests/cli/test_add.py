"""``pipeline-tui add "…"``: the quick-add line from the shell."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlmodel import func, select

from pipeline_tui.config import Config
from pipeline_tui.store.database import open_store
from pipeline_tui.store.models import Activity, Client, Deal
from tests.conftest import TODAY

LINE = 'Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri "met at Devoxx"'


def rows(db: Path) -> tuple[int, int, int]:
    store = open_store(Config(db_url=f"sqlite:///{db}", today=TODAY))
    try:
        with store.session() as session:
            return tuple(  # type: ignore[return-value]
                session.exec(select(func.count()).select_from(model)).one()
                for model in (Client, Deal, Activity)
            )
    finally:
        store.close()


def test_add_prints_what_was_created(cli_run, db_path: Path) -> None:
    result = cli_run("--db", str(db_path), "--today", "2026-11-26", "add", LINE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        'Added: Deal #1 "Decathlon — Karim Benali"; new client Decathlon; '
        "new contact Karim Benali; "
        "follow-up on 27 Nov 2026\n"
    )
    assert rows(db_path) == (1, 1, 1)
    again = cli_run(
        "--db", str(db_path), "--today", "2026-11-26", "add", "--json", "DECATHLON 8k/m"
    )
    data = json.loads(again.stdout)
    assert (data["client_id"], data["client_created"], data["deal_id"]) == (1, False, 2)
    assert data["follow_up_id"] is None
    assert "no follow-up date" in data["warnings"][0]


def test_add_accepts_the_line_unquoted(cli_run, db_path: Path) -> None:
    result = cli_run("--db", str(db_path), "add", "Acme", "/", "Ana", "8k/m", "#reco")
    assert result.exit_code == 0, result.stderr
    assert "new client Acme; new contact Ana" in result.stdout


def test_dry_run_writes_nothing(cli_run, db_path: Path) -> None:
    result = cli_run("--db", str(db_path), "--today", "2026-11-26", "add", "--dry-run", LINE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Dry run: nothing saved.",
        "  Client: Decathlon (new client)",
        "  Contact: Karim Benali <karim@example.com> (new contact)",
        "  Deal: Decathlon — Karim Benali",
        "  Value: €650/day × 18 d = €11,700/month for 6 months (€70,200 in all)",
        "  Channel: event",
        "  Next follow-up: Fri 27 Nov 2026",
        "  Note: met at Devoxx",
    ]
    as_json = cli_run("--db", str(db_path), "add", "--dry-run", "--json", LINE)
    data = json.loads(as_json.stdout)
    assert data["dry_run"] is True and data["client_exists"] is False
    assert data["monthly_value"] == 1_170_000
    assert rows(db_path) == (0, 0, 0)


def test_a_parse_error_exits_2_with_a_caret_under_the_span(cli_run, db_path: Path) -> None:
    result = cli_run("--db", str(db_path), "add", "Décathlon / Karim #salons 650/d")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: '#salons' is not a channel")
    assert lines[1] == "  Décathlon / Karim #salons 650/d"
    assert lines[2] == "                    ^^^^^^^"
    assert "Traceback" not in result.stderr
    assert not db_path.exists()  # a refused line does not even open the database


def test_every_error_gets_its_caret(cli_run, db_path: Path) -> None:
    result = cli_run("--db", str(db_path), "add", "Acme next:soon 650/h")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    carets = [line.strip() for line in result.stderr.splitlines() if set(line.strip()) == {"^"}]
    assert len(errors) == 2
    assert carets == ["^^^^", "^^^^^"]


def _with_mission(db: Path) -> int:
    from pipeline_tui.services import clients, missions

    store = open_store(Config(db_url=f"sqlite:///{db}", today=TODAY))
    try:
        client = clients.add_client(store, "Acme")
        return missions.add_mission(
            store, client.id, "Platform run", date(2026, 6, 1), fixed_monthly_cents=900_000
        ).id
    finally:
        store.close()


def test_add_renewal_of_and_at_renewal(cli_run, db_path: Path) -> None:
    mission_id = _with_mission(db_path)
    base = ("--db", str(db_path), "--today", TODAY.isoformat(), "add")
    dry = cli_run(*base, "--dry-run", "Acme 9k/m @renewal")
    assert dry.exit_code == 0, dry.stderr
    assert "  Renewal: renews Platform run (open-ended)" in dry.stdout
    added = cli_run(*base, "--json", "Acme t:Run2027", "--renewal-of", "Platform run")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["renewal_of_mission_id"] == mission_id
    before = rows(db_path)
    for args, message in [
        (("Acme t:X", "--renewal-of", "Nope"), "Error: Acme has no mission 'Nope' (its missions:"),
        (("Newco @renewal",), "Error: @renewal: Newco is a new client to renew"),
        (("--dry-run", "Newco @renewal"), "Error: @renewal: Newco is a new client to renew"),
        (("Acme t:Y", "--renewal-of", " "), "Error: --renewal-of names a mission"),
    ]:
        result = cli_run(*base, *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert rows(db_path) == before


def test_add_uses_the_default_days_setting(cli_run, db_path: Path) -> None:
    from pipeline_tui.services.settings import save_setting

    store = open_store(Config(db_url=f"sqlite:///{db_path}", today=TODAY))
    try:
        save_setting(store, "default_days_per_month", 20)
    finally:
        store.close()
    base = ("--db", str(db_path), "--today", TODAY.isoformat(), "add")
    dry = cli_run(*base, "--dry-run", "--json", "Acme 600/d")
    assert json.loads(dry.stdout)["monthly_value"] == 600_00 * 20
