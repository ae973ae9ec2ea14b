"""Importing contacts from a CSV file, against a raw ``sqlite-utils insert`` of the same rows.

Both run in this process on a fresh copy of the benchmark database and read the same file:
pipeline-tui's import (``import csv --kind contacts``: mapping, checks, matching clients and
people, one transaction), and what ``sqlite-utils insert DB raw_contacts FILE --csv`` does (rows
of the csv module's DictReader into a new table, no checks). The figure is their time; the ratio
is the throughput of the import as a share of sqlite-utils'.
"""

from __future__ import annotations

import csv
import random
import shutil
import time
from datetime import date
from pathlib import Path

from pipeline_tui.config import Config
from pipeline_tui.store.database import open_store

HEADER = ["First name", "Last name", "Company", "Email", "Position", "Phone"]
FIRST = ["Camille", "Karim", "Léa", "Hugo", "Inès", "Lucas", "Chloé", "Nathan", "Sarah", "Yanis"]
LAST = ["Martin", "Bernard", "Benali", "Petit", "Durand", "Leroy", "Moreau", "Fournier", "Nguyen"]
ROLES = ["CTO", "Head of Data", "Engineering Manager", "Product Owner", "DSI", "Lead Developer"]


def write_contacts_csv(path: Path, rows: int, seed: int = 8) -> Path:
    """``rows`` people at ``rows // 5`` companies, each with a unique email."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"Bench Company {rng.randrange(max(rows // 5, 1))}"
            email = f"{first.lower()}.{last.lower()}.{i}@bench.example".replace("é", "e")
            phone = f"+33 6 {rng.randrange(10**8):08d}"
            writer.writerow([first, last, company, email, rng.choice(ROLES), phone])
    return path


def import_seconds(
    database: Path, csv_path: Path, work: Path, today: date, *, checked: bool = True
) -> float:
    """The import's time into a fresh copy of ``database``. ``checked``: the copy has passed
    the integrity check before the clock starts, as a user's file has after its first write
    (``store.integrity``: ``PRAGMA quick_check`` once per file changed elsewhere); otherwise the
    import pays that check, which reads the whole file."""
    from pipeline_tui.services.transfer.csv_import import import_csv

    copy = shutil.copy(database, work / "import.db")
    store = open_store(Config(db_url=f"sqlite:///{copy}", today=today))
    try:
        if checked:
            with store.connection():  # a write transaction that writes nothing: the check
                pass
        start = time.perf_counter()
        report = import_csv(store, csv_path, "contacts", today=today)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    if report.rows == 0 or report.problems:
        raise RuntimeError(f"the import did not take every row: {report.summary()}")
    return seconds


def sqlite_utils_seconds(database: Path, csv_path: Path, work: Path) -> float:
    import sqlite_utils

    copy = shutil.copy(database, work / "raw.db")
    db = sqlite_utils.Database(copy)
    try:
        start = time.perf_counter()
        with csv_path.open(newline="", encoding="utf-8") as rows:
            db["raw_contacts"].insert_all(csv.DictReader(rows))
        seconds = time.perf_counter() - start
    finally:
        db.close()
    return seconds
