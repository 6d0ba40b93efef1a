"""The published book offers every assignment's student version, and nothing in the built
site (pages or downloads) contains a solution or a hidden test."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

from leerlab.grading.bronnen import lees_bron
from leerlab.grading.cursusmap import exercises_dir
from leerlab.grading.uitdelen import FORBIDDEN

SOURCE = exercises_dir() / "source"
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())
BOOK = Path(__file__).resolve().parent.parent / "book"


def secret_lines() -> list[str]:
    """Substantial lines of every solution region and hidden-test region in the sources."""
    found: list[str] = []
    for a in ASSIGNMENTS:
        nb = lees_bron(SOURCE / a / f"{a}.md")
        inside = False
        for line in "\n".join(c.source for c in nb.cells).splitlines():
            if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 20:
                found.append(line.strip())
    return found


def clean(text: str, where: str, secrets: list[str]) -> None:
    assert not [m for m in FORBIDDEN if m in text], f"marker in {where}"
    leaked = [line for line in secrets if line in text]
    assert not leaked, f"{where} bevat uitwerking of verborgen test: {leaked[:2]}"
    assert "Beoordelingsmodel" not in text and "Modelantwoord" not in text, where


def test_shipped_zips_are_clean_student_versions() -> None:
    secrets = secret_lines()
    for a in ASSIGNMENTS:
        with zipfile.ZipFile(BOOK / "opdrachten" / f"{a}.zip") as archive:
            names = archive.namelist()
            assert f"{a}/{a}.ipynb" in names
            for name in names:
                clean(archive.read(name).decode("utf-8"), f"{a}.zip:{name}", secrets)
            nb = nbformat.reads(archive.read(f"{a}/{a}.ipynb").decode("utf-8"), as_version=4)
            for data in nb.metadata.get("leerlab", {}).get("data", []):
                assert f"{a}/{Path(data).name}" in names, f"{a}.zip mist {data}"


@pytest.mark.build
def test_built_site_offers_every_assignment_and_leaks_nothing(site: Path) -> None:
    secrets = secret_lines()
    page = (site / "book" / "opdrachten.html").read_text(encoding="utf-8")
    for a in ASSIGNMENTS:
        links = re.findall(rf'href="([^"]*{a}\.zip)"', page)
        assert links, f"geen downloadlink voor {a}"
        target = (site / "book" / links[0]).resolve()
        assert target.is_file(), f"downloadlink voor {a} wijst naar niets: {links[0]}"
    assert "JupyterLab" in page
    for html in site.rglob("*.html"):
        clean(html.read_text(encoding="utf-8", errors="replace"), str(html.relative_to(site)),
              secrets)  # fmt: skip
    for archive_path in site.rglob("*.zip"):
        with zipfile.ZipFile(io.BytesIO(archive_path.read_bytes())) as archive:
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", errors="replace")
                clean(text, f"{archive_path.name}:{name}", secrets)
