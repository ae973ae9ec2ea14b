"""The catalogs: extract the messages from the code, keep the translations in step, compile them.

``python -m pipeline_tui.i18n.catalog update``  extract, then add the new messages to every
                                                language's ``.po`` (untranslated) and drop the gone
``python -m pipeline_tui.i18n.catalog check``   exit 1, naming each, if a message of the code has
                                                no translation in a language (or a stale one)
``python -m pipeline_tui.i18n.catalog compile`` write each ``.mo`` beside its ``.po`` (the build
                                                does this: ``i18n/build_hook.py``)

Babel reads the code (``_``, ``N_``, ``ngettext`` and ``pgettext`` calls); it is imported here
only, never on the way to a JSON output.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline_tui.i18n.core import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
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
    babel_write_po(out, catalog, width=100, sort_output=True, omit_header=False)
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
        write_po(catalog, path)
        untranslated[language] = sum(1 for m in catalog if m.id and not _translated(m))
    return untranslated


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


def compile_mo(po: Path, mo: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    write_file_whole(mo, out.getvalue())


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
    print("usage: python -m pipeline_tui.i18n.catalog update|check|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
