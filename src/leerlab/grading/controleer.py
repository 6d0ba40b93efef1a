"""Let a student check a notebook before handing it in (command line and inside the notebook).

Wraps nbgrader's Validator, which runs the notebook in a fresh kernel, and turns its
result into short Dutch messages. Only the visible tests run: hidden tests are not in
the student's version.
"""

from __future__ import annotations

import re
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


def _last_line(error: str) -> str:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", error).strip().splitlines()
    return plain[-1] if plain else "onbekende fout"


def _first_line(source: str) -> str:
    line = next((ln for ln in source.splitlines() if ln.strip()), "")
    return line[:70]


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
    ensure_path()
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = timeout
    config.Execute.kernel_name = "python3"
    results = Validator(config=config).validate(str(pad.resolve()))
    messages: list[str] = []
    for cell in results.get("type_changed", []):
        messages.append(f"De soort van een cel is veranderd: '{_first_line(cell['source'])}'.")
    for cell in results.get("changed", []):
        messages.append(
            f"Je hebt een vaste cel aangepast: '{_first_line(cell['source'])}'. Bij het "
            "nakijken wordt die teruggezet. Maak je wijziging daar ongedaan."
        )
    for cell in results.get("failed", []):
        messages.append(
            f"Deze cel faalt: '{_first_line(cell['source'])}' → {_last_line(cell['raw_error'])}"
        )
    todo = sum("JOUW ANTWOORD HIER" in c.source for c in nb.cells)
    if todo:
        messages.append(f"Nog {todo} cel(len) met 'JOUW ANTWOORD HIER'.")
    return Controle(name, not messages, messages)


def controleer_hier(bestand: str) -> Controle:
    """For the last cell of an exercise: check the saved notebook and print the result."""
    result = controleer(Path(bestand))
    print(result.tekst())
    return result
