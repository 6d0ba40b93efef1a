"""The printed session plans: PDFs in the built site, their pages and headings, and the
print view of the pages (no navigation). Needs the built book (the build makes the PDFs)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from leerlab.boek import pdf
from leerlab.models import sessies

pytestmark = pytest.mark.build

SESSIES = sessies.sessies()


def _squash(text: str) -> str:
    """Outline titles lose spaces where a heading wraps; compare without whitespace."""
    return re.sub(r"\s+", "", text).replace("\u2019", "'")


def _outline(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(_squash(item.title))

    walk(reader.outline)
    return titles


@pytest.fixture(scope="module")
def pdfmap(site: Path) -> Path:
    folder = site / pdf.PDF_MAP
    if not folder.is_dir():
        pytest.fail("Er zijn geen PDF's gebouwd: draai `leerlab boek bouw` (met Chromium).")
    return folder


def test_every_pdf_exists(site: Path, pdfmap: Path) -> None:
    jobs = pdf.afdrukken(site)
    assert len(jobs) == 2 * len(SESSIES) + 1 == 17
    for job in jobs:
        assert job.pdf.is_file(), f"{job.pdf} ontbreekt"
        assert job.pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("sessie", SESSIES, ids=lambda s: s.code)
def test_draaiboek_pages_and_headings(pdfmap: Path, sessie: sessies.Sessie) -> None:
    reader = PdfReader(pdfmap / f"sessie-{sessie.code}-draaiboek.pdf")
    # Overview, then each variant on a new page: at least 4 pages, at most 8.
    assert 4 <= len(reader.pages) <= 8
    outline = _outline(reader)
    assert outline[0] == _squash(f"Sessie {sessie.hoofdstuk}: {sessie.titel}")
    for kop in ("Overzicht", "Rollen", "Verloop: 90 minuten", "Verloop: Dagdeel (3,5 uur)"):
        assert any(_squash(kop) in t for t in outline), kop
    for stap in sessie.dagdeel.stappen:
        assert any(_squash(stap.titel) in t for t in outline), stap.titel
    assert not any("Handout" in t for t in outline)
    # Each variant starts on a page of its own.
    teksten = [page.extract_text() or "" for page in reader.pages]
    start = next(i for i, t in enumerate(teksten) if "Verloop: 90 minuten" in t)
    assert teksten[start].lstrip().startswith("Verloop: 90 minuten")


@pytest.mark.parametrize("sessie", SESSIES, ids=lambda s: s.code)
def test_handout_is_one_page(pdfmap: Path, sessie: sessies.Sessie) -> None:
    reader = PdfReader(pdfmap / f"sessie-{sessie.code}-handout.pdf")
    assert len(reader.pages) == 1
    outline = _outline(reader)
    assert any(_squash("Handout voor deelnemers") in t for t in outline)
    assert not any("Verloop" in t for t in outline)
    text = reader.pages[0].extract_text() or ""
    assert "Wat is opvallend afwezig?" in text
    assert _squash(sessie.handout.opdracht[:40]) in _squash(text)


def test_oogst_form_pdf(pdfmap: Path) -> None:
    reader = PdfReader(pdfmap / "oogst-formulier.pdf")
    assert 2 <= len(reader.pages) <= 4
    outline = _outline(reader)
    for kop in ("Oogstformulier", "Feedback in drie rondes", "Afspraken: wie doet wat, wanneer?"):
        assert any(_squash(kop) in t for t in outline), kop


def _dark_share(pgm: bytes) -> float:
    """Share of dark pixels in a binary PGM (P5) image from pdftoppm -gray."""
    parts = pgm.split(maxsplit=4)
    assert parts[0] == b"P5"
    pixels = parts[4]
    return sum(1 for value in pixels if value < 128) / len(pixels)


@pytest.mark.parametrize(
    "naam", ["sessie-01-draaiboek.pdf", "sessie-06-handout.pdf", "oogst-formulier.pdf"]
)
def test_pdf_pages_render_and_are_not_blank(pdfmap: Path, tmp_path: Path, naam: str) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(pdfmap / naam), str(tmp_path / "p")], check=True
    )
    images = sorted(tmp_path.glob("p-*.pgm"))
    assert len(images) == len(PdfReader(pdfmap / naam).pages)
    for image in images:
        share = _dark_share(image.read_bytes())
        assert 0.003 < share < 0.5, f"{image.name}: {share:.4f} donker (leeg of zwart?)"


@pytest.mark.parametrize("pagina", ["sessie-01", "sessie-08", "oogst"])
def test_pages_link_to_existing_pdfs(site: Path, pdfmap: Path, pagina: str) -> None:
    html = (site / "book" / "sessies" / f"{pagina}.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(pdf/[^"]+\.pdf)"', html)
    assert links, "geen PDF-link op de pagina"
    for link in links:
        assert (site / "book" / "sessies" / link).is_file(), link


@pytest.mark.browser
def test_print_view_hides_navigation(open_page) -> None:  # type: ignore[no-untyped-def]
    nav = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area"]
    screen = open_page("book/sessies/sessie-03.html")
    assert screen.page.locator(".bd-sidebar-primary").is_visible()
    printed = open_page("book/sessies/sessie-03.html", media="print")
    page = printed.page
    for selector in nav:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").first.is_visible()
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('.sessie-variant-start, .sessie-handout-start')]"
        ".map(el => getComputedStyle(el.closest('section')).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    assert printed.console_errors == [] and printed.page_errors == [] and printed.blocked == []
