"""Render SVG screenshots of every screen from the demo database, with a fixed today.

    python screenshots/make.py            # writes screenshots/*.svg
    python screenshots/make.py --size 80x24

The demo is built in a temporary folder (seed 42, today 2026-11-26), so the pictures are the same
on every machine and change only when the UI does.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
from datetime import date
from pathlib import Path

from textual.worker import WorkerCancelled, WorkerState

from pipeline_tui.config import Config
from pipeline_tui.demo import build_demo
from pipeline_tui.i18n import using_language
from pipeline_tui.store.database import open_store
from pipeline_tui.tui.app import PipelineApp

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 26)

# (file name, keys pressed from the dashboard, theme)
SHOTS = [
    ("dashboard", [], "textual-dark"),
    ("dashboard-light", [], "textual-light"),
    ("dashboard-fr", [], "textual-dark"),
    ("pipeline", ["2"], "textual-dark"),
    ("clients", ["3"], "textual-dark"),
    ("agenda", ["4"], "textual-dark"),
    ("plan", ["5"], "textual-dark"),
    ("review", ["6"], "textual-dark"),
    ("offboarding", ["7"], "textual-dark"),
    (
        "quick-add",
        ["n", *"Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri"],
        "textual-dark",
    ),
    ("help", ["question_mark"], "textual-dark"),
    ("sequences", ["5", "s"], "textual-dark"),
    ("won-mission", ["2", "w", "y"], "textual-dark"),
    ("client-edit", ["3", "e"], "textual-dark"),
]
EXTRA_SHOTS: list[tuple[str, list[str], str]] = []
# The screenshots in another language than English (``--lang``): the others are in English.
LANGUAGES = {"dashboard-fr": "fr"}


async def settle(pilot, rounds: int = 200) -> None:
    """Wait until the app is idle, never for a fixed time: no worker pending or running, no
    animation scheduled, and the screen painting the same thing twice in a row (tables size their
    columns when idle)."""
    app = pilot.app
    last = None
    for _ in range(rounds):
        for worker in list(app.workers):
            if worker.state in (WorkerState.RUNNING,):
                with contextlib.suppress(WorkerCancelled):
                    await worker.wait()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            last = None
            continue
        shot = app.export_screenshot()
        if shot == last:
            return
        last = shot
    raise RuntimeError(f"the app did not settle in {rounds} rounds")


async def shoot(
    db: Path,
    name: str,
    keys: list[str],
    theme: str,
    size: tuple[int, int],
    out: Path,
    language: str = "en",
):
    with using_language(language):
        await _shoot(db, name, keys, theme, size, out)


async def _shoot(
    db: Path, name: str, keys: list[str], theme: str, size: tuple[int, int], out: Path
):
    store = open_store(Config(db_url=f"sqlite:///{db}", today=TODAY))
    app = PipelineApp(store, store.config, theme=theme)
    try:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                if len(key) > 1 or key.isupper() or key.isdigit() or key in "?/":
                    await settle(pilot)  # a screen or a form opens before anything is typed
            await settle(pilot)
            app.save_screenshot(filename=f"{name}.svg", path=str(out))
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="140x45", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--only", nargs="*", help="names of the screenshots to render")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    suffix = "" if args.size == "140x45" else f"-{width}x{height}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        store = open_store(Config(db_url=f"sqlite:///{db}", today=TODAY))
        build_demo(store, today=TODAY, seed=42)
        store.close()
        for name, keys, theme in SHOTS + EXTRA_SHOTS:
            if args.only and name not in args.only:
                continue
            language = LANGUAGES.get(name, "en")
            size = (width, height)
            asyncio.run(shoot(db, name + suffix, keys, theme, size, args.out, language))
            print(f"wrote {args.out / (name + suffix)}.svg")


if __name__ == "__main__":
    main()
