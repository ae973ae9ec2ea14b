"""Whole-process figures: start a command, time it, read its peak memory.

A TUI run is headless (Textual's ``TEXTUAL_DRIVER``) and stops itself at a moment of its start-up
through ``pipeline_tui.tui.bench_hook`` (``PIPELINE_TUI_BENCH``): the moment's time, written by
the child, minus the time just before the child was started is the figure. Peak memory is the
one the child writes on the same line (``VmHWM`` of ``/proc/self/status``): ``ru_maxrss`` from
``wait4`` would not do, as Linux counts in it the forked copy of this (large) process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline_tui.tui import bench_hook

HEADLESS_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "COLUMNS": "140",
    "LINES": "45",
}
TIMEOUT_S = 180


@dataclass(frozen=True)
class Run:
    seconds: float  # to the marked moment, or to the exit when nothing is marked
    cpu_seconds: float | None = None  # the child's, for a run to its end
    peak_rss_kib: int | None = None


class ProcessFailed(RuntimeError):
    pass


def _children_cpu() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wait(proc: subprocess.Popen[bytes], cpu_before: float | None) -> tuple[int, float | None]:
    """The exit code and the CPU time of the child (one child runs at a time)."""
    try:
        code = proc.wait(TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise ProcessFailed(f"{proc.args} took more than {TIMEOUT_S} s") from None
    cpu_after = _children_cpu()
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return code, cpu


def run_process(args: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``args`` to its end; the figure is its whole wall time."""
    with tempfile.TemporaryFile() as errors:
        cpu_before = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(
            args, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=errors
        )
        code, cpu = _wait(proc, cpu_before)
        seconds = time.perf_counter() - start
        if code != 0:
            errors.seek(0)
            raise ProcessFailed(f"{args} exited with {code}: {errors.read().decode()[-2000:]}")
    return Run(seconds, cpu)


def run_to_moment(args: list[str], moment: str, env: dict[str, str] | None = None) -> Run:
    """Run a Textual app headless until it marks ``moment`` (see ``bench_hook``)."""
    with tempfile.TemporaryDirectory() as folder:
        marker = Path(folder) / "marker"
        full_env = {
            **os.environ,
            **HEADLESS_ENV,
            **(env or {}),
            bench_hook.MOMENT_ENV: moment,
            bench_hook.FILE_ENV: str(marker),
        }
        with tempfile.TemporaryFile() as errors:
            start = time.time()
            proc = subprocess.Popen(args, env=full_env, stdout=subprocess.DEVNULL, stderr=errors)
            code, _ = _wait(proc, None)  # its CPU to the exit would count work after the moment
            errors.seek(0)
            stderr = errors.read().decode(errors="replace")[-2000:]
        lines = marker.read_text(encoding="ascii").splitlines() if marker.exists() else []
        marks = {name: (float(at), int(kib)) for name, at, kib in map(str.split, lines)}
        if code != 0 or moment not in marks:
            raise ProcessFailed(f"{args} did not reach {moment!r} (exit {code}): {stderr}")
        at, kib = marks[moment]
        return Run(at - start, None, kib)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
