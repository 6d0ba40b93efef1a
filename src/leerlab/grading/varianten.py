"""Cohort variants: a seed changes the case figures of an assignment.

Each source notebook has one locked cell with grade_id ``casusgegevens`` that defines
``CASUS = {...}``. The notebook's metadata ``leerlab.varianten`` says per figure how it
may vary (``min``/``max``/``stap`` or ``keuzes``). Tests compute the expected answer from
``CASUS`` in the student's own notebook, so a number copied from the public repository
(made with the default figures) fails for a cohort with another seed.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from leerlab.grading.bronnen import maak_notebooks
from leerlab.paths import data_dir

FIGURES_ID = "casusgegevens"
HEADER = "# Casusgegevens. Niet wijzigen: de tests rekenen met deze getallen.\n"


def figures_cell(nb: NotebookNode) -> NotebookNode | None:
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == FIGURES_ID:
            return cell
    return None


def read_figures(nb: NotebookNode) -> dict[str, Any]:
    """The CASUS dict of a notebook (executed safely: only literals are allowed)."""
    import ast

    cell = figures_cell(nb)
    if cell is None:
        return {}
    tree = ast.parse(cell.source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CASUS":
            value: dict[str, Any] = ast.literal_eval(node.value)
            return value
    return {}


def render_figures(figures: dict[str, Any]) -> str:
    lines = [f"    {key!r}: {value!r}," for key, value in figures.items()]
    return HEADER + "CASUS = {\n" + "\n".join(lines) + "\n}"


def draw(spec: dict[str, Any], rng: random.Random) -> Any:
    """One value for a figure from its variation spec."""
    if "keuzes" in spec:
        return rng.choice(list(spec["keuzes"]))
    low, high, step = spec["min"], spec["max"], spec.get("stap", 1)
    count = int(round((high - low) / step))
    value = low + step * rng.randint(0, count)
    return round(value, 6) if isinstance(step, float) else int(value)


def variant_figures(nb: NotebookNode, assignment: str, seed: int | None) -> dict[str, Any]:
    """The figures for this cohort: the defaults when ``seed`` is None."""
    figures = read_figures(nb)
    if seed is None:
        return figures
    specs: dict[str, Any] = nb.metadata.get("leerlab", {}).get("varianten", {})
    for name, spec in specs.items():
        figures[name] = draw(spec, random.Random(f"{seed}:{assignment}:{name}"))
    return figures


def apply_variant(nb: NotebookNode, assignment: str, seed: int | None) -> NotebookNode:
    cell = figures_cell(nb)
    if cell is not None and seed is not None:
        cell.source = render_figures(variant_figures(nb, assignment, seed))
        nb.metadata.setdefault("leerlab", {})["seed"] = seed
    return nb


def copy_source(src: Path, dest: Path, seed: int | None) -> None:
    """Copy one source assignment, apply the cohort seed and add its data files from data/."""
    if dest.exists():
        shutil.rmtree(dest)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.md", "*.ipynb")
    shutil.copytree(src, dest, ignore=ignore)
    for path in maak_notebooks(src, dest):  # the MyST sources become nbgrader's .ipynb
        nb = nbformat.read(path, as_version=4)
        apply_variant(nb, src.name, seed)
        nbformat.write(nb, path)
        for name in nb.metadata.get("leerlab", {}).get("data", []):
            shutil.copyfile(data_dir() / name, dest / Path(name).name)
