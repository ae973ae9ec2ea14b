"""Which language to speak for a run: ``--lang``, then the ``language`` setting, then ``LANG``."""

from __future__ import annotations

from pipeline_tui.i18n import resolve_language, set_language
from pipeline_tui.services.settings import load_settings
from pipeline_tui.store.reader import ReadSource


def speak(option: str | None, source: ReadSource | None = None) -> str:
    """Speak the language the run asks for; ``source`` (an opened store or the read path) gives
    the ``language`` setting when ``--lang`` was not given. Returns the language set."""
    setting = load_settings(source).language if option is None and source is not None else None
    return set_language(resolve_language(option, setting))
