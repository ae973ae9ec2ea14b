"""The wheel ships the compiled catalogs, built by the build (never committed): issue 19."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MO = "pipeline_tui/locale/fr/LC_MESSAGES/pipeline_tui.mo"


@pytest.mark.slow
def test_the_wheel_holds_the_french_catalog_compiled_by_the_build(tmp_path: Path) -> None:
    source = tmp_path / "source"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(source)], check=True)
    # the working tree's catalog, as it is now (a clone holds the last commit's)
    po = ROOT / "pipeline_tui/locale/fr/LC_MESSAGES/pipeline_tui.po"
    (source / po.relative_to(ROOT)).write_bytes(po.read_bytes())
    assert not (source / MO).exists()  # never committed
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("pipeline_tui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert MO in names
        assert "pipeline_tui/i18n/build_hook.py" not in names
        catalog = gettext.GNUTranslations(io.BytesIO(archive.read(MO)))
    assert catalog.gettext("tomorrow") == "demain"
    assert catalog.ngettext("{count} day", "{count} days", 2) == "{count} jours"
