"""Autograde 40 submissions two ways in one run and print both times and the ratio.

1. plain serial ``nbgrader autograde`` (the CLI, one process, no sandbox);
2. the course's command ``leerlab cursus nakijken`` (parallel sandboxes, one gradebook writer).

Both start from identical copies of one course folder with 40 good submissions of one
assignment, and both must give every student the full autograded score.
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
        shutil.copytree(base, serial_dir)
        shutil.copytree(base, parallel_dir)
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
        ok_serial = full_marks(serial_dir, args.opdracht)
        ok_parallel = full_marks(parallel_dir, args.opdracht)
    print(f"Opdracht {args.opdracht}, {args.aantal} inleveringen, {os.cpu_count()} cores")
    print(f"nbgrader autograde (serieel):        {serial:7.1f} s  ({ok_serial} volle score)")
    print(f"leerlab cursus nakijken (parallel):  {parallel:7.1f} s  ({ok_parallel} volle score)")
    print(f"Verhouding serieel / parallel:       {serial / parallel:7.2f}x")
    if ok_serial != args.aantal or ok_parallel != args.aantal:
        raise SystemExit("Niet elke inlevering kreeg de volle score: de meting telt niet.")


if __name__ == "__main__":
    main()
