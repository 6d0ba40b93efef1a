"""The assignments' sources: MyST-markdown notebooks in exercises/source/<opdracht>/.

Trainers write and adapt assignments as markdown (jupytext's MyST format, like the
chapters), with nbgrader's cell metadata in each cell's options. nbgrader needs .ipynb
files; :func:`lees_bron` turns a source into the notebook nbgrader reads, and the course
commands (``leerlab cursus opzetten``, ``leerlab cursus bronnen``) write them where
nbgrader looks. The .ipynb files are therefore never committed.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import yaml
from jupytext.myst import MystMetadataParsingError
from nbformat import NotebookNode

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

FORMAT = "md:myst"
#: Notebook metadata kept in a source's header (jupytext drops unknown keys by default).
HEADER_FILTER = ",".join(
    ("leerlab", "-jupytext.text_representation.format_version",
     "-jupytext.text_representation.jupytext_version")
)  # fmt: skip
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
NBGRADER_KEYS = {"grade", "grade_id", "locked", "points", "schema_version", "solution", "task"}


def bronnen_dir() -> Path:
    """exercises/source in the checkout: one folder per assignment."""
    return repo_root() / "exercises" / "source"


def bronbestanden(folder: Path | None = None) -> list[Path]:
    """Every assignment source: source/<opdracht>/<notebook>.md."""
    root = folder or bronnen_dir()
    return sorted(p for p in root.glob("*/*.md") if p.parent.name != ".ipynb_checkpoints")


def lees_bron(path: Path) -> NotebookNode:
    """The notebook nbgrader needs, from one MyST source; a bad source gets a Dutch error."""
    try:
        text = path.read_text(encoding="utf-8")
        nb = jupytext.reads(text, fmt=FORMAT)
    except (
        OSError,
        UnicodeDecodeError,
        yaml.YAMLError,
        ValueError,
        MystMetadataParsingError,
    ) as fout:
        raise LeerlabFout(f"{_toon(path)} is geen leesbaar MyST-notebook: {fout}") from fout
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    name = path.stem
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{name}-{index:02d}"
        _check_cell(path, index, cell)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as fout:
        raise LeerlabFout(f"{_toon(path)}: ongeldig notebook: {fout.message}") from fout
    return nb


def schrijf_bron(nb: NotebookNode, path: Path) -> Path:
    """Write a notebook as a MyST source (how a new assignment starts from an .ipynb)."""
    nb = nbformat.from_dict(nb)
    nb.metadata.setdefault("jupytext", {})["notebook_metadata_filter"] = HEADER_FILTER
    nb.metadata["jupytext"]["text_representation"] = {"extension": ".md", "format_name": "myst"}
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("language_info", None)
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata.pop("editable", None)
        cell.metadata.pop("deletable", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(jupytext.writes(nb, fmt=FORMAT), encoding="utf-8")
    return path


def maak_notebooks(bron: Path, doel: Path) -> list[Path]:
    """Write <doel>/<notebook>.ipynb for every source in the assignment folder ``bron``."""
    doel.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(bron.glob("*.md")):
        target = doel / f"{path.stem}.ipynb"
        nbformat.write(lees_bron(path), target)
        written.append(target)
    if not written:
        raise LeerlabFout(f"In {_toon(bron)} staat geen opdracht (.md).")
    return written


def _check_cell(path: Path, index: int, cell: NotebookNode) -> None:
    meta = cell.metadata.get("nbgrader")
    if meta is None:
        return
    where = f"{_toon(path)}, cel {index + 1}"
    unknown = set(meta) - NBGRADER_KEYS
    if unknown:
        raise LeerlabFout(f"{where}: onbekende nbgrader-optie {sorted(unknown)[0]!r}.")
    if not meta.get("grade_id"):
        raise LeerlabFout(f"{where}: nbgrader-cel zonder grade_id; geef elke cel een eigen naam.")
    if meta.get("grade") and "points" not in meta:
        raise LeerlabFout(f"{where}: een cel met punten (grade: true) heeft 'points' nodig.")


def _toon(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(repo_root()))
    except (ValueError, FileNotFoundError):
        return path.name
