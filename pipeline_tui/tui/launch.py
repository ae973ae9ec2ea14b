"""Opening the TUI: the one way both entry points do it (``cli/start.py`` without click, and the
click group, ``cli/base.py``, for ``pipeline-tui --db x`` with other options or after ``demo``).

Imports nothing heavy at import time: the prefetch helper starts before Textual is imported, so
that the two happen at once.
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

    ``store``: already open (``demo`` just built it); otherwise the app opens it after its first
    frame, and the dashboard is read meanwhile by a helper process (``prefetch``)."""
    from pipeline_tui.tui import prefetch

    helper = prefetch.start(config) if store is None else None
    _speak(config, store)
    from pipeline_tui.tui.app import PipelineApp

    app = PipelineApp(store, config, prefetch=helper)
    try:
        app.run()
    finally:
        if helper is not None:
            helper.cancel()
    error = getattr(app, "start_error", None)
    if error is None:
        return 0
    message, code = error
    from pipeline_tui.i18n import _

    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return code
