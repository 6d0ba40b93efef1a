"""Grading in shards (issue 17): three shard processes and one merge give the same gradebook
as one unsharded run; merging is idempotent; a missing or foreign shard merges nothing."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest

from leerlab.errors import LeerlabFout
from leerlab.grading import proefklas
from leerlab.grading.cursusmap import Cursus, opzetten
from leerlab.grading.delen import lees_deel, samenvoegen, verdeel
from leerlab.grading.nakijken import nakijken, read_status
from leerlab.grading.uitdelen import uitdelen

warnings.filterwarnings("ignore", message=".*not in session.*")
A = "h04"  # no data file, quick to run
N = 3

GRADES = """
    SELECT sa.student_id, nb.name, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade,
           g.extra_credit
    FROM grade g JOIN base_cell bc ON g.cell_id = bc.id
    JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN notebook nb ON sn.notebook_id = nb.id
    JOIN submitted_assignment sa ON sn.assignment_id = sa.id
    ORDER BY 1, 2, 3
"""
COMMENTS = """
    SELECT sa.student_id, bc.name, c.auto_comment, c.manual_comment
    FROM comment c JOIN base_cell bc ON c.cell_id = bc.id
    JOIN submitted_notebook sn ON c.notebook_id = sn.id
    JOIN submitted_assignment sa ON sn.assignment_id = sa.id
    ORDER BY 1, 2
"""
SUBMISSIONS = "SELECT student_id, timestamp FROM submitted_assignment ORDER BY 1"


def gradebook_rows(cursus: Cursus) -> dict[str, list[Any]]:
    with sqlite3.connect(cursus.root / "gradebook.db") as db:
        return {q: db.execute(q).fetchall() for q in (GRADES, COMMENTS, SUBMISSIONS)}


def statuses(cursus: Cursus) -> dict[str, Any]:
    """Status and reasons per student and notebook (without clock times)."""
    return {
        student: {
            nb: {k: v for k, v in e.items() if k not in ("tijd", "seconden")}
            for nb, e in per_nb.items()
        }
        for student, per_nb in read_status(cursus).get(A, {}).items()
    }


def cli(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    code = "import sys; from leerlab.commands.cli import main; sys.argv[0] = 'leerlab'; main()"
    return subprocess.Popen([sys.executable, "-c", code, "cursus", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip


@pytest.fixture(scope="module")
def klas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A class of 8: good, empty, wrong, unreadable, edited-test and missing submissions."""
    tmp = tmp_path_factory.mktemp("delen")
    lijst = proefklas.studentenlijst(tmp / "studenten.csv", 8)
    cursus = opzetten(tmp / "cursus", lijst)
    uitdelen(cursus, A)
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    wrong = proefklas.vervang_antwoord(good, proefklas.eerste_antwoord(good), "x = -1")
    edited = proefklas.met_testcel(good, proefklas.testcellen(source)[0], "pass")
    kinds: list[Any] = [good, release, wrong, proefklas.kapotte_json(good), edited, wrong, good]
    for i, nb in enumerate(kinds, start=1):
        target = cursus.root / f"submitted/s{i:03d}/{A}/{A}.ipynb"
        proefklas.schrijf(nb, target)
    (cursus.root / f"submitted/s001/{A}/timestamp.txt").write_text("2026-02-03 10:00:00 UTC")
    (cursus.root / f"submitted/s008/{A}").mkdir(parents=True)  # folder, but no notebook
    return cursus.root


