"""Chapters open as runnable notebooks in JupyterLab (`make lab`): jupytext reads each one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jupytext
import pytest

from leerlab.boek import bouw as book

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p for p in (ROOT / "chapters").glob("*.md"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_is_a_python_notebook(path: Path) -> None:
    notebook = jupytext.read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert any(cell.cell_type == "code" for cell in notebook.cells), "geen code: geen notebook"


def test_every_chapter_is_in_the_book() -> None:
    entries = set(book.toc_entries(ROOT))
    assert {p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS} <= entries


def test_jupyterlab_opens_markdown_as_notebook() -> None:
    """`make env` writes the JupyterLab setting that opens MyST files with jupytext."""
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert overrides.is_file(), "draai `make env`: JupyterLab-instelling ontbreekt"
    viewers = json.loads(overrides.read_text())["@jupyterlab/docmanager-extension:plugin"]
    assert viewers["defaultViewers"]["markdown"] == "Jupytext Notebook"
