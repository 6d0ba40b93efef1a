"""Generated classes and submissions, for tests and the benchmark (never for real students).

``uitgewerkt`` turns a released notebook into what a good student hands in: the answer
cells hold the code from the source's solution region, the written answer a short text.
The hostile makers build the submissions the grader must survive.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def studentenlijst(pad: Path, aantal: int, prefix: str = "s") -> Path:
    """A CSV with ``aantal`` invented students (ids s001, s002, ...)."""
    rows = ["id,voornaam,achternaam,email"]
    for i in range(1, aantal + 1):
        rows.append(f"{prefix}{i:03d},Student{i},Proef{i},{prefix}{i:03d}@voorbeeld.nl")
    pad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return pad


def _grade_id(cell: NotebookNode) -> str | None:
    value = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return str(value) if value is not None else None


def _solution_text(source: str) -> str:
    lines = source.splitlines()
    if SOLUTION_MARKERS[0] in source:
        start = next(i for i, ln in enumerate(lines) if SOLUTION_MARKERS[0] in ln)
        end = next(i for i, ln in enumerate(lines) if SOLUTION_MARKERS[1] in ln)
        lines = lines[:start] + lines[start + 1 : end] + lines[end + 1 :]
    return "\n".join(lines)


def uitgewerkt(release: NotebookNode, source: NotebookNode) -> NotebookNode:
    """The released notebook with every code answer filled in from the source's solution."""
    answers = {_grade_id(c): c.source for c in source.cells if _grade_id(c)}
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("solution"):
            continue
        if cell.cell_type == "code":
            cell.source = _solution_text(answers[_grade_id(cell)])
        else:
            cell.source = "Mijn antwoord: het plan met de meeste steun werkt het best."
    return nb


def vervang_antwoord(nb: NotebookNode, grade_id: str, code: str) -> NotebookNode:
    """A copy of ``nb`` with the answer cell ``grade_id`` replaced by ``code``."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if _grade_id(cell) == grade_id:
            cell.source = code
    return nb


def eerste_antwoord(nb: NotebookNode) -> str:
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            return str(meta["grade_id"])
    raise ValueError("notebook zonder antwoordcel")


def testcellen(nb: NotebookNode) -> list[str]:
    return [
        str(c.metadata["nbgrader"]["grade_id"])
        for c in nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    ]


def zonder_cel(nb: NotebookNode, grade_id: str) -> NotebookNode:
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if _grade_id(c) != grade_id]
    return nb


def met_testcel(nb: NotebookNode, grade_id: str, code: str) -> NotebookNode:
    return vervang_antwoord(nb, grade_id, code)


def schrijf(nb: NotebookNode | str, pad: Path) -> Path:
    pad.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, str):
        pad.write_text(nb, encoding="utf-8")
    else:
        nbformat.write(nb, pad)
    return pad


def kapotte_json(nb: NotebookNode) -> str:
    """A notebook file cut off halfway: not valid JSON."""
    text = json.dumps(nb)
    return text[: len(text) // 2]
