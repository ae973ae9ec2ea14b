"""The language the product speaks, and how it writes numbers and dates.

Every user-facing string is written in English in the code and goes through :func:`_` (or
:func:`ngettext` for a count); a string defined at import time (a table of labels, a binding's
description) is marked with :func:`N_` and translated where it is shown, since the language is
chosen after the modules are imported. The catalogs are ``pipeline_tui/locale/<lang>/LC_MESSAGES/
pipeline_tui.po``; the build compiles them (``i18n/build_hook.py``), and ``python -m
pipeline_tui.i18n.catalog update`` brings them in step with the code.

The language comes from ``--lang``, then the ``language`` setting, then ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` (:func:`resolve_language`); English is the default. Money,
percentages and dates are written with Babel's locale data (``i18n.formats``).

What never changes with the language: command and option names, JSON keys and values, stored
data, and the quick-add grammar.
"""

from pipeline_tui.i18n.core import (
    LANGUAGES,
    N_,
    Said,
    _,
    current_language,
    english,
    gettext,
    ngettext,
    pgettext,
    resolve_language,
    said_twice,
    set_language,
    using_language,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "Said",
    "_",
    "current_language",
    "english",
    "gettext",
    "ngettext",
    "pgettext",
    "resolve_language",
    "said_twice",
    "set_language",
    "using_language",
]
