"""Autograde 40 submissions two ways in one run and print both times and the ratio.

1. plain serial ``nbgrader autograde`` (the CLI, one process, no sandbox);
2. the course's command ``leerlab cursus nakijken`` (parallel sandboxes, one gradebook writer);
3. the same command on a class where 10 of the 40 notebooks are hostile (issue 20: endless
   loop, ignored interrupt, os._exit, forged ``__eq__``, print and display floods, fork bomb,
   disk filler, mount escape, memory-hungry children); limits 10 s per cell, 40 s per notebook.

Runs 1 and 2 start from identical copies of one course folder with 40 good submissions of one
assignment, and both must give every student the full autograded score; in run 3 the 30
honest students must still get it.
Usage: ``.venv/bin/python bench/autograde.py [--aantal 40] [--opdracht h02]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat

from leerlab.grading import proefklas
from leerlab.grading.cursusmap import opzetten
from leerlab.grading.uitdelen import uitdelen

warnings.filterwarnings("ignore")


def prepare(root: Path, assignment: str, count: int) -> Path:
    lijst = proefklas.studentenlijst(root / "studenten.csv", count)
    cursus = opzetten(root / "cursus", lijst)
    uitdelen(cursus, assignment)
    release = nbformat.read(cursus.folder("release", None, assignment) / f"{assignment}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, assignment) / f"{assignment}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    for i in range(1, count + 1):
        target = cursus.root / "submitted" / f"s{i:03d}" / assignment / f"{assignment}.ipynb"
        proefklas.schrijf(good, target)
    return cursus.root


def full_marks(course: Path, assignment: str) -> int:
    """How many students got every autograded point (read straight from the gradebook)."""
    query = """
        SELECT s.student_id, SUM(g.auto_score), SUM(gc.max_score)
        FROM grade g
        JOIN grade_cells gc ON g.cell_id = gc.id
        JOIN submitted_notebook sn ON g.notebook_id = sn.id
        JOIN submitted_assignment s ON sn.assignment_id = s.id
        JOIN assignment a ON s.assignment_id = a.id
        WHERE a.name = ? AND gc.cell_type = 'code'
        GROUP BY s.student_id
    """
    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute(query, (assignment,)).fetchall()
    return sum(1 for _, got, most in rows if got is not None and abs(got - most) < 1e-9)


HOSTILE = [
    "while True:\n    pass",
    "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(10**6)",
    "import os\nos._exit(0)",
    "class Altijd(float):\n    def __eq__(self, o): return True\n",
    "for _ in range(200_000):\n    print('x' * 100)",
    "h = display('x', display_id=True)\nfor _ in range(1000):\n    h.update('y' * 100_000)",
    "import subprocess\ntry:\n    for _ in range(300):\n"
    "        subprocess.Popen(['sleep', '1618'])\nexcept OSError:\n    pass",
    "try:\n    for i in range(20):\n        open(f'f{i}', 'wb').write(b'x' * 50 * 1024**2)\n"
    "except OSError:\n    pass",
    "import subprocess\nsubprocess.run(['mount', '--bind', '/', '/tmp'])",
    "import subprocess, sys\nkids = [subprocess.Popen([sys.executable, '-c', "
    "'b = bytearray(600 * 1024**2); import time; time.sleep(20)']) for _ in range(4)]\n"
    "import time\ntime.sleep(5)",
]


def make_hostile(course: Path, assignment: str) -> list[str]:
    """Replace the first ten submissions by hostile ones (a new first cell each)."""
    names = []
    for i, code in enumerate(HOSTILE, start=1):
        path = course / "submitted" / f"s{i:03d}" / assignment / f"{assignment}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(code))
        nbformat.write(nb, path)
        names.append(f"s{i:03d}")
    return names


def run(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"mislukt: {' '.join(cmd)}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aantal", type=int, default=40)
    parser.add_argument("--opdracht", default="h02")
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="leerlab-bench-") as tmp:
        base = prepare(Path(tmp), args.opdracht, args.aantal)
        serial_dir, parallel_dir = Path(tmp) / "serieel", Path(tmp) / "parallel"
        hostile_dir = Path(tmp) / "vijandig"
        shutil.copytree(base, serial_dir)
        shutil.copytree(base, parallel_dir)
        shutil.copytree(base, hostile_dir)
        make_hostile(hostile_dir, args.opdracht)
        serial = run([str(bindir / "nbgrader"), "autograde", args.opdracht], serial_dir)
        parallel = run(
            [
                str(bindir / "leerlab"),
                "cursus",
                "nakijken",
                args.opdracht,
                "--map",
                str(parallel_dir),
            ],
            parallel_dir,
        )
        hostile = run(
            [str(bindir / "leerlab"), "cursus", "nakijken", args.opdracht, "--map",
             str(hostile_dir), "--tijd-per-cel", "10", "--tijd-per-notebook", "40"],
            hostile_dir,
        )  # fmt: skip
        ok_serial = full_marks(serial_dir, args.opdracht)
        ok_parallel = full_marks(parallel_dir, args.opdracht)
        ok_hostile = full_marks(hostile_dir, args.opdracht)
    print(f"Opdracht {args.opdracht}, {args.aantal} inleveringen, {os.cpu_count()} cores")
    print(f"nbgrader autograde (serieel):        {serial:7.1f} s  ({ok_serial} volle score)")
    print(f"leerlab cursus nakijken (parallel):  {parallel:7.1f} s  ({ok_parallel} volle score)")
    print(f"Verhouding serieel / parallel:       {serial / parallel:7.2f}x")
    print(
        f"nakijken, 10 van {args.aantal} vijandig:     {hostile:7.1f} s  "
        f"({ok_hostile} volle score, verwacht {args.aantal - 10} + wat de vijandige verdienen)"
    )
    if ok_serial != args.aantal or ok_parallel != args.aantal:
        raise SystemExit("Niet elke inlevering kreeg de volle score: de meting telt niet.")
    if ok_hostile < args.aantal - 10:
        raise SystemExit("Een eerlijke student verloor punten door vijandige klasgenoten.")


if __name__ == "__main__":
    main()
