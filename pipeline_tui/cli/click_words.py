"""click's own words (``Usage:``, ``Options``, ``Error: …``, ``No such option …``) in the
language spoken.

click looks them up with the standard library's ``gettext.gettext`` and ``ngettext``, imported
into each of its modules: they read the ``messages`` domain of a catalog on disk chosen by the
environment (``LANGUAGE``, ``LANG``…), never ``--lang``, and the checkout has no compiled catalog.
:func:`speak_for_click` points those names at ours (``pipeline_tui.i18n``), which follow the
language chosen; click's messages that a user meets are listed below so that the catalog holds
them. A message of click not listed stays English.
"""

from __future__ import annotations

import importlib

from pipeline_tui.i18n import N_, gettext, ngettext

CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "termui",
    "types",
    "utils",
)

# click's messages a user of the CLI meets (``--help`` pages, usage errors, prompts), word for
# word as click 8 writes them.
MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("Choose from:\n\t{choices}"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Do you want to continue?"),
    N_("Error: invalid input"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Could not open file {filename!r}: {message}"),
)


def counted_messages(count: int) -> list[str]:
    """click's messages with a count, in the language spoken, for ``count`` (the catalog reads
    them here; the test of click's words checks each has its translation)."""
    return [
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", count),
        ngettext(
            "Got unexpected extra argument ({args})",
            "Got unexpected extra arguments ({args})",
            count,
        ),
        ngettext(
            "Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
            count,
        ),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", count),
        ngettext(
            "{value!r} does not match the format {format}.",
            "{value!r} does not match the formats {formats}.",
            count,
        ),
    ]


def speak_for_click() -> None:
    """Make click's modules look their words up in our catalog, in the language spoken."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
