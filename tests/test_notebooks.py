"""Chapters open as runnable notebooks in JupyterLab (`make lab`): jupytext reads each one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jupytext
import pytest

from leerlab.boek import bouw as book
from leerlab.commands import lab

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p for p in (ROOT / "chapters").glob("*.md"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_is_a_python_notebook(path: Path) -> None:
    notebook = jupytext.read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("number", sorted({p.name[:2] for p in CHAPTERS}))
def test_every_chapter_has_code(number: str) -> None:
    """A chapter split over sub-pages (issue 18) needs code on one of its pages, not on each."""
    pages = [p for p in CHAPTERS if p.name[:2] == number]
    assert any(cell.cell_type == "code" for page in pages for cell in jupytext.read(page).cells), (
        f"hoofdstuk {number}: geen code op een van de pagina's, dus geen notebook"
    )


def test_every_chapter_is_in_the_book() -> None:
    entries = set(book.toc_entries(ROOT))
    assert {p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS} <= entries


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_round_trips_through_jupytext(path: Path) -> None:
    """Opening and saving a chapter in JupyterLab (jupytext) changes nothing.

    If this fails, normalise the file once: `jupytext --to md:myst <file>` (header and a blank
    line after each code cell's options), then check the diff.
    """
    text = path.read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.reads(text, fmt="md:myst"), fmt="md:myst") == text


def test_lab_settings_only_for_the_course(tmp_path: Path) -> None:
    """`make lab` opens Markdown as a notebook with its own settings folder; the venv's
    JupyterLab (README.md elsewhere) keeps the plain Markdown editor."""
    werkmap = lab.prepare(tmp_path / "werkmap", ROOT)
    overrides = json.loads((werkmap / lab.SETTINGS_FOLDER / "overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Jupytext Notebook"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "Jupytext Notebook" not in makefile, "de instelling hoort niet in de hele venv"


def test_lab_shows_chapters_and_student_versions_only(tmp_path: Path) -> None:
    werkmap = lab.prepare(tmp_path / "werkmap", ROOT)
    assert sorted(p.name for p in werkmap.iterdir() if not p.name.startswith(".")) == [
        "hoofdstukken",
        "opdrachten",
    ]
    assert (werkmap / "hoofdstukken").resolve() == (ROOT / "chapters").resolve()
    assignments = sorted(p.name for p in (werkmap / "opdrachten").iterdir())
    assert assignments == sorted(p.stem for p in (ROOT / "book" / "opdrachten").glob("*.zip"))
    h01 = werkmap / "opdrachten" / "h01"
    assert (h01 / "h01.ipynb").is_file() and (h01 / "h01-voorstellen.csv").is_file()
    assert "BEGIN SOLUTION" not in (h01 / "h01.ipynb").read_text(encoding="utf-8")
    # A student's work survives a second `make lab`.
    (h01 / "h01.ipynb").write_text("mijn werk", encoding="utf-8")
    lab.prepare(werkmap, ROOT)
    assert (h01 / "h01.ipynb").read_text(encoding="utf-8") == "mijn werk"


def test_lab_command_allows_root_only_as_root(tmp_path: Path) -> None:
    args = lab.command(tmp_path)
    assert ("--allow-root" in args) == (os.getuid() == 0)
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in args
