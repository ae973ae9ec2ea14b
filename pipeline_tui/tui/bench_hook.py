"""Timing the app as a whole process: mark a moment of start-up, then exit (benchmarks, tests).

Set ``PIPELINE_TUI_BENCH`` to the moment to stop at:

- ``first-frame``: the app's first frame is painted (whatever screen it shows);
- ``populated``: the dashboard shows its data, every worker it started has finished, and the
  result is painted;
- ``ready``: after that, the store is open and every screen loaded (writing possible), painted.

At that moment the app appends one line ``<moment> <time.time()> <peak RSS in KiB>`` to the file
named by ``PIPELINE_TUI_BENCH_FILE`` (standard error without it) and exits with code 0.
Without ``PIPELINE_TUI_BENCH`` nothing happens. To run without a terminal, use Textual's own switch
``TEXTUAL_DRIVER=textual.drivers.headless_driver:HeadlessDriver`` (size from ``COLUMNS`` and
``LINES``). ``benchmarks/run.py`` drives both; ``benchmarks/floor_app.py`` uses the same hook.

This module imports nothing heavy: the app calls it on its start-up path.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

MOMENT_ENV = "PIPELINE_TUI_BENCH"
FILE_ENV = "PIPELINE_TUI_BENCH_FILE"
MOMENTS = ("first-frame", "populated", "ready")
_tasks: list[asyncio.Task[None]] = []  # the settling task: referenced, and started once


def wanted() -> str | None:
    """The moment this run stops at, or None for a normal run."""
    moment = os.environ.get(MOMENT_ENV)
    return moment if moment in MOMENTS else None


def peak_rss_kib() -> int:
    """This process's peak resident memory so far (``VmHWM`` on Linux, else ``getrusage``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def _line(moment: str) -> str:
    return f"{moment} {time.time():.6f} {peak_rss_kib()}\n"


def _append(line: str) -> bool:
    """Append ``line`` to the file of ``PIPELINE_TUI_BENCH_FILE``; False without one."""
    path = os.environ.get(FILE_ENV)
    if not path:
        return False
    with open(path, "a", encoding="ascii") as out:
        out.write(line)
    return True


def _record_and_exit(app: Any, moment: str) -> None:
    line = _line(moment)
    if not _append(line):
        sys.__stderr__.write(line)
        sys.__stderr__.flush()
    app.exit()


def app_mounted(app: Any) -> None:
    """Call from the App's ``on_mount``: marks ``first-frame`` once that frame is painted."""
    if wanted() == "first-frame":
        app.call_after_refresh(_record_and_exit, app, "first-frame")


def dashboard_shown(screen: Any) -> None:
    """Call when the dashboard has put its data on screen: marks ``populated`` once the
    workers still loading (the due list's first page…) are done and the result is painted."""
    if wanted() != "populated" or _tasks:
        return
    import asyncio  # only when measuring: the start-up path imports this module

    app = screen.app

    async def settle() -> None:
        # Polled: this runs in the context of the worker that delivered the data, and Textual
        # refuses a worker.wait() from there.
        # The dashboard's own workers: the app may go on loading the write path behind it.
        nodes = {id(screen), *(id(node) for node in screen.walk_children())}
        while any(not w.is_finished for w in app.workers if id(w.node) in nodes):
            await asyncio.sleep(0.002)
        app.call_after_refresh(_record_and_exit, app, "populated")

    # A plain task, not a worker: it waits for every worker, and must not wait for itself.
    task = asyncio.get_running_loop().create_task(settle())
    _tasks.append(task)


def app_ready(app: Any) -> None:
    """Call once the store is open and every screen is loaded: marks ``ready`` when painted."""
    if wanted() == "ready":
        app.call_after_refresh(_record_and_exit, app, "ready")
