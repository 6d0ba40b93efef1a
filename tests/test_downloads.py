"""Chapter downloads are notebooks that read well outside the book; `make serve` sends UTF-8."""

from __future__ import annotations

import re
import threading
import urllib.request
from pathlib import Path

import nbformat
import pytest

from leerlab.boek import downloads, serveer

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))


def _markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_roles_become_readable_text() -> None:
    text = (
        "Lees {doc}`hoofdstuk 3 <03-eigenaarschap>` over {term}`eigenaarschap` en "
        "{term}`de Jeugdwet <Jeugdwet>` {cite:p}`deboer2016`; {cite:t}`deboer2016` zegt het ook."
    )
    assert downloads.roles_to_text(text, ROOT) == (
        "Lees hoofdstuk 3 over eigenaarschap en de Jeugdwet (de Boer en Peltenburg, 2016); "
        "de Boer en Peltenburg (2016) zegt het ook."
    )


def test_doc_role_without_text_gives_the_page_title() -> None:
    title = next(
        ln[2:] for ln in (ROOT / "book" / "begrippenlijst.md").read_text().splitlines()
        if ln.startswith("# ")
    )  # fmt: skip
    assert downloads.roles_to_text("Zie de {doc}`../book/begrippenlijst`.", ROOT) == (
        f"Zie de *{title}*."
    )


def test_ref_role_gives_the_heading_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "x.md").write_text("Tekst.\n\n(casus-x)=\n#### Het dorp Xanten\n")
    text = downloads.roles_to_text("Zie {ref}`casus-x` en {ref}`onbekend`.", tmp_path)
    assert text == "Zie *Het dorp Xanten* en *het boek*."


def test_reflection_answer_is_folded_and_question_visible(tmp_path: Path) -> None:
    page = tmp_path / "h.md"
    page.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# Kop\n\n(label-x)=\n```{exercise}\n:label: v1\nWaarom?\n```\n\n"
        "```{solution} v1\n:class: dropdown\nDaarom.\n```\n\n```{code-cell} ipython3\n"
        ":tags: [remove-input]\n\nprint(1)\n```\n"
    )
    nb = downloads.chapter_notebook(page, "leerlab-0.1.0-py3-none-any.whl", ROOT)
    text = _markdown(nb)
    assert "pip install leerlab-0.1.0-py3-none-any.whl" in nb.cells[0].source
    assert "**Reflectievraag.** Waarom?" in text
    assert re.search(r"<details>\s*<summary>[^<]+</summary>\s*Daarom\.\s*</details>", text)
    assert "(label-x)=" not in text and "```{" not in text
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source == "print(1)" and code[0].metadata["jupyter"]["source_hidden"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_notebook_has_no_myst_left(path: Path) -> None:
    nb = downloads.chapter_notebook(path, None, ROOT)
    nbformat.validate(nb)
    text = _markdown(nb)
    assert not re.findall(r"\{[a-z:]+\}`", text), "MyST-rol over"
    assert not re.findall(r"^`{3,}\{", text, re.M), "MyST-blok over"
    source = path.read_text(encoding="utf-8")
    assert text.count("<details>") == source.count("```{solution}")
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.build
def test_every_chapter_page_downloads_an_existing_notebook(site: Path) -> None:
    pages = sorted((site / "chapters").glob("*.html"))
    assert len(pages) == len(CHAPTERS)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+\.ipynb)" download="([^"]+)"', html)
        assert links, f"{page.name}: geen download van het notebook"
        href, name = links[0]
        target = (page.parent / href).resolve()
        assert target.is_file(), f"{page.name}: {href} bestaat niet"
        assert name == f"{page.stem}.ipynb"
        nbformat.validate(nbformat.read(target, as_version=4))
        assert "download-source-button" not in html, f"{page.name}: nog een .md-download"


@pytest.mark.build
def test_student_page_offers_the_wheel(site: Path) -> None:
    html = (site / "book" / "gebruik-student.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.whl)"', html)
    assert links and all((site / "book" / href).resolve().is_file() for href in links)
    text = re.sub(r"<[^>]+>", "", html)
    assert re.search(r"pip\s+install\s+leerlab-[\w.-]+\.whl", text), "installeerregel ontbreekt"


def test_serve_sends_utf8(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>Kies één</p>", encoding="utf-8")
    (tmp_path / "h.md").write_text("Kies één", encoding="utf-8")
    httpd = serveer.server(tmp_path, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        for name in ("index.html", "h.md"):
            with urllib.request.urlopen(f"{base}/{name}") as response:
                assert response.headers.get_content_charset() == "utf-8", name
                assert "één" in response.read().decode("utf-8")
    finally:
        httpd.shutdown()
