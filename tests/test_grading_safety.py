"""Hostile submissions and an interrupted run: grading goes on, every student gets the score
they earned with a clear reason, nobody else's grade changes and the gradebook stays valid."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import nbformat
import pytest

from leerlab.grading import proefklas
from leerlab.grading.cijfers import cijfers
from leerlab.grading.cursusmap import Cursus, opzetten
from leerlab.grading.nakijken import nakijken, read_status
from leerlab.grading.sandbox import Limits
from leerlab.grading.uitdelen import uitdelen
from leerlab.grading.verzamelen import verzamelen

warnings.filterwarnings("ignore", message=".*not in session.*")
A = "h04"  # no data file, quick to run
LIMITS = Limits(cel_seconden=8, totaal_seconden=120, geheugen_mb=1024)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def auto_score(cursus: Cursus, student: str) -> float:
    with cursus.gradebook() as gb:
        sub = gb.find_submission_notebook(A, A, student)
        return float(sum(g.auto_score or 0 for g in sub.grades if g.cell.cell_type == "code"))


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cursus, nbformat.NotebookNode]:
    tmp = tmp_path_factory.mktemp("vijandig")
    names = ["goed", "lus", "uitvoer", "zonder", "aangepast", "kapot", "naam", "fout", "exit",
             "snuffel", "geheugen"]  # fmt: skip
    lijst = tmp / "studenten.csv"
    lijst.write_text("id\n" + "\n".join(names) + "\n")
    cursus = opzetten(tmp / "cursus", lijst)
    uitdelen(cursus, A)
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    return cursus, proefklas.uitgewerkt(release, source)


def _with_first_cell(nb: nbformat.NotebookNode, code: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    nb.cells.insert(0, nbformat.v4.new_code_cell(code))
    return nb


def test_hostile_submissions(course: tuple[Cursus, nbformat.NotebookNode], tmp_path: Path) -> None:
    cursus, good = course
    sub = cursus.root / "submitted"
    proefklas.schrijf(good, sub / f"goed/{A}/{A}.ipynb")
    nakijken(cursus, A, ["goed"], limits=LIMITS)
    assert auto_score(cursus, "goed") == 4
    with cursus.gradebook() as gb:
        before = [(g.name, g.auto_score) for g in gb.find_submission_notebook(A, A, "goed").grades]
    source_hash = tree_hash(cursus.root / "source")
    gradebook = cursus.root / "gradebook.db"
    other = sub / f"goed/{A}/{A}.ipynb"
    other_hash = tree_hash(other.parent)

    first = proefklas.eerste_antwoord(good)
    proefklas.schrijf(proefklas.vervang_antwoord(good, first, "while True:\n    pass"),
                      sub / f"lus/{A}/{A}.ipynb")  # fmt: skip
    spam = "for _ in range(20000):\n    print('x' * 200)\n"
    answer = next(
        c.source for c in good.cells if c.metadata.get("nbgrader", {}).get("grade_id") == first
    )
    proefklas.schrijf(proefklas.vervang_antwoord(good, first, spam + answer),
                      sub / f"uitvoer/{A}/{A}.ipynb")  # fmt: skip
    tests = proefklas.testcellen(good)
    proefklas.schrijf(proefklas.zonder_cel(good, tests[0]), sub / f"zonder/{A}/{A}.ipynb")
    edited = proefklas.vervang_antwoord(
        good, first, "kosten_thuis = 1\nkosten_verzorgingshuis = 1\nverschil = 0"
    )
    edited = proefklas.met_testcel(edited, tests[0], "pass")
    proefklas.schrijf(edited, sub / f"aangepast/{A}/{A}.ipynb")
    proefklas.schrijf(proefklas.kapotte_json(good), sub / f"kapot/{A}/{A}.ipynb")
    inbox = tmp_path / "inbox"
    proefklas.schrijf(good, inbox / "naam_opdracht4_definitief.ipynb")
    collected = verzamelen(cursus, A, inbox)
    assert "naam" in collected.opmerkingen and "hernoemd" in collected.opmerkingen["naam"]
    proefklas.schrijf(_with_first_cell(good, "1 / 0"), sub / f"fout/{A}/{A}.ipynb")
    proefklas.schrijf(proefklas.vervang_antwoord(good, first, "import sys\nsys.exit()\n" + answer),
                      sub / f"exit/{A}/{A}.ipynb")  # fmt: skip
    targets = [gradebook, cursus.root / "source" / A / f"{A}.ipynb", other]
    snoop = (
        "import os, pathlib\n"
        f"for p in {[str(t) for t in targets]!r} + ['../../../source', '../../gradebook.db']:\n"
        "    try:\n"
        "        data = pathlib.Path(p).read_bytes()\n"
        "        print('GEVONDEN', p)\n"
        "    except Exception as e:\n"
        "        print('VERBORGEN', p, type(e).__name__)\n"
        "    try:\n"
        "        pathlib.Path(p).write_text('kapot')\n"
        "        print('GESCHREVEN', p)\n"
        "    except Exception:\n"
        "        pass\n"
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 53), 2)\n"
        "    print('NET 0')\n"
        "except OSError:\n"
        "    print('NET geen')\n"
    )
    proefklas.schrijf(_with_first_cell(good, snoop), sub / f"snuffel/{A}/{A}.ipynb")

    proefklas.schrijf(_with_first_cell(good, "blok = bytearray(4 * 1024**3)"),
                      sub / f"geheugen/{A}/{A}.ipynb")  # fmt: skip

    hostile = ["lus", "uitvoer", "zonder", "aangepast", "kapot", "naam", "fout", "exit", "snuffel",
               "geheugen"]  # fmt: skip
    results = {r.student: r for r in nakijken(cursus, A, hostile, limits=LIMITS)}
    assert set(results) == set(hostile), "het nakijken moet voor iedereen doorgaan"

    def reasons(student: str) -> str:
        return " | ".join(results[student].redenen)

    assert auto_score(cursus, "lus") == 2 and "liep langer dan 8 s" in reasons("lus")
    assert auto_score(cursus, "uitvoer") == 4 and "te veel uitvoer" in reasons("uitvoer")
    autograded = cursus.folder("autograded", "uitvoer", A) / f"{A}.ipynb"
    assert autograded.stat().st_size < 500_000
    assert auto_score(cursus, "zonder") == 4 and "ontbrak" in reasons("zonder")
    assert auto_score(cursus, "aangepast") == 2 and "aangepast" in reasons("aangepast")
    assert results["kapot"].status == "onleesbaar" and results["kapot"].score is None
    assert auto_score(cursus, "naam") == 4
    assert auto_score(cursus, "fout") == 4 and "ZeroDivisionError" in reasons("fout")
    assert auto_score(cursus, "exit") == 2 and "sys.exit()" in reasons("exit")
    assert auto_score(cursus, "snuffel") == 4
    assert auto_score(cursus, "geheugen") == 4 and "MemoryError" in reasons("geheugen")
    output = "".join(
        o.get("text", "")
        for c in nbformat.read(cursus.folder("autograded", "snuffel", A) / f"{A}.ipynb", 4).cells
        for o in c.get("outputs", [])
    )
    # Writes land in the sandbox's private, throw-away /tmp; the real files are checked below.
    assert "GEVONDEN" not in output and "VERBORGEN" in output
    assert "NET 0" not in output

    # Nobody else changed: the good student's grades, the sources, the other submission.
    with cursus.gradebook() as gb:
        after = [(g.name, g.auto_score) for g in gb.find_submission_notebook(A, A, "goed").grades]
    assert after == before
    assert tree_hash(cursus.root / "source") == source_hash
    assert tree_hash(other.parent) == other_hash
    with sqlite3.connect(gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = {line.split(",")[0]: line for line in cijfers(cursus, [A]).splitlines()}
    assert rows["kapot"].endswith(",,onleesbaar")


SCRIPT = """
import sys, warnings
warnings.filterwarnings("ignore")
from pathlib import Path
from leerlab.grading.cursusmap import Cursus
from leerlab.grading.nakijken import nakijken
from leerlab.grading.sandbox import Limits
nakijken(Cursus(Path(sys.argv[1])), "h04", workers=2, limits=Limits(cel_seconden=10))
"""


def test_interrupt_leaves_a_valid_gradebook(tmp_path: Path) -> None:
    lijst = proefklas.studentenlijst(tmp_path / "s.csv", 6)
    cursus = opzetten(tmp_path / "cursus", lijst)
    uitdelen(cursus, A)
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    students = [f"s{i:03d}" for i in range(1, 7)]
    # Two quick notebooks, then four that take 6 s each (under the 10 s cell limit): the
    # interrupt, sent as soon as the first result is saved, always arrives mid-run.
    slow = _with_first_cell(good, "import time\ntime.sleep(6)")
    for i, s in enumerate(students):
        proefklas.schrijf(good if i < 2 else slow, cursus.root / f"submitted/{s}/{A}/{A}.ipynb")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(cursus.root)], env=env,
                            stderr=subprocess.PIPE)  # fmt: skip
    status_file = cursus.root / "nakijkstatus.json"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not status_file.exists():
        time.sleep(0.1)
    assert status_file.exists(), "er werd niets nagekeken"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and b"KeyboardInterrupt" in err
    with sqlite3.connect(cursus.root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = read_status(cursus)[A]
    assert 1 <= len(done) < 6
    nakijken(cursus, A, workers=3)
    assert all(auto_score(cursus, s) == 4 for s in students)
