"""Which language to speak for a run: ``--lang``, then the ``language`` setting, then ``LANG``.

Read before the TUI's first frame, so it reads the one stored setting itself rather than loading
the settings registry (``domain.settings``, what every other setting means): the value was
checked when it was set (``domain.settings.check_setting``), and one the product does not speak
is read as no choice (``i18n.resolve_language``)."""

from __future__ import annotations

from pipeline_tui.i18n import resolve_language, set_language
from pipeline_tui.store.queries.settings import stored_settings
from pipeline_tui.store.reader import ReadSource


def stored_language(source: ReadSource) -> str | None:
    """The ``language`` setting as stored (None or ``""``: follow the environment)."""
    with source.read() as q:
        value = stored_settings(q).get("language")
    return value if isinstance(value, str) else None


def speak(option: str | None, source: ReadSource | None = None) -> str:
    """Speak the language the run asks for; ``source`` (an opened store or the read path) gives
    the ``language`` setting when ``--lang`` was not given. Returns the language set."""
    setting = stored_language(source) if option is None and source is not None else None
    return set_language(resolve_language(option, setting))
