"""Opening the TUI: the one way both entry points do it (``cli/start.py`` without click, and the
click group, ``cli/base.py``, for ``pipeline-tui --db x`` with other options or after ``demo``).

Imports nothing heavy at import time: Textual is imported when the app is built.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pipeline_tui.config import Config

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store


def _speak(config: Config, store: Store | None) -> None:
    """The language before the first frame: ``--lang``, the setting (one read of the database
    file, when there is one at the current schema: a database on a server, or one still to
    create or upgrade, is not read for it), then ``LANG``."""
    from pipeline_tui.services.language import speak

    if config.lang is not None:
        speak(config.lang)
        return
    if store is not None:
        speak(None, store)
        return
    from pipeline_tui.tui.context import open_read_path

    reads = open_read_path(config)
    try:
        speak(None, reads or None)
    finally:
        if reads:
            reads.close()


def open_tui(config: Config, store: Store | None = None) -> int:
    """Run the TUI on ``config`` until the user quits; the exit code. An error the app could not
    start with (a file that is not a database…) is printed on standard error, with its code.

    ``store``: already open (``demo`` just built it); otherwise the app reads the dashboard
    through the read path after its first frame, then opens the store."""
    _speak(config, store)
    from pipeline_tui.tui.app import PipelineApp

    app = PipelineApp(store, config)
    app.run()
    error = getattr(app, "start_error", None)
    if error is None:
        return 0
    message, code = error
    from pipeline_tui.i18n import _

    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return code
