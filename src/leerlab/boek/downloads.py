"""Chapter downloads that run: each chapter page offers an .ipynb built at book build time.

The theme's download button pointed at the raw MyST source (``_sources/…md``, opened in a
new tab). Here every chapter is converted with jupytext into a notebook that reads well
outside the book:

- a first cell says what it needs (Python, JupyterLab and the course wheel);
- MyST roles become readable text: ``{term}`` and ``{doc}`` their words, ``{cite:p}``
  "(Auteur, jaar)" from the bibliography;
- reflection questions stay visible, their model answers are folded in ``<details>``;
- figures are attached to the cell (no path to the book's folders);
- code cells the page hides keep their code, folded (``jupyter.source_hidden``).

The notebook is written as ``_sources/<chapter>.ipynb`` and the page's download button
points at it with a ``download`` attribute.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

from leerlab.paths import repo_root

logger = logging.getLogger(__name__)

#: Pages whose download is a notebook: the chapters.
CHAPTER_PREFIX = "chapters/"
#: Where the course wheel is offered in the site (linked from book/gebruik-student.md).
WHEEL_FOLDER = "_downloads/pakket"
#: What a wheel needs from the checkout (data/ becomes leerlab/_data, see setup.py).
_WHEEL_SOURCES = ("src", "data", "pyproject.toml", "setup.py", "README.md")

_ROLE = re.compile(r"\{(?P<role>[a-z:]+)\}`(?P<body>[^`]*)`")
_LABEL = re.compile(r"^\((?P<name>[\w.-]+)\)=\s*$", re.M)
_FENCE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S,
)
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")


def first_cell(wheel: str | None = None) -> str:
    """What a downloaded chapter needs, in the first cell."""
    install = f"pip install {wheel}" if wheel else "pip install leerlab-….whl"
    return (
        "**Dit notebook hoort bij de cursus Leerlab sociaal domein.** Wat je nodig hebt:\n\n"
        "1. Python 3.11 of nieuwer en JupyterLab.\n"
        "2. Het cursuspakket. Download het wiel-bestand op de pagina *Zo gebruik je de cursus "
        f"als student* en installeer het met:\n\n   ```bash\n   {install}\n   ```\n\n"
        "3. Kies daarna in JupyterLab *Run* → *Run All Cells*. Grafieken en schuifjes werken "
        "zonder internet."
    )


@cache
def _bibliography(root: Path) -> dict[str, tuple[str, str]]:
    """Citation key → (authors as cited, year) from book/references.bib."""
    from pybtex.database import parse_file

    path = root / "book" / "references.bib"
    if not path.is_file():
        return {}
    found: dict[str, tuple[str, str]] = {}
    for key, entry in parse_file(str(path)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [" ".join(p.prelast_names + p.last_names).replace("{", "").replace("}", "")
                 for p in people]  # fmt: skip
        if len(names) > 2:
            who = f"{names[0]} e.a."
        else:
            who = " en ".join(names) or entry.fields.get("title", key)
        found[key] = (who, entry.fields.get("year", "z.j."))
    return found


def _cite(body: str, role: str, root: Path) -> str:
    bib = _bibliography(root)
    parts = []
    for key in (k.strip() for k in body.split(",")):
        who, year = bib.get(key, (key, ""))
        parts.append((who, year))
    if role == "cite:t":
        return "; ".join(f"{who} ({year})" if year else who for who, year in parts)
    return "(" + "; ".join(f"{who}, {year}" if year else who for who, year in parts) + ")"


def _role(match: re.Match[str], root: Path) -> str:
    role, body = match["role"], match["body"]
    if role.startswith("cite"):
        return _cite(body, role, root)
    text = re.match(r"^(?P<text>.*?)\s*<(?P<target>[^>]*)>$", body, re.S)
    if text:
        return text["text"]
    if role == "doc":
        return f"*{_page_title(body, root)}*"
    if role in ("ref", "numref"):
        return f"*{_labels(root).get(body, 'het boek')}*"
    return body


@cache
def _labels(root: Path) -> dict[str, str]:
    """MyST target label → the heading right below it, over all chapters and book pages."""
    found: dict[str, str] = {}
    pages = [*sorted((root / "chapters").glob("*.md")), *sorted((root / "book").glob("*.md"))]
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            label = _LABEL.match(line)
            if label:
                heading = next((ln for ln in lines[i + 1 : i + 4] if ln.startswith("#")), "")
                found[label["name"]] = heading.lstrip("#").strip() or label["name"]
    return found


def _page_title(target: str, root: Path) -> str:
    """The first heading of the page a {doc} role points to (its name when not found)."""
    name = target.rsplit("/", 1)[-1]
    for folder in ("chapters", "book", "."):
        page = (root / folder / target.lstrip("./")).with_suffix(".md")
        if not page.is_file():
            page = root / folder / f"{name}.md"
        if page.is_file():
            for line in page.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return name


def roles_to_text(markdown: str, root: Path | None = None) -> str:
    """Replace MyST roles by the words a reader needs outside the book."""
    base = root or repo_root()
    return _ROLE.sub(lambda m: _role(m, base), markdown)


def _split_options(body: str) -> tuple[dict[str, str], str]:
    options: dict[str, str] = {}
    lines = body.splitlines()
    while lines and _OPTION.match(lines[0]):
        found = _OPTION.match(lines[0])
        assert found is not None
        options[found["key"]] = found["value"]
        lines.pop(0)
    return options, "\n".join(lines).strip()


def _directive(match: re.Match[str], page: Path, attachments: dict[str, Any]) -> str:
    name, arg = match["name"], match["arg"].strip()
    options, body = _split_options(match["body"])
    if name == "exercise":
        return f"**Reflectievraag.** {body}"
    if name == "solution":
        return (
            "<details>\n<summary>Antwoord bekijken (denk eerst zelf na)</summary>\n\n"
            f"{body}\n\n</details>"
        )
    if name == "figure":
        alt = options.get("alt", "")
        image = (page.parent / arg).resolve()
        if image.is_file():
            kind = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
            attachments[image.name] = {kind: base64.b64encode(image.read_bytes()).decode()}
            return f"![{alt}](attachment:{image.name})\n\n{body}".strip()
        return f"*Figuur: {alt}*\n\n{body}".strip()
    title = arg or {"note": "Let op", "tip": "Tip", "warning": "Waarschuwing"}.get(name, "")
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    return f"> **{title}**\n>\n{quoted}" if title else quoted


def markdown_for_notebook(source: str, page: Path, root: Path | None = None) -> tuple[str, dict]:
    """One markdown cell's text as plain Markdown, plus the attachments it uses."""
    attachments: dict[str, Any] = {}
    text = _LABEL.sub("", source)
    previous = None
    while previous != text:  # nested directives: the outer fence is longer
        previous = text
        text = _FENCE.sub(lambda m: _directive(m, page, attachments), text)
    return roles_to_text(text, root).strip(), attachments


