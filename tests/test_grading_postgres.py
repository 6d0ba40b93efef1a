"""The gradebook on a real PostgreSQL (issue 17), started by the test (tests/postgres_hulp.py):
a course set up with --database, graded in two shards at once, merged by two processes at
once, gives the same gradebook as the embedded SQLite default; nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from sqlalchemy import create_engine, text

from leerlab.errors import LeerlabFout
from leerlab.grading import proefklas
from leerlab.grading.cursusmap import Cursus, database_url, opzetten
from leerlab.grading.nakijken import nakijken, read_status
from leerlab.grading.uitdelen import uitdelen

from .postgres_hulp import postgres_server

pytestmark = pytest.mark.slow
warnings.filterwarnings("ignore", message=".*not in session.*")
A = "h04"
ROWS = """
    SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade
    FROM grade g JOIN base_cell bc ON g.cell_id = bc.id
    JOIN submitted_notebook sn ON g.notebook_id = sn.id
    JOIN submitted_assignment sa ON sn.assignment_id = sa.id
    ORDER BY 1, 2
"""


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def rows(url: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(ROWS))]
    finally:
        engine.dispose()


def cli(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    code = "import sys; from leerlab.commands.cli import main; sys.argv[0] = 'leerlab'; main()"
    return subprocess.Popen([sys.executable, "-c", code, "cursus", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip


def submit(cursus: Cursus) -> None:
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    wrong = proefklas.vervang_antwoord(good, proefklas.eerste_antwoord(good), "x = -1")
    for i, nb in enumerate([good, wrong, release, good, wrong, good], start=1):
        proefklas.schrijf(nb, cursus.root / f"submitted/s{i:03d}/{A}/{A}.ipynb")


def test_sharded_grading_and_concurrent_merges_on_postgres(postgres: str, tmp_path: Path) -> None:
    lijst = proefklas.studentenlijst(tmp_path / "studenten.csv", 6)
    url = postgres.replace("postgresql://", "postgresql+pg8000://")
    out = cli("opzetten", str(tmp_path / "pg"), "--studenten", str(lijst), "--database",
              postgres).communicate(timeout=120)[0].decode()  # fmt: skip
    assert "staat klaar" in out, out
    on_pg = Cursus(tmp_path / "pg")
    assert on_pg.db_url == url and not (on_pg.root / "gradebook.db").exists()
    assert f"c.CourseDirectory.db_url = {url!r}" in (on_pg.root / "nbgrader_config.py").read_text()
    uitdelen(on_pg, A)
    submit(on_pg)
    embedded = opzetten(tmp_path / "sqlite", lijst)
    uitdelen(embedded, A)
    submit(embedded)
    nakijken(embedded, A, workers=2)

    shards = [cli("nakijken", A, "--map", str(on_pg.root), "--deel", f"{i}/2", "-p", "1")
              for i in (1, 2)]  # fmt: skip
    outputs = [p.communicate(timeout=600)[0].decode() for p in shards]
    assert all(p.returncode == 0 for p in shards), outputs
    assert rows(url) == [], "een deel schreef in het gedeelde cijferboek"
    # Two graders merge at once (say two Job pods finishing together): one merges, the
    # other waits for the lock and then finds nothing left to do.
    merges = [cli("samenvoegen", A, "--map", str(on_pg.root)) for _ in range(2)]
    texts = [p.communicate(timeout=300)[0].decode() for p in merges]
    assert all(p.returncode == 0 for p in merges), texts
    assert sorted("al samengevoegd" in t for t in texts) == [False, True], texts
    got, expected = rows(url), rows(embedded.db_url)
    assert got == expected and len(got) >= 6 * 2
    assert len({r[2] for r in got}) > 1  # right and wrong answers really differ
    strip = {"tijd", "seconden"}
    assert {s: {k: v for k, v in e[A].items() if k not in strip}
            for s, e in read_status(on_pg)[A].items()} == {
        s: {k: v for k, v in e[A].items() if k not in strip}
        for s, e in read_status(embedded)[A].items()}  # fmt: skip
    marker = json.loads((on_pg.root / "deelresultaten" / A / "samengevoegd.json").read_text())
    assert marker["van"] == 2 and marker["studenten"] == 6


def test_database_address_errors_are_dutch(postgres: str, tmp_path: Path) -> None:
    with pytest.raises(LeerlabFout, match="PostgreSQL-adres"):
        database_url("mysql://x@y/z")
    with pytest.raises(LeerlabFout, match="Kan geen verbinding maken"):
        database_url("postgresql://leerlab@127.0.0.1:1/x")
    lijst = proefklas.studentenlijst(tmp_path / "s.csv", 2)
    with pytest.raises(LeerlabFout, match="Kan geen verbinding maken"):
        opzetten(tmp_path / "c", lijst, database="postgresql://leerlab@127.0.0.1:1/x")
    assert not (tmp_path / "c").exists(), "een mislukte opzet laat geen halve cursusmap achter"
    assert database_url(postgres).startswith("postgresql+pg8000://")
    shutil.rmtree(tmp_path, ignore_errors=True)
