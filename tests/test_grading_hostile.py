"""Issue 20's hostile class: one notebook per attack, graded in one run (the CLI, as root in
CI) together with honest and blank classmates, on h06 with a cohort variant.

Promises checked: the honest and blank students' gradebook rows, feedback pages and grade
rows are byte-identical to a run without hostile classmates; every hostile notebook gets only
what its plain answers earn, with a reason; nothing outside the working copies changes; no
process is left; the run ends in bounded time with exit 0 and "N nagekeken, M met problemen".
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import uuid
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest

from leerlab.grading import proefklas, sandbox
from leerlab.grading.cijfers import cijfers
from leerlab.grading.cursusmap import Cursus, opzetten
from leerlab.grading.feedback import feedback
from leerlab.grading.nakijken import nakijken, read_status
from leerlab.grading.sandbox import Limits
from leerlab.grading.uitdelen import uitdelen
from leerlab.grading.varianten import read_figures
from leerlab.models import bekostiging as bk
from leerlab.paths import repo_root

warnings.filterwarnings("ignore", message=".*not in session.*")
pytestmark = pytest.mark.slow
A = "h06"
SEED = 7
CEL, TOTAAL = 6, 18
PUBLIC = {"inwoners": 40000, "clienten_jeugd": 1200, "uren_jeugd": 50, "prijs_jeugd": 75,
          "preventie_effect": 12, "preventie_kosten": 500000}  # fmt: skip
HONEST = ["eerlijk1", "eerlijk2", "leeg"]
TMPFS = sandbox.is_root()  # the working copy is a tmpfs of fixed size (see sandbox.py)
SECRET = f"geheim-{uuid.uuid4().hex}"
CANARY = Path("/tmp") / f"leerlab-kanarie-{uuid.uuid4().hex}"


def _copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.from_dict(json.loads(nbformat.writes(nb)))


def first(nb: nbformat.NotebookNode, code: str) -> nbformat.NotebookNode:
    """A new cell right after the CASUS cell (before every answer)."""
    nb = _copy(nb)
    at = next(i for i, c in enumerate(nb.cells)
              if c.metadata.get("nbgrader", {}).get("grade_id") == "casusgegevens")  # fmt: skip
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(code))
    return nb


def answers(pxq: object, pop: object, vanaf: object, model: object) -> dict[str, str]:
    return {
        "h06-betaling": f"betaling_pxq = {pxq}\nbetaling_populatie = {pop}",
        "h06-contractduur": f"contractduur_vanaf = {vanaf}",
        "h06-model": f"model = {model}",
    }


def with_answers(nb: nbformat.NotebookNode, code: dict[str, str]) -> nbformat.NotebookNode:
    for grade_id, source in code.items():
        nb = proefklas.vervang_antwoord(nb, grade_id, source)
    return nb


def payments(f: dict[str, Any]) -> tuple[float, float]:
    """Year 1 youth care payment under P×Q and per inhabitant (the answers to question 1)."""
    p = bk.preset(**f).met(kostenstijging=0, preventie_effect=0)
    return (bk.simuleer(p, "pxq")[0]["betaling_jeugd"],
            bk.simuleer(p, "populatie")[0]["betaling_jeugd"])  # fmt: skip


def contract_from(f: dict[str, Any]) -> int:
    """Shortest contract (1-10 years) from which the provider invests under lump sum, else 0."""
    p = bk.preset(**f)
    for duur in range(1, 11):
        if bk.simuleer(p.met(contractduur=duur), "lumpsum")[0]["aanbieder_investeert"] == 1:
            return duur
    return 0


def hostile_class(good: nbformat.NotebookNode, cursus: Cursus, cohort: dict[str, Any]) -> dict:
    """student → (notebook or raw text, expected autograded score, reason fragment)."""
    right_model = '{"a": "pxq", "b": "lumpsum", "c": "populatie", "d": "pxq"}'
    same = 1 if contract_from(PUBLIC) == contract_from(cohort) else 0
    checkout = repo_root()
    victims = [cursus.root / "gradebook.db", cursus.root / "source" / A / f"{A}.ipynb",
               cursus.root / "submitted" / "eerlijk1" / A / f"{A}.ipynb",
               checkout / "README.md", Path.home() / ".leerlab-kanarie", CANARY]  # fmt: skip
    escape = (
        "import os, subprocess\n"
        "os.makedirs('X', exist_ok=True)\n"
        "subprocess.run(['mount', '--bind', '/', 'X'])\n"
        "subprocess.run(['mount', '-o', 'remount,bind,rw', 'X'])\n"
        "subprocess.run(['unshare', '-rm', 'sh', '-c', 'mount --bind / X; "
        "mount -o remount,bind,rw X; echo kapot > X/usr/leerlab-ontsnapt'])\n"
        f"for p in {[str(v) for v in victims]!r}:\n"
        "    for q in (p, 'X' + p):\n"
        "        try:\n"
        "            open(q, 'a').write('kapot')\n"
        "        except OSError:\n"
        "            pass\n"
    )
    public = {k: v for k, v in PUBLIC.items()}
    pub_pxq, pub_pop = payments(public)
    forged = (
        "class Altijd(float):\n"
        "    def __eq__(self, o): return True\n"
        "    def __lt__(self, o): return True\n"
        "    def __gt__(self, o): return True\n"
        "    def __sub__(self, o): return Altijd(0)\n"
        "    __hash__ = float.__hash__\n"
        "class Woord(str):\n"
        "    def __eq__(self, o): return True\n"
        "    __hash__ = str.__hash__\n"
        "class Alles(dict):\n"
        "    def __eq__(self, o): return True\n"
    )
    deep = "[" * 100_000 + "]" * 100_000
    big = _copy(good)
    big.cells.append(nbformat.v4.new_markdown_cell("x" * (21 * 1024 * 1024)))
    return {
        # 1. root escape: every write fails, the answers still count.
        "ontsnap": (first(good, escape), 5, None),
        # 2. test cells turned into a number (partial credit > maximum, or negative).
        "duizend": (
            first(
                good, "get_ipython().input_transformers_cleanup.append(lambda lines: ['1000\\n'])"
            ),
            0,
            "niet uitgevoerd",
        ),
        "negatief": (
            first(
                good,
                "get_ipython().input_transformers_cleanup.append("
                "lambda ls: ['-1\\n'] if '__leerlab' in ''.join(ls) else ls)",
            ),
            0,
            "niet uitgevoerd",
        ),  # fmt: skip
        # 3. cells that never ran.
        "exit": (
            proefklas.vervang_antwoord(good, "h06-betaling", "import os\nos._exit(0)"),
            0,
            "niet uitgevoerd",
        ),  # fmt: skip
        "sigint": (
            proefklas.vervang_antwoord(
                good,
                "h06-contractduur",
                "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                "contractduur_vanaf = 1\ntime.sleep(10**6)",
            ),
            2,
            f"langer dan {TOTAAL} seconden",
        ),
        "hangt": (
            proefklas.vervang_antwoord(good, "h06-betaling", "while True:\n    pass"),
            2,
            f"liep langer dan {CEL} s",
        ),  # fmt: skip
        # 4. forged grades inside the kernel.
        "casus": (first(good, f"CASUS = {public!r}"), 2 + same, "niet gehaald"),
        "plakken": (
            with_answers(good, answers(pub_pxq, pub_pop, contract_from(PUBLIC), right_model)),
            2 + same,
            "niet gehaald",
        ),  # fmt: skip
        "eq": (
            with_answers(
                first(good, forged), answers("Altijd(1)", "Altijd(1)", "Woord('x')", "Alles()")
            ),
            0,
            "niet te lezen",
        ),  # fmt: skip
        "abs": (
            with_answers(
                first(good, "import builtins\nbuiltins.abs = lambda x: 0"),
                answers(1, payments(cohort)[1], contract_from(cohort), right_model),
            ),
            3,
            "betaling_pxq klopt niet",
        ),  # fmt: skip
        "haken": (
            with_answers(
                first(
                    good,
                    (
                        "ip = get_ipython()\n"
                        "ip.events.register('post_run_cell', lambda r: print('\\x1b[2J'))\n"
                        "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
                        "import pandas, numpy\npandas.read_csv = lambda *a, **k: None\n"
                    ),
                ),
                answers(1, 1, "'geen'", "{}"),
            ),
            0,
            "niet gehaald",
        ),
        # 6. limits per notebook.
        "schijf": (
            first(
                good,
                (
                    "try:\n    for i in range(7):\n"
                    "        open(f'groot{i}', 'wb').write(b'x' * 50 * 1024**2)\nexcept OSError:\n"
                    "    pass"
                ),
            ),
            0 if TMPFS else 5,
            "MB aan bestanden" if TMPFS else None,
        ),  # a full working copy (350 MB > 256 MB): no room left for the answers
        "scherm": (
            first(
                good,
                (
                    "h = display('x', display_id=True)\n"
                    "for i in range(1500):\n    h.update('y' * 100_000)"
                ),
            ),
            5,
            "MB uitvoer",
        ),
        "vork": (
            first(
                good,
                (
                    "import subprocess\ntry:\n    for _ in range(300):\n"
                    "        subprocess.Popen(['sleep', '2718'])\nexcept OSError:\n    pass"
                ),
            ),
            5,
            "processen" if sandbox.cgroups_available() else None,
        ),
        # 7. leaks into the student's own feedback.
        "lek": (
            first(
                good,
                (
                    "import os\nprint(dict(os.environ))\n"
                    "t = open('h06.ipynb').read()\n"
                    "leak = 'BEGIN ' + 'HIDDEN' in t or 'verwacht ' + '=' in t\n"
                    "print('VERBORGEN' if leak else 'schoon')\n"
                    f"for p in ['../../../source', {str(checkout / 'exercises')!r}, '/root']:\n"
                    "    print(p, os.path.exists(p) and os.listdir(p))"
                ),
            ),
            5,
            None,
        ),
        # 8. misleading reports.
        "groot": (big, None, "groter dan 20 MB"),
        "onderbreek": (first(good, "raise KeyboardInterrupt"), 5, "onderbroken"),
        # own: answer channel pointed elsewhere, a poisoned answer file, a deep structure.
        "link": (
            first(good, "import os\nos.symlink('/etc', '.leerlab-antwoorden')"),
            0,
            "niet uitgevoerd",
        ),  # fmt: skip
        "diep": (
            proefklas.vervang_antwoord(
                good,
                "h06-betaling",
                (
                    "import os\nos.makedirs('.leerlab-antwoorden', exist_ok=True)\n"
                    "for n in ['h06-betaling-test', 'h06-contractduur-test', 'h06-model-test']:\n"
                    f"    open(f'.leerlab-antwoorden/{{n}}.json', 'w').write({deep!r})\n"
                    "os._exit(0)"
                ),
            ),
            0,
            "niet uitgevoerd",
        ),
        "rommel": (proefklas.kapotte_json(good), None, "geen leesbaar notebook"),
    }


def _tree(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for top in paths:
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and not path.is_symlink():
                if {".venv", "_build", "__pycache__", ".git", ".pytest_cache"} & set(path.parts):
                    continue
                digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def _course(tmp: Path, names: list[str]) -> tuple[Cursus, nbformat.NotebookNode]:
    tmp.mkdir(parents=True, exist_ok=True)
    lijst = tmp / "studenten.csv"
    lijst.write_text("id\n" + "\n".join(names) + "\n")
    cursus = opzetten(tmp / "cursus", lijst, seed=SEED)
    uitdelen(cursus, A)
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    proefklas.schrijf(good, cursus.root / f"submitted/eerlijk1/{A}/{A}.ipynb")
    proefklas.schrijf(good, cursus.root / f"submitted/eerlijk2/{A}/{A}.ipynb")
    proefklas.schrijf(release, cursus.root / f"submitted/leeg/{A}/{A}.ipynb")
    return cursus, good


def _rows(cursus: Cursus) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with cursus.gradebook() as gb:
        for s in HONEST:
            sub = gb.find_submission_notebook(A, A, s)
            out[s] = sorted((g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
                            for g in sub.grades)  # fmt: skip
    csv = {line.split(",")[0]: line for line in cijfers(cursus, [A]).splitlines()}
    out["csv"] = [csv[s] for s in HONEST]
    out["feedback"] = {}
    for page in feedback(cursus, A, HONEST):
        out["feedback"][page.parent.parent.name] = page.read_bytes()
    return out


def _score(cursus: Cursus, student: str) -> float:
    with cursus.gradebook() as gb:
        sub = gb.find_submission_notebook(A, A, student)
        return float(sum(g.auto_score or 0 for g in sub.grades if g.cell.cell_type == "code"))


def test_hostile_class_changes_nothing_but_its_own_grades(tmp_path: Path) -> None:
    clean, _ = _course(tmp_path / "schoon", HONEST)
    nakijken(clean, A, limits=Limits(cel_seconden=CEL, totaal_seconden=TOTAAL))
    expected = _rows(clean)

    probe, probe_good = _course(tmp_path / "probe", HONEST)
    cohort = read_figures(nbformat.read(probe.folder("source", None, A) / f"{A}.ipynb", 4))
    assert cohort != PUBLIC
    names = [*HONEST, *hostile_class(probe_good, probe, cohort)]
    cursus, good = _course(tmp_path / "vijandig", names)
    attacks = hostile_class(good, cursus, cohort)
    for student, (nb, _, _) in attacks.items():
        proefklas.schrijf(nb, cursus.root / f"submitted/{student}/{A}/{A}.ipynb")
    home_canary = Path.home() / ".leerlab-kanarie"
    home_canary.write_text("ongewijzigd")
    CANARY.write_text("ongewijzigd")
    checkout = repo_root()
    watched = [cursus.root / "source", cursus.root / "release", cursus.root / "submitted",
               cursus.root / "cursus.json", cursus.root / "studenten.csv",
               cursus.root / "nbgrader_config.py", checkout / "exercises", checkout / "data",
               checkout / "src", checkout / "tests", checkout / "README.md"]  # fmt: skip
    before = _tree(watched)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LEERLAB_GEHEIM": SECRET,
           "HOME": str(Path.home()), "LANG": "C.UTF-8"}  # fmt: skip
    start = time.monotonic()
    try:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "leerlab"), "cursus", "nakijken", A, "--map",
             str(cursus.root), "--tijd-per-cel", str(CEL), "--tijd-per-notebook", str(TOTAAL),
             "--geheugen", "1024", "--processen", "4"],
            env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path,
        )  # fmt: skip
        seconds = time.monotonic() - start
        assert home_canary.read_text() == "ongewijzigd" and CANARY.read_text() == "ongewijzigd"
    finally:
        home_canary.unlink(missing_ok=True)
        CANARY.unlink(missing_ok=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    total = len(names)
    assert f"{total - 2} nagekeken" in run.stdout, run.stdout[-2000:]
    assert "met problemen" in run.stdout
    assert seconds < 400
    assert _tree(watched) == before, "iets buiten de werkmap is veranderd"
    assert not Path("/usr/leerlab-ontsnapt").exists()
    leftover = subprocess.run(["pgrep", "-f", "sleep 2718"], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "processen van een notebook leven nog"
    assert not [line for line in Path("/proc/mounts").read_text().splitlines()
                if str(tmp_path) in line]  # fmt: skip

    # The honest and blank classmates: identical to the run without hostile students.
    assert _rows(cursus) == expected

    status = read_status(cursus)[A]
    for student, (_, score, fragment) in attacks.items():
        entry = status[student][A]
        reasons = " | ".join(entry["redenen"])
        if score is None:
            assert entry["score"] is None and entry["status"] == "onleesbaar", (student, entry)
        else:
            assert _score(cursus, student) == score, (student, reasons)
        if fragment:
            assert fragment in reasons, (student, reasons)
    pages = feedback(cursus, A, list(attacks))
    for page in pages:
        text = page.read_text()
        assert SECRET not in text and "BEGIN HIDDEN" not in text and "verwacht =" not in text
    leak = nbformat.read(cursus.folder("autograded", "lek", A) / f"{A}.ipynb", 4)
    printed = "".join(o.get("text", "") for c in leak.cells for o in c.get("outputs", []))
    assert "schoon" in printed and SECRET not in printed and "h01" not in printed
