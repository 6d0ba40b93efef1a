"""The student's self-check names what is still to do, in Dutch, without kernel noise."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from leerlab.grading.controleer import _last_line, controleer, unanswered

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = re.compile(r"\b(You|did not|response|Partial credit|is not defined|WARNING)\b")


def _student(tmp_path: Path) -> Path:
    with zipfile.ZipFile(ROOT / "book" / "opdrachten" / "h01.zip") as archive:
        archive.extractall(tmp_path)
    return tmp_path / "h01" / "h01.ipynb"


def _answer(path: Path, grade_id: str, source: str) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    nbformat.write(nb, path)


def test_untouched_placeholder_only() -> None:
    code = nbformat.v4.new_code_cell("# JOUW ANTWOORD HIER\nraise NotImplementedError()")
    code.metadata["nbgrader"] = {"solution": True}
    assert unanswered(code)
    code.source = "# JOUW ANTWOORD HIER\nx = 1"  # the kept comment is not a missing answer
    assert not unanswered(code)
    text = nbformat.v4.new_markdown_cell("JOUW ANTWOORD HIER")
    text.metadata["nbgrader"] = {"solution": True}
    assert unanswered(text)
    text.source = "Mijn advies: JOUW ANTWOORD HIER laat ik staan, maar hier staat tekst."
    assert not unanswered(text)


def test_errors_in_dutch() -> None:
    assert _last_line("You did not provide a response.") == "je hebt hier nog geen antwoord gegeven"
    assert "'effect_a' bestaat nog niet" in _last_line("NameError: name 'effect_a' is not defined")
    assert _last_line("x\nAssertionError: Kies A of B") == "Kies A of B"


@pytest.mark.slow
def test_check_names_the_cells_still_to_do(tmp_path: Path) -> None:
    path = _student(tmp_path)
    first = controleer(path)
    assert not first.klaar
    todo = [m for m in first.meldingen if m.startswith("Nog te doen")]
    assert [re.search(r"'(Vraag \d)", m)[1] for m in todo] == [  # type: ignore[index]
        "Vraag 1", "Vraag 2", "Vraag 3", "Vraag 4",
    ]  # fmt: skip
    assert not [m for m in first.meldingen if ENGLISH.search(m)], first.meldingen

    # Question 1 answered below a kept placeholder comment: no longer "to do", and passing.
    _answer(path, "h01-effect", "# JOUW ANTWOORD HIER\n"
            'effect_a = CASUS["kwaliteit_a"] * CASUS["acceptatie_a"]\n'
            'effect_b = CASUS["kwaliteit_b"] * CASUS["acceptatie_b"]')  # fmt: skip
    # Question 2 answered wrongly: its test fails with the assignment's own Dutch message.
    _answer(path, "h01-beste", 'beste_plan = "a"')
    second = controleer(path)
    text = second.tekst()
    assert "Vraag 1" not in text
    assert "'Vraag 2" in text and "Kies" in text and "met hoofdletter" in text
    assert not [m for m in second.meldingen if ENGLISH.search(m)], second.meldingen


@pytest.mark.slow
def test_command_line_check_prints_no_kernel_warning(tmp_path: Path) -> None:
    path = _student(tmp_path)
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("leerlab")), "cursus", "controleer", str(path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert "Nog te doen" in done.stdout and done.stdout.count("(cel 13)") == 1
    assert done.returncode == 1, "een notebook dat nog niet klaar is, geeft exitcode 1"
    assert "IPKernelApp" not in done.stdout + done.stderr, done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stderr
