"""``benchmarks/run.py`` end to end on the small demo: every figure is there and positive.

A smoke test for CI: one run of each figure, on a cache folder of its own, and no timing
assertion (the figures of a shared machine say nothing; the README has the real ones).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
FIGURES = {
    "floor_app_first_frame",
    "tui_first_frame",
    "tui_populated",
    "tui_ready",
    "import_sqlmodel",
    "status_json",
    "floor_app_peak_rss",
    "tui_peak_rss",
    "tui_peak_rss_ready",
    "compute_numbers",
    "load_dashboard",
    "quick_add_saved",
    "quick_add_refreshed",
    "sqlite_utils_insert",
    "csv_import",
}
WITH_FLOORS = {"tui_first_frame", "tui_populated", "status_json", "tui_peak_rss", "csv_import"}


def test_every_figure_is_measured(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_TUI_DB"}
    args = ["--tiny", "--quick", "--json", "--repeat", "1", "--csv-rows", "200"]
    result = subprocess.run(
        [sys.executable, str(RUN), *args, "--cache", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    figures = {f["key"]: f for f in data["figures"]}
    assert set(figures) >= FIGURES
    queries = [key for key in figures if key.startswith("query: ")]
    assert any("deal_paths" in k for k in queries)  # the conversion facts, summed up in SQL
    assert sum("agenda_page" in k for k in queries) >= 3  # the due list and the agenda's pages
    for figure in figures.values():
        assert figure["value"] > 0, figure
        assert figure["unit"] in {"ms", "MiB"}
    for key in WITH_FLOORS:
        assert figures[key]["floor"] in figures
        assert figures[key]["ratio"] > 0
        assert figures[key]["target"]
    assert data["meta"]["database"]["rows"]["deal"] > 0
