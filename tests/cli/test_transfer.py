"""The CLI of data in and out: usage as documented, reports with line numbers, one-line errors."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY
from tests.helpers import counts, write_linkedin


def _db(tmp_path: Path) -> list[str]:
    return ["--db", str(tmp_path / "pipeline.db"), "--today", TODAY.isoformat()]


def test_import_csv_with_map_and_dry_run(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Who,Org,Mail\nJean Dupont,Acme,jean@acme.fr\nZoé Roy,Beta,zoe@\n", encoding="utf-8"
    )
    args = [*_db(tmp_path), "import", "csv", "--kind", "contacts", str(path)]
    args += ["--map", "Who=name", "--map", "Org=client", "--map", "Mail=email"]

    dry = cli_run(*args, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "columns: Who → name, Org → client, Mail → email" in dry.stdout
    assert "would create: 1 client, 1 contact" in dry.stdout
    assert "line 3: Mail: 'zoe@' is not an email address" in dry.stdout
    assert "Dry run: nothing was written." in dry.stdout
    assert counts(tmp_path / "pipeline.db")["contact"] == 0

    real = cli_run(*args, "--progress")
    assert real.exit_code == 0
    assert "created: 1 client, 1 contact" in real.stdout
    assert "progress 2/2" in real.stderr
    assert counts(tmp_path / "pipeline.db")["contact"] == 1


def test_import_linkedin_prints_the_report(cli_run, tmp_path: Path) -> None:
    rows = [
        ["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "Acme SAS", "CTO", "12 Mar 2024"],
        ["Bob", "Roy", "", "", "", "", "12 Mar 2024"],
    ]
    path = write_linkedin(tmp_path / "Connections.csv", rows)
    result = cli_run(*_db(tmp_path), "import", "linkedin", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "LinkedIn connections from Connections.csv: 2 rows",
        "  created: 1 client, 1 contact",
        "  not imported: 1 row",
        "    line 6: no profile URL",
    ]


def test_errors_are_one_line_on_stderr_with_an_exit_code(cli_run, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    cases = [
        (["import", "linkedin", str(other)], 2, "is not a LinkedIn connections export"),
        (["import", "csv", "--kind", "deals", str(tmp_path / "no.csv")], 2, "cannot read"),
        (["import", "csv", "--kind", "deals", str(other)], 2, "no column for title, client"),
        (["import", "json", str(other)], 2, "not valid JSON"),
        (["export", "-o", str(tmp_path / "missing" / "x.json")], 2, "does not exist"),
        (["ics", "-o", str(tmp_path / "missing" / "x.ics")], 2, "does not exist"),
    ]
    for args, code, message in cases:
        result = cli_run(*_db(tmp_path), *args)
        assert result.exit_code == code, (args, result.stderr)
        assert result.stderr.startswith("Error: ") and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_csv_export_defaults_to_a_dated_folder(cli_run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli_run(*_db(tmp_path), "export", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / f"pipeline-export-{TODAY.isoformat()}"
    assert (folder / "client.csv").exists()
    assert str(folder) in result.stdout
