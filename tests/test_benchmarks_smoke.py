"""``benchmarks/run.py`` end to end on two small demos: every figure is there at both scales,
positive, with its floor, its growth and its targets' verdicts.

A smoke test for CI: one run of each figure, on a cache folder of its own, and no timing
assertion (the figures of a shared machine say nothing; the README has the real ones). The two
scales (``tiny``: the large demo ×0.02, ``tiny×10``: ×0.2) take the code path of the real run
(large and ×10) without its builds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
RUN = BENCH / "run.py"
SCALES = ["tiny", "tiny×10"]
FIGURES = {
    "floor_app_first_frame",
    "tui_first_frame",
    "tui_populated",
    "tui_ready",
    "import_sqlmodel",
    "status_json",
    "today",
    "today_json",
    "whatif_gap",
    "review_json",
    "floor_app_peak_rss",
    "tui_peak_rss",
    "tui_peak_rss_ready",
    "compute_numbers",
    "load_dashboard",
    "quick_add_saved",
    "quick_add_refreshed",
    "sqlite_utils_insert",
    "csv_import",
    "csv_import_first_write",
}
WITH_FLOORS = {"tui_first_frame", "tui_populated", "status_json", "tui_peak_rss", "csv_import"}
GROWTH_TARGETS = {"tui_populated", "status_json", "today", "whatif_gap", "review_json"}


def test_every_figure_is_measured_at_both_scales(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_TUI_DB"}
    args = ["--tiny", "--quick", "--json", "--repeat", "1", "--csv-rows", "200"]
    result = subprocess.run(
        [sys.executable, str(RUN), *args, "--cache", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert [s["name"] for s in data["meta"]["scales"]] == SCALES
    small, big = (s["database"]["rows"] for s in data["meta"]["scales"])
    assert big["activity"] >= 5 * small["activity"] > 0
    figures = {f["key"]: f for f in data["figures"]}
    assert set(figures) >= FIGURES
    queries = [key for key in figures if key.startswith("query: ")]
    assert any("deal_path" in k for k in queries)  # the conversion facts, summed up in SQL
    assert any("pipeline_by_day" in k for k in queries)  # the trend, counted per day in SQL
    assert sum("agenda_page" in k for k in queries) >= 3  # the due list and the agenda's pages
    for figure in figures.values():
        assert figure["unit"] in {"ms", "MiB"}
        assert set(figure["at"]) == set(SCALES), figure
        for measure in figure["at"].values():
            assert measure["value"] > 0, figure
        if not figure["shared"]:
            assert (
                figure["growth"]
                == figure["at"][SCALES[1]]["value"] / (figure["at"][SCALES[0]]["value"])
            )
    for key in WITH_FLOORS:
        assert figures[key]["floor"] in figures
        assert all(m["ratio"] > 0 for m in figures[key]["at"].values())
        assert {v["where"] for v in figures[key]["targets"]} >= set(SCALES)
    # the import into a file never checked: the same floor, no target of its own
    first_write = figures["csv_import_first_write"]
    assert first_write["floor"] == figures["csv_import"]["floor"]
    assert all(m["ratio"] > 0 for m in first_write["at"].values())
    for key in GROWTH_TARGETS:
        (growth,) = [v for v in figures[key]["targets"] if v["where"] == "growth"]
        assert growth["target"] == "≤ 1.5×"
        assert growth["met"] == (figures[key]["growth"] <= 1.5)
    populated = {v["where"]: v["target"] for v in figures["tui_populated"]["targets"]}
    assert populated == {"tiny": "≤ 2.5×", "tiny×10": "≤ 3×", "growth": "≤ 1.5×"}
    query = figures[queries[0]]
    assert [(v["where"], v["target"]) for v in query["targets"]] == [
        ("tiny", "≤ 20 ms"),
        ("tiny×10", "≤ 30 ms"),
    ]


def test_the_table_shows_both_scales_the_growth_and_each_verdict() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from report import BASE, BIG, GROWTH, Figures, Measure, Rule, text_table
    finally:
        sys.path.remove(str(BENCH))
    figures = Figures(["large", "xl"])
    floor = figures.figure("floor", "floor: bare app", shared=True)
    rules = (Rule("ratio", 2.5, at=BASE), Rule("ratio", 3.0, at=BIG), Rule("growth", 1.5, GROWTH))
    populated = figures.figure("populated", "dashboard populated", floor="floor", rules=rules)
    for scale, value in (("large", 400.0), ("xl", 700.0)):
        figures.add(floor, scale, Measure(200.0, runs=3))
        figures.add(populated, scale, Measure(value, runs=3))
    figures.finish()
    header, floor_row, row = text_table(figures)
    assert header.split() == [
        "figure",
        "large",
        "cpu",
        "ratio",
        "xl",
        "cpu",
        "ratio",
        "growth",
        "cpu",
        "growth",
        "targets",
    ]
    assert "×" not in floor_row  # a floor shared by the scales has no ratio and no growth
    assert "2.00×" in row and "3.50×" in row and "×1.75" in row
    assert row.endswith("large ≤ 2.5× ok; xl ≤ 3× MISSED; growth ≤ 1.5× MISSED")
