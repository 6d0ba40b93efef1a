"""Grading in shards (issue 17): autograde one class unsharded and as 2 and 4 shards, one run.

Every configuration starts from an identical copy of one course folder with ``--aantal``
good submissions of one assignment. Unsharded is ``leerlab cursus nakijken`` with the
default number of sandboxes; sharded is ``nakijken --deel I/N`` as N processes started
together, each with 1/N of the default sandboxes (same machine, same total parallelism),
followed by ``samenvoegen``. Each configuration must give every student full marks in the
merged gradebook. Prints time per shard, total (shards + merge), the speed-up and the
efficiency against the unsharded run, the machine's load (``uptime``) before and after,
and an extrapolation for a cluster whose assumptions it states.

Usage: ``.venv/bin/python bench/schaal.py [--aantal 200] [--opdracht h04] [--delen 1,2,4]``.
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
from leerlab.grading.nakijken import default_workers
from leerlab.grading.uitdelen import uitdelen

warnings.filterwarnings("ignore")
CLI = "import sys; from leerlab.commands.cli import main; sys.argv[0] = 'leerlab'; main()"


def prepare(root: Path, assignment: str, count: int) -> Path:
    root.mkdir(parents=True)
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
    query = """
        SELECT sa.student_id, SUM(g.auto_score), SUM(gc.max_score)
        FROM grade g JOIN grade_cells gc ON g.cell_id = gc.id
        JOIN submitted_notebook sn ON g.notebook_id = sn.id
        JOIN submitted_assignment sa ON sn.assignment_id = sa.id
        JOIN assignment a ON sa.assignment_id = a.id
        WHERE a.name = ? AND gc.cell_type = 'code' GROUP BY sa.student_id
    """
    with sqlite3.connect(course / "gradebook.db") as db:
        found = db.execute(query, (assignment,)).fetchall()
    return sum(1 for _, got, most in found if got is not None and abs(got - most) < 1e-9)


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    return subprocess.Popen([sys.executable, "-c", CLI, "cursus", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip


def finish(proc: subprocess.Popen[str]) -> None:
    out, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"mislukt:\n{out[-3000:]}")


def run(course: Path, assignment: str, shards: int) -> tuple[list[float], float, float]:
    """(seconds per shard, seconds for the merge, total seconds)."""
    workers = max(1, default_workers() // shards)
    t0 = time.perf_counter()
    if shards == 1:
        finish(start("nakijken", assignment, "--map", str(course), "-p", str(workers)))
        total = time.perf_counter() - t0
        return [total], 0.0, total
    procs = [start("nakijken", assignment, "--map", str(course), "--deel", f"{i}/{shards}",
                   "-p", str(workers)) for i in range(1, shards + 1)]  # fmt: skip
    ends = [0.0] * shards
    waiting = dict(enumerate(procs))
    while waiting:
        for i, proc in list(waiting.items()):
            if proc.poll() is not None:
                ends[i] = time.perf_counter() - t0
                finish(proc)
                del waiting[i]
        time.sleep(0.05)
    t1 = time.perf_counter()
    finish(start("samenvoegen", assignment, "--map", str(course)))
    merge = time.perf_counter() - t1
    return ends, merge, time.perf_counter() - t0


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aantal", type=int, default=200)
    parser.add_argument("--opdracht", default="h04")
    parser.add_argument("--delen", default="1,2,4")
    args = parser.parse_args()
    if not args.delen.startswith("1,"):
        sys.exit("--delen moet met 1 beginnen (de ongedeelde meting)")
    sizes = [int(n) for n in args.delen.split(",")]
    print(f"uptime voor: {load()}")
    with tempfile.TemporaryDirectory(prefix="leerlab-schaal-") as tmp:
        base = prepare(Path(tmp) / "basis", args.opdracht, args.aantal)
        results = {}
        for n in sizes:
            course = Path(tmp) / f"delen-{n}"
            shutil.copytree(base, course)
            results[n] = run(course, args.opdracht, n)
            ok = full_marks(course, args.opdracht)
            if ok != args.aantal:
                sys.exit(f"{n} delen: {ok} van {args.aantal} volle score; verwacht allemaal")
    print(f"uptime na:   {load()}")
    print(f"Opdracht {args.opdracht}, {args.aantal} inleveringen, {os.cpu_count()} cores, "
          f"{default_workers()} sandboxes in totaal (verdeeld over de delen)")  # fmt: skip
    one = results[1][2]
    print("efficiëntie = tijd ongedeeld / tijd met delen (zelfde machine, zelfde aantal")
    print("sandboxes: 1.00 is geen verlies door het verdelen)")
    print(f"{'delen':>5} {'per deel (s)':>28} {'samenv. (s)':>11} {'totaal (s)':>10} "
          f"{'efficiëntie':>11}")  # fmt: skip
    for n, (per, merge, total) in results.items():
        eff = one / total if one else float("nan")
        shards = " ".join(f"{t:.1f}" for t in per)
        print(f"{n:>5} {shards:>28} {merge:>11.2f} {total:>10.1f} {eff:>11.2f}")
    # Extrapolation: measured cost per notebook-sandbox-second and the fixed costs.
    per_nb = one * default_workers() / args.aantal  # sandbox-seconds per notebook
    biggest = max(sizes)
    per, merge, total = results[biggest]
    # Here the shards share the machine, so ideally each takes as long as the unsharded run;
    # what the slowest takes beyond that is the fixed cost (start-up, gradebook copy).
    fixed = max(0.0, max(per) - one)
    merge_per_student = merge / args.aantal if merge else 0.0
    print()
    print("Schatting voor een cluster. Aannames: elk deel is een pod zo groot en zo snel als")
    print("deze (gedeelde) machine: 2 cores, 4 sandboxes; het opstarten van een pod en het")
    print("binnenhalen van het image tellen niet mee (niet gemeten); een notebook kost")
    print(f"{per_nb:.1f} sandbox-seconden (gemeten, ongedeeld); elk deel heeft {fixed:.1f} s")
    print(
        f"vaste kosten (gemeten bij {biggest} delen); samenvoegen kost "
        f"{merge_per_student * 1000:.1f} ms per student (gemeten) en loopt na de delen;"
    )
    print("pods starten tegelijk (genoeg nodes, image al binnen), de cursusmap is gedeelde")
    print("opslag die het bijhoudt, één SQLite- of PostgreSQL-cijferboek.")  # fmt: skip
    print(f"{'studenten':>9} {'delen':>5} {'tijd (min)':>10}")
    for students in (300, 1000):
        for n in (1, 5, 10, 20):
            t = fixed * (n > 1) + students / n * per_nb / 4 + merge_per_student * students
            print(f"{students:>9} {n:>5} {t / 60:>10.1f}")


if __name__ == "__main__":
    main()
