"""gettext for one process: the current language, its catalog, and the choice of language."""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "pipeline_tui"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

LANGUAGES: tuple[str, ...] = ("en", "fr")
"""The languages the interface speaks; English is the one the code is written in."""

DEFAULT_LANGUAGE = "en"

_ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")

_current = DEFAULT_LANGUAGE
_catalog: _gettext.NullTranslations = _gettext.NullTranslations()


def language_of(value: str | None) -> str | None:
    """``fr_FR.UTF-8``, ``fr-FR``, ``FR`` → ``fr``; ``C``, ``POSIX``, unknown or empty → None."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def resolve_language(
    option: str | None = None,
    setting: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language to speak: ``--lang``, then the ``language`` setting, then the environment.

    The environment is read the way the C library reads it: the first of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set decides, even when it names a language this
    product does not speak (then English).
    """
    for chosen in (option, setting):
        if chosen and language_of(chosen):
            return language_of(chosen)  # type: ignore[return-value]
    environ = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        if environ.get(name):
            return language_of(environ[name]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@cache
def _load(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language``; the ``.po`` itself when its ``.mo`` is missing or
    older (a checkout where the catalog was edited since the last build)."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.exists():
        return translations_from_po(po)
    return _gettext.NullTranslations()


def compiled_mo(po: Path) -> bytes:
    """The ``.mo`` of a ``.po``, fuzzy messages left out (``catalog compile`` writes it; the
    build's own hook, which cannot import the package, does the same)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def translations_from_po(po: Path) -> _gettext.GNUTranslations:
    """A catalog read from its ``.po`` (a checkout whose ``.mo`` is missing or stale)."""
    return _gettext.GNUTranslations(io.BytesIO(compiled_mo(po)))


def set_language(language: str | None) -> str:
    """Speak ``language`` from now on (an unknown one or None: English); returns the one set."""
    global _current, _catalog
    _current = language_of(language) or DEFAULT_LANGUAGE
    _catalog = _load(_current)
    return _current


def current_language() -> str:
    """The language spoken now: ``en`` or ``fr``."""
    return _current


@contextmanager
def using_language(language: str | None) -> Iterator[str]:
    """Speak ``language`` inside the block, then the language spoken before it."""
    before = _current
    try:
        yield set_language(language)
    finally:
        set_language(before)


def gettext(message: str) -> str:
    """``message`` in the current language (itself when the catalog has no entry)."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count``: ``"%(n)d day"`` or ``"%(n)d days"`` in English."""
    return _catalog.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where one English word has two translations:
    ``pgettext("mission end", "open")`` (sans fin) is not an open offboarding (ouverte)."""
    return _catalog.pgettext(context, message)


class Said(str):
    """A message worded in the language spoken that keeps its English words (:attr:`english`)
    for a JSON output, whose values never change with the language (:func:`said_twice`)."""

    english: str

    def __new__(cls, text: str, english: str) -> Said:
        said = super().__new__(cls, text)
        said.english = english
        return said


def said_twice(message: str, **values: object) -> Said:
    """``message`` with ``values`` in the language spoken, and in English (:attr:`Said.english`).
    A value that is worded differently by language (a date) is given as a function of no
    argument, called once for each language: ``said_twice("opted out on {day}", day=lambda:
    format_day(d))``. For a warning a command both prints and puts in its JSON."""

    def worded() -> str:
        shown = {name: value() if callable(value) else value for name, value in values.items()}
        return gettext(message).format(**shown)

    text = worded()
    if _current == DEFAULT_LANGUAGE:
        return Said(text, text)
    with using_language(DEFAULT_LANGUAGE):
        return Said(text, worded())


def english(text: str) -> str:
    """The English words of a :func:`said_twice` message (``text`` itself for any other string)."""
    return getattr(text, "english", text)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now: it is defined at import
    time, before the language is chosen, and translated with :func:`_` where it is shown."""
    return message
