"""The build compiles the catalogs: each ``pipeline_tui/locale/*/LC_MESSAGES/*.po`` becomes the
``.mo`` beside it, which the wheel ships (and an editable install reads in place). The ``.mo``
files are never committed. Hatchling loads this file by its path (``pyproject.toml``); it is
not part of the installed package."""

from __future__ import annotations

import io
import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "pipeline_tui" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            out = io.BytesIO()
            write_mo(out, catalog, use_fuzzy=False)
            mo = po.with_suffix(".mo")
            temporary = mo.with_name(f".{mo.name}.part")
            temporary.write_bytes(out.getvalue())
            os.replace(temporary, mo)
            build_data.setdefault("artifacts", []).append(str(mo.relative_to(self.root)))
