"""The catalogs: extract the messages from the code, keep the translations in step, compile them.

``python -m pipeline_tui.i18n.catalog update``  extract, then add the new messages to every
                                                language's ``.po`` (untranslated) and drop the gone
``python -m pipeline_tui.i18n.catalog check``   exit 1, naming each, if a message of the code has
                                                no translation in a language (or a stale one)
``python -m pipeline_tui.i18n.catalog compile`` write each ``.mo`` beside its ``.po`` (the build
                                                does this: ``i18n/build_hook.py``)
``python -m pipeline_tui.i18n.catalog todo fr [PART]``  the messages still to translate (used in a
                                                file whose path holds PART), as a JSON object
``python -m pipeline_tui.i18n.catalog fill fr FILE.json``  put the translations of FILE (the same
                                                object, filled; a plural's value is a list) in
                                                the ``.po``

Babel reads the code (``_``, ``N_``, ``ngettext`` and ``pgettext`` calls); it is imported here
only, never on the way to a JSON output.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from pipeline_tui.i18n.core import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR, compiled_mo

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "said_twice": (1,),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
SKIPPED = ("migrations", "locale")


def write_file_whole(path: Path, data: bytes) -> None:
    """``data`` written beside ``path``, then renamed onto it: never a half-written file."""
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(package: Path = PACKAGE):
    """Every message the code marks, as a Babel catalog (with where each one is used)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="pipeline-tui", domain=DOMAIN, charset="utf-8")
    found = extract_from_dir(
        str(package),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda path: Path(path).name not in SKIPPED,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"pipeline_tui/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def read(language: str):
    from babel.messages.pofile import read_po

    path = po_path(language)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write_po(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po as babel_write_po

    out = io.BytesIO()
    babel_write_po(out, catalog, width=100, sort_output=True, omit_header=False, no_location=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_whole(path, out.getvalue())


def update(languages: Iterable[str] = LANGUAGES) -> dict[str, int]:
    """Bring each translated language's ``.po`` in step with the code; returns, per language,
    how many messages are still untranslated."""
    from babel.messages.catalog import Catalog

    template = extract()
    untranslated = {}
    for language in languages:
        if language == DEFAULT_LANGUAGE:
            continue
        path = po_path(language)
        if path.exists():
            catalog = read(language)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="pipeline-tui")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _steady_header(catalog)
        write_po(catalog, path)
        untranslated[language] = sum(1 for m in catalog if m.id and not _translated(m))
    return untranslated


PLURAL_FORMS = {"fr": (2, "(n > 1)")}
"""The plural rule each catalog is written with: gettext's usual one for French (0 and 1 are
singular), not CLDR's three forms, whose third (a million) no message of ours needs."""


def _steady_header(catalog) -> None:
    """A header that does not change from one update to the next (no dates), so the ``.po``
    changes only where a message does; never fuzzy (a fuzzy header is left out of the ``.mo``,
    and its plural rule with it)."""
    from datetime import datetime

    fixed = datetime(2026, 12, 7, tzinfo=UTC)
    catalog.project, catalog.version = "pipeline-tui", "1"
    catalog.copyright_holder = "the pipeline-tui developers"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "pipeline-tui developers"
    catalog.language_team = "French"
    catalog.creation_date = catalog.revision_date = fixed
    catalog.fuzzy = False
    if str(catalog.locale) in PLURAL_FORMS:
        catalog._num_plurals, catalog._plural_expr = PLURAL_FORMS[str(catalog.locale)]


def _translated(message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


@dataclass(frozen=True)
class Gap:
    language: str
    message: str
    why: str  # "missing", "untranslated", "fuzzy"
    where: str

    def __str__(self) -> str:
        return f"{self.language}: {self.why}: {self.message!r} ({self.where})"


def gaps(languages: Iterable[str] = LANGUAGES) -> list[Gap]:
    """What a language lacks for the code as it is: a message not in its ``.po``, or one there
    without a translation (or marked fuzzy)."""
    template = extract()
    found = []
    for language in languages:
        if language == DEFAULT_LANGUAGE:
            continue
        catalog = read(language) if po_path(language).exists() else None
        for message in template:
            if not message.id:
                continue
            where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
            text = message.id if isinstance(message.id, str) else message.id[0]
            entry = catalog.get(message.id, message.context) if catalog else None
            if entry is None:
                found.append(Gap(language, text, "missing", where))
            elif entry.fuzzy:
                found.append(Gap(language, text, "fuzzy", where))
            elif not _translated(entry):
                found.append(Gap(language, text, "untranslated", where))
    return found


def todo(language: str, part: str = "") -> dict[str, object]:
    """The untranslated messages of ``language`` (used in a file whose path holds ``part``):
    ``{msgid: ""}``, a plural as ``{msgid: ["", ""]}``, a message with a context as
    ``{"context\u0004msgid": ""}``, for :func:`fill`."""
    wanted = {}
    for message in read(language):
        if not message.id or _translated(message):
            continue
        if part and not any(part in file for file, _line in message.locations):
            continue
        wanted[_key(message)] = ["", ""] if isinstance(message.id, tuple) else ""
    return wanted


CONTEXT = "\u0004"
"""Between a message's context and its text in a :func:`todo` key (gettext's own separator):
``mission end\u0004open``."""


def _key(message) -> str:
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}{CONTEXT}{text}" if message.context else text


def fill(language: str, translations: dict[str, object]) -> tuple[int, list[str]]:
    """Write ``translations`` (``{msgid: text}``, a plural's text a list) into the ``.po``;
    returns how many were written and the messages the catalog does not have."""
    catalog = read(language)
    by_first = {_key(m): m for m in catalog if m.id}
    filled, unknown = 0, []
    for msgid, text in translations.items():
        message = by_first.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        if not text:
            continue
        message.string = tuple(text) if isinstance(message.id, tuple) else str(text)
        message.flags.discard("fuzzy")
        filled += 1
    write_po(catalog, po_path(language))
    return filled, unknown


def compile_mo(po: Path, mo: Path) -> None:
    write_file_whole(mo, compiled_mo(po))


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every ``.po`` below ``locale_dir``; returns the ``.mo`` files written."""
    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        compile_mo(po, mo)
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "update":
        for language, left in update().items():
            print(f"{po_path(language)}: {left} message(s) to translate")
        return 0
    if command == "check":
        found = gaps()
        for gap in found:
            print(gap)
        print(f"{len(found)} message(s) without a translation" if found else "catalogs complete")
        return 1 if found else 0
    if command == "compile":
        for mo in compile_all():
            print(mo)
        return 0
    if command == "todo" and len(args) >= 2:
        print(
            json.dumps(
                todo(args[1], args[2] if len(args) > 2 else ""), ensure_ascii=False, indent=1
            )
        )
        return 0
    if command == "fill" and len(args) == 3:
        with open(args[2], encoding="utf-8") as handle:
            filled, unknown = fill(args[1], json.load(handle))
        for message in unknown:
            print(f"not in the catalog (run update first?): {message!r}", file=sys.stderr)
        print(f"{filled} translation(s) written to {po_path(args[1])}")
        return 1 if unknown else 0
    print(
        "usage: python -m pipeline_tui.i18n.catalog update|check|compile|todo|fill", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
