"""Let a student check a notebook before handing it in (command line and inside the notebook).

Wraps nbgrader's Validator, which runs the notebook in a fresh kernel, and turns its
result into short Dutch messages. Only the visible tests run: hidden tests are not in
the student's version.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from leerlab.grading.cursusmap import ensure_path


@dataclass
class Controle:
    """Outcome of a check: ``klaar`` is True when every visible test passes."""

    bestand: str
    klaar: bool
    meldingen: list[str] = field(default_factory=list)

    def tekst(self) -> str:
        head = (
            f"{self.bestand}: alle zichtbare controles slagen. Je kunt het inleveren."
            if self.klaar
            else f"{self.bestand}: nog niet klaar."
        )
        return "\n".join([head, *[f"- {m}" for m in self.meldingen]])


_PLACEHOLDER = "JOUW ANTWOORD HIER"
_RAISE = "raise NotImplementedError()"
#: nbgrader's own English messages, in Dutch.
_NBGRADER_NL = {
    "You did not provide a response.": "je hebt hier nog geen antwoord gegeven",
    "Partial credit; passed some but not all of the tests": (
        "een deel van de controles slaagt, een deel nog niet"
    ),
}


def _plain(error: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", error).strip().splitlines()


def _last_line(error: str) -> str:
    """The error's last line in Dutch (Python's and nbgrader's messages are English)."""
    lines = [ln for ln in _plain(error) if not ln.startswith("[IPKernelApp]")]
    line = lines[-1].strip() if lines else ""
    if not line:
        return "onbekende fout"
    if line in _NBGRADER_NL:
        return _NBGRADER_NL[line]
    name, _, message = line.partition(": ")
    if name == "AssertionError":
        return message or "een controle klopt niet"
    if name == "NotImplementedError":
        return "het antwoord ontbreekt nog"
    missing = re.fullmatch(r"name '(\w+)' is not defined", message)
    if name == "NameError" and missing:
        return (
            f"'{missing[1]}' bestaat nog niet. Voer de cel met je antwoord uit en controleer "
            "de spelling"
        )
    return f"Python meldt: {line}"


def _first_line(source: str) -> str:
    line = next((ln for ln in source.splitlines() if ln.strip()), "")
    return line[:70]


def _grading(cell: nbformat.NotebookNode) -> dict:
    found: dict = cell.metadata.get("nbgrader", {})
    return found


def unanswered(cell: nbformat.NotebookNode) -> bool:
    """An answer cell still in its handed-out state (only the untouched placeholder counts).

    A code answer still holding ``raise NotImplementedError()`` cannot run; a kept
    '# JOUW ANTWOORD HIER' comment above a real answer is fine. A written answer is
    unanswered while it is only the placeholder.
    """
    if not _grading(cell).get("solution"):
        return False
    if cell.cell_type == "code":
        return any(line.strip() == _RAISE for line in cell.source.splitlines())
    return cell.source.strip() in ("", _PLACEHOLDER)


def _labels(nb: nbformat.NotebookNode) -> list[str]:
    """Per cell: the heading it belongs to (what a student sees), with the cell number."""
    labels, heading = [], ""
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown" and not _grading(cell).get("solution"):
            title = next((ln for ln in cell.source.splitlines() if ln.startswith("#")), "")
            heading = title.lstrip("#").strip() or heading
        labels.append(f"'{heading}' (cel {number})" if heading else f"cel {number}")
    return labels


def _answer_of(nb: nbformat.NotebookNode, index: int) -> int | None:
    """The answer cell a test cell checks: the nearest answer cell above it."""
    for i in range(index - 1, -1, -1):
        if _grading(nb.cells[i]).get("solution"):
            return i
        if nb.cells[i].cell_type == "markdown" and not _grading(nb.cells[i]):
            return None
    return None


def _index_of(nb: nbformat.NotebookNode, source: str) -> int | None:
    return next((i for i, c in enumerate(nb.cells) if c.source.strip() == source.strip()), None)


def _validate(pad: Path, timeout: int) -> dict:
    ensure_path()
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = timeout
    config.Execute.kernel_name = "python3"
    # The kernel's start-up warning ("running over TCP without encryption") is English
    # noise in the student's output; real errors still reach the cells.
    config.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    found: dict = Validator(config=config).validate(str(pad.resolve()))
    return found


def controleer(pad: Path, timeout: int = 60) -> Controle:
    """Run the notebook's visible tests and explain in Dutch what still fails."""
    pad = Path(pad)
    name = pad.name
    if not pad.is_file():
        return Controle(name, False, [f"{pad} bestaat niet. Controleer de naam en de map."])
    try:
        nb = nbformat.read(pad, as_version=4)
    except Exception:  # noqa: BLE001 - any read problem means the file is broken
        return Controle(
            name, False, ["Dit bestand is geen leesbaar notebook. Download het opnieuw."]
        )
    if sys.platform == "emscripten":  # JupyterLite: no second kernel to start
        from leerlab.grading.controleer_browser import valideer

        results: dict = valideer(pad)
    else:
        results = _validate(pad, timeout)
    labels = _labels(nb)
    todo = [i for i, cell in enumerate(nb.cells) if unanswered(cell)]
    messages: list[str] = []
    for cell in results.get("type_changed", []):
        messages.append(f"De soort van een cel is veranderd: '{_first_line(cell['source'])}'.")
    for cell in results.get("changed", []):
        messages.append(
            f"Je hebt een vaste cel aangepast: '{_first_line(cell['source'])}'. Bij het "
            "nakijken wordt die teruggezet. Maak je wijziging daar ongedaan."
        )
    for i in todo:
        how = (
            f"vervang '{_PLACEHOLDER}' en de regel {_RAISE} door je antwoord"
            if nb.cells[i].cell_type == "code"
            else f"vervang '{_PLACEHOLDER}' door je antwoord"
        )
        messages.append(f"Nog te doen: {labels[i]}: {how}.")
    for cell in results.get("failed", []):
        index = _index_of(nb, cell["source"])
        where = labels[index] if index is not None else f"'{_first_line(cell['source'])}'"
        answer = _answer_of(nb, index) if index is not None else None
        if index in todo:
            continue  # a written answer still to do: named above
        if answer in todo:
            messages.append(f"De controle bij {where} faalt nog: vul eerst het antwoord in.")
        else:
            reason = _last_line(cell["raw_error"]).rstrip(".")
            messages.append(f"De controle bij {where} faalt: {reason}.")
    return Controle(name, not messages, messages)


def controleer_hier(bestand: str) -> Controle:
    """For the last cell of an exercise: check the saved notebook and print the result."""
    result = controleer(Path(bestand))
    print(result.tekst())
    return result