@pytest.mark.slow
def test_shards_as_processes_merge_to_the_unsharded_gradebook(klas: Path, tmp_path: Path) -> None:
    whole = Cursus(shutil.copytree(klas, tmp_path / "heel"))
    sharded = Cursus(shutil.copytree(klas, tmp_path / "delen"))
    nakijken(whole, A, workers=2)

    procs = [cli("nakijken", A, "--map", str(sharded.root), "--deel", f"{i}/{N}", "-p", "1")
             for i in range(1, N + 1)]  # fmt: skip
    outputs = [p.communicate(timeout=600)[0].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert not (sharded.root / "nakijkstatus.json").exists(), "een deel schreef de status"
    before = gradebook_rows(sharded)
    assert not before[GRADES], "een deel schreef in het cijferboek"
    files = sorted((sharded.root / "deelresultaten" / A).glob("deel-*.json"))
    assert [f.name for f in files] == [f"deel-{i}-van-{N}.json" for i in range(1, N + 1)]
    shard_students = [json.loads(f.read_text())["studenten"] for f in files]
    assert shard_students == [["s001", "s004", "s007"], ["s002", "s005", "s008"],
                              ["s003", "s006"]]  # fmt: skip

    out = cli("samenvoegen", "--map", str(sharded.root)).communicate(timeout=120)[0].decode()
    assert f"{N} delen samengevoegd, 8 studenten" in out, out
    merged = gradebook_rows(sharded)
    assert merged == gradebook_rows(whole)
    assert statuses(sharded) == statuses(whole)
    # the class really differs per student, so equality is not trivial
    scores = {row[0]: row[3] for row in merged[GRADES]}
    assert len(set(scores.values())) > 1 and len(merged[GRADES]) > 8
    assert {s["s004"][A]["status"] for s in [statuses(sharded)]} == {"onleesbaar"}
    assert statuses(sharded)["s008"][A]["status"] == "ontbreekt"
    for student in ("s001", "s003", "s007"):
        assert (sharded.root / f"autograded/{student}/{A}/{A}.ipynb").is_file()

    # Idempotent: a second merge says so and changes nothing.
    snapshot = ((sharded.root / "gradebook.db").read_bytes(),
                (sharded.root / "nakijkstatus.json").read_bytes())  # fmt: skip
    out = cli("samenvoegen", A, "--map", str(sharded.root)).communicate(timeout=120)[0].decode()
    assert "al samengevoegd" in out and "niets veranderd" in out, out
    assert snapshot == ((sharded.root / "gradebook.db").read_bytes(),
                        (sharded.root / "nakijkstatus.json").read_bytes())  # fmt: skip
    # Even without the marker (an interrupted merge), merging again gives the same gradebook.
    (sharded.root / "deelresultaten" / A / "samengevoegd.json").unlink()
    assert not samenvoegen(sharded, A).al_gedaan
    assert gradebook_rows(sharded) == merged and statuses(sharded) == statuses(whole)


def test_a_missing_shard_merges_nothing(klas: Path, tmp_path: Path) -> None:
    cursus = Cursus(shutil.copytree(klas, tmp_path / "c"))
    folder = cursus.root / "deelresultaten" / A
    folder.mkdir(parents=True)
    # Shard 1 of 3 made by hand: a merge would give s001 points if it ran.
    alle = [f"s{i:03d}" for i in range(1, 9)]
    data = {"opdracht": A, "deel": 1, "van": 3, "alle_studenten": alle,
            "studenten": verdeel(alle, 1, 3), "resultaten": {}}  # fmt: skip
    (folder / "deel-1-van-3.json").write_text(json.dumps(data))
    (folder / "deel-3-van-3.json").write_text(json.dumps(data | {"deel": 3,
                                              "studenten": verdeel(alle, 3, 3)}))  # fmt: skip
    before = (cursus.root / "gradebook.db").read_bytes()
    with pytest.raises(LeerlabFout, match=r"deel 2 van 3 ontbreekt.*niets samengevoegd"):
        samenvoegen(cursus, A)
    (folder / "deel-2-van-3.json").write_text("{kapot")
    with pytest.raises(LeerlabFout, match="geen bruikbaar deelresultaat"):
        samenvoegen(cursus, A)
    (folder / "deel-2-van-3.json").write_text(json.dumps(data | {"deel": 2, "studenten": ["x"]}))
    with pytest.raises(LeerlabFout, match="niet bij dezelfde inleveringen"):
        samenvoegen(cursus, A)
    (folder / "deel-1-van-2.json").write_text(json.dumps(data | {"van": 2}))
    with pytest.raises(LeerlabFout, match="verschillende verdelingen"):
        samenvoegen(cursus, A)
    assert (cursus.root / "gradebook.db").read_bytes() == before
    assert not cursus.status_file.exists()


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_bad_shard_is_a_dutch_error(text: str) -> None:
    with pytest.raises(LeerlabFout, match="geen geldig deel"):
        lees_deel(text)


def test_shards_cover_every_student_once() -> None:
    students = [f"s{i}" for i in range(23)]
    parts = [verdeel(students, i, 4) for i in range(1, 5)]
    assert sorted(s for p in parts for s in p) == sorted(students)
    assert lees_deel(" 2 / 4 ") == (2, 4)
