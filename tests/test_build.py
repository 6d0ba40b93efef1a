"""The built book: clean build, a page per _toc.yml entry, nothing loaded from outside the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leerlab.boek import bouw as book
from leerlab.errors import LeerlabFout

from .conftest import ROOT, page_entries

pytestmark = pytest.mark.build

#: Attributes through which a page loads something (a link to another site is fine: <a href>).
LOADING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def external_loads(html: str) -> list[str]:
    """Every script, stylesheet, font, image or frame a page would fetch from another host."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in LOADING.items():
        found += [el[attr] for el in soup.find_all(tag) if el.get(attr)]
    for link in soup.find_all("link"):
        rel = " ".join(link.get("rel", []))
        if link.get("href") and re.search(r"stylesheet|icon|preload|modulepreload|font", rel):
            found.append(link["href"])
    for style in soup.find_all("style"):
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", style.get_text())
        found += re.findall(r"@import\s+['\"]([^'\"]+)", style.get_text())
    for el in soup.find_all(style=True):
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", el["style"])
    return [u for u in found if re.match(r"^(https?:)?//", u.strip())]


def test_external_loads_detector_catches_cdns() -> None:
    page = (
        '<script src="https://cdn.jsdelivr.net/npm/vega@6"></script>'
        '<link rel="stylesheet" href="//unpkg.com/x.css"><img src="https://x.nl/a.png">'
        "<style>@font-face{src:url(https://fonts.example/f.woff)}</style>"
        '<a href="https://example.org">lees meer</a><script src="_static/local.js"></script>'
    )
    assert len(external_loads(page)) == 4


def test_build_log_is_clean(site: Path) -> None:
    log = ROOT / "_build" / "build.log"
    assert log.is_file()
    assert book.build_warnings(log.read_text(encoding="utf-8")) == []


def test_build_warnings_are_recognised() -> None:
    log = (
        "[IPKernelApp] WARNING | Kernel is running over TCP\n"
        "\x1b[91mWARNING: unsupported theme option\x1b[39;49;00m\n"
        "/x/chapters/06.md:25: WARNING: term not in glossary: 'lump sum'\n"
    )
    assert len(book.build_warnings(log)) == 2


def test_every_toc_entry_produced_a_page(site: Path) -> None:
    missing = [p for p in page_entries() if not (site / p).is_file()]
    assert missing == []


def test_no_page_loads_anything_from_outside_the_site(site: Path) -> None:
    offenders = {}
    for page in html_files(site):
        loads = external_loads(page.read_text(encoding="utf-8"))
        if loads:
            offenders[str(page.relative_to(site))] = loads
    assert offenders == {}


def test_vendored_vega_is_in_the_site(site: Path) -> None:
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert (site / "_static" / "vendor" / name).stat().st_size > 50_000


def test_chapter_pages_offer_notebook_download(site: Path) -> None:
    for entry in page_entries():
        if entry.startswith("chapters/"):
            html = (site / entry).read_text(encoding="utf-8")
            assert "_sources/" in html and ".ipynb" in html, f"{entry} heeft geen downloadknop"


def test_toc_problems_are_named(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/01-een\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "chapters" / "02-twee.md").write_text("# Twee\n")
    problems = book.toc_problems(tmp_path)
    assert any("chapters/01-een" in p and "geen chapters/01-een.md" in p for p in problems)
    assert any("chapters/02-twee.md staat niet in _toc.yml" in p for p in problems)


@pytest.mark.slow
def test_a_broken_cell_fails_the_build_naming_chapter_and_cell(tmp_path: Path) -> None:
    """A mini book with one failing cell: the Dutch message names the page and the cell."""
    for name in ("_config.yml", "book/references.bib"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "data").mkdir()
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/09-kapot\n"
    )
    header = (ROOT / "chapters" / "01-tijdperk.md").read_text().split("---", 2)[1]
    (tmp_path / "intro.md").write_text("# Intro\n\nTekst.\n")
    (tmp_path / "chapters" / "09-kapot.md").write_text(
        f"---{header}---\n\n# Kapot\n\n```{{code-cell}} ipython3\nx = 1\n```\n\n"
        "```{code-cell} ipython3\nraise ValueError('opzettelijk kapot')\n```\n"
    )
    with pytest.raises(LeerlabFout) as err:
        book.build(tmp_path)
    message = str(err.value)
    assert "chapters/09-kapot.md: cel 2 geeft een fout" in message
    assert "opzettelijk kapot" in message
