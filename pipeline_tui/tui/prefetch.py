"""Reading the dashboard in a helper process while the TUI itself starts.

Opening the TUI is mostly waiting on one core: Python imports Textual and paints the first frame,
then reads the dashboard's numbers. On a machine with another core, the read need not wait: a
helper process (``python -m pipeline_tui.tui.prefetch``) is started before Textual is imported
(``launch.open_tui``). It reads ``load_dashboard_start`` through the read path (``store.reader``:
``sqlite3`` alone), sends the result back pickled on its standard output, and exits. The app takes
it when it is ready to show the dashboard.

It is only an optimisation, with a fallback for everything: no helper unless the database is a
SQLite file that exists; the helper gives up (exit code 3) on a file that needs an upgrade or that
it cannot read, on any error, and the app then reads in-process as usual. The helper never writes.

``PIPELINE_TUI_PREFETCH=0`` (or ``off``, ``no``, ``false``) starts no helper: the app reads the
dashboard itself, after its first frame. It is there to measure what the helper gains
(``benchmarks/run.py``, the ``tui_populated`` figure, with and without it).
"""

from __future__ import annotations

import os
import pickle
import sys
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.config import Config, busy_timeout_ms

if TYPE_CHECKING:
    import subprocess

SWITCH_ENV = "PIPELINE_TUI_PREFETCH"
NO_FAST_PATH = 3
WAIT_SECONDS = 30.0


def enabled() -> bool:
    """False when ``PIPELINE_TUI_PREFETCH`` turns the helper off."""
    return os.environ.get(SWITCH_ENV, "").strip().lower() not in ("0", "off", "no", "false")


class Prefetch:
    """The helper process: ``result()`` waits for what it read, or None (read in-process)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def result(self, timeout: float = WAIT_SECONDS):
        """The ``DashboardStart`` read by the helper, or None if it could not read it."""
        import subprocess

        try:
            out, _ = self.process.communicate(timeout=timeout)
        except (subprocess.TimeoutExpired, OSError):
            self.cancel()
            return None
        if self.process.returncode != 0 or not out:
            return None
        try:
            return pickle.loads(out)
        except Exception:
            return None

    def cancel(self) -> None:
        """Stop the helper if it still runs (the app quit before taking the result)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start(config: Config) -> Prefetch | None:
    """Start the helper for ``config``, or None when there is nothing for it to read (or it is
    turned off)."""
    import subprocess  # (not in the helper itself: it never starts one)

    path = config.sqlite_path
    if path is None or not path.is_file() or not enabled():
        return None
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, config.db_url, config.today.isoformat()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return Prefetch(process)


def main(argv: list[str]) -> int:
    """The helper: read, write the pickled result on standard output, exit 0 (else non-zero)."""
    from pipeline_tui.services.dashboard import load_dashboard_start
    from pipeline_tui.tui import bench_hook
    from pipeline_tui.tui.context import open_read_path

    db_url, today = argv
    config = Config(
        db_url=db_url, today=date.fromisoformat(today), busy_timeout_ms=busy_timeout_ms()
    )
    reads = open_read_path(config)
    if reads is None:
        return NO_FAST_PATH
    try:
        result = load_dashboard_start(reads, config.today)
    finally:
        reads.close()
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    bench_hook.helper_done()  # (the app may exit as soon as it has the data)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:
        sys.exit(1)