def chapter_notebook(page: Path, wheel: str | None = None, root: Path | None = None) -> Any:
    """The chapter at ``page`` (MyST .md) as a notebook that runs outside the book."""
    notebook = jupytext.read(page)
    cells = [nbformat.v4.new_markdown_cell(first_cell(wheel))]
    for cell in notebook.cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            text, attachments = markdown_for_notebook(cell.source, page, root)
            if not text:
                continue
            new = nbformat.v4.new_markdown_cell(text)
            if attachments:
                new["attachments"] = attachments
            cells.append(new)
        elif cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source)
            if tags & {"remove-input", "remove-cell", "hide-input"}:
                new.metadata["jupyter"] = {"source_hidden": True}
            cells.append(new)
    result = nbformat.v4.new_notebook(cells=cells)
    result.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },  # fmt: skip
        "language_info": {"name": "python"},
    }
    nbformat.validate(result)
    return result


def _wheel_inputs_hash(root: Path) -> str:
    """One hash of every file the wheel is built from (names and contents)."""
    digest = hashlib.sha256()
    for name in _WHEEL_SOURCES:
        source = root / name
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_wheel(root: Path, target: Path) -> Path:
    """Build the course wheel from a copy of the checkout (the checkout stays untouched).

    A rebuild of the book reuses the wheel when none of its inputs changed (pip takes about a
    second, the largest cost of a prose edit in the preview)."""
    target.mkdir(parents=True, exist_ok=True)
    stamp = target / ".invoer-sha256"
    inputs = _wheel_inputs_hash(root)
    existing = sorted(target.glob("leerlab-*.whl"))
    if existing and stamp.is_file() and stamp.read_text(encoding="utf-8") == inputs:
        return existing[-1]
    with tempfile.TemporaryDirectory(prefix="leerlab-wiel-") as tmp:
        for name in _WHEEL_SOURCES:
            source = root / name
            if source.is_dir():
                skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
                shutil.copytree(source, Path(tmp) / name, ignore=skip)
            else:
                shutil.copy2(source, Path(tmp) / name)
        for old in target.glob("leerlab-*.whl"):
            old.unlink()
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--no-index", "-w", str(target), tmp],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    wheels = sorted(target.glob("leerlab-*.whl"))
    if done.returncode != 0 or not wheels:
        stamp.unlink(missing_ok=True)
        raise RuntimeError(f"Het cursuspakket kon niet gebouwd worden: {done.stderr[-800:]}")
    stamp.write_text(inputs, encoding="utf-8")
    return wheels[-1]


def _wheel_name(app: Sphinx) -> str | None:
    wheels = sorted((Path(app.outdir) / WHEEL_FOLDER).glob("leerlab-*.whl"))
    return wheels[-1].name if wheels else None


def _is_chapter(app: Sphinx, pagename: str) -> bool:
    return pagename.startswith(CHAPTER_PREFIX) and pagename in app.env.found_docs


def _offer_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Before the theme builds its buttons: the chapter's notebook is the download."""
    if _is_chapter(app, pagename):
        context["ipynb_source"] = f"{pagename}.ipynb"


def _drop_source_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After the theme: no raw .md download next to the notebook."""
    if not _is_chapter(app, pagename):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] = [
                b for b in group["buttons"] if b.get("label") != "download-source-button"
            ]


_LINK = re.compile(r'<a href="(?P<href>[^"]+\.ipynb)" target="_blank"')


def _write_notebooks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    root = Path(app.srcdir)
    try:
        wheel: str | None = build_wheel(root, outdir / WHEEL_FOLDER).name
    except RuntimeError as error:
        logger.warning(str(error))
        wheel = None
    for docname in sorted(app.env.found_docs):
        if not docname.startswith(CHAPTER_PREFIX):
            continue
        source = Path(app.env.doc2path(docname))
        target = outdir / "_sources" / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(chapter_notebook(source, wheel, root), target)
        page = outdir / f"{docname}.html"
        if page.is_file():
            html = page.read_text(encoding="utf-8")
            fixed = _LINK.sub(
                lambda m: f'<a href="{m["href"]}" download="{Path(m["href"]).name}"', html
            )
            if fixed != html:
                page.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("html-page-context", _drop_source_button, priority=600)
    app.connect("build-finished", _write_notebooks)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
