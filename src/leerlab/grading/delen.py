"""Grading that scales out: grade one shard of the submissions, merge shards exactly once.

``nakijken_deel`` grades shard I of N (1-based): of the submitting students, sorted by id,
shard I takes the I-th, the (I+N)-th, and so on. It never touches the course's gradebook or
status file: it grades against a private copy of the gradebook (SQLite, in a work folder)
and writes one result file ``deelresultaten/<opdracht>/deel-I-van-N.json`` (atomic rename).
The autograded notebooks go to ``autograded/<student>/`` as usual: shards have disjoint
students, so they never write the same file.

``samenvoegen`` checks that all N result files are there and fit together (same student
list, disjoint shards) before it writes anything; then it copies each student's scores,
comments and statuses into the gradebook. Every write sets a value (never adds to one), so
merging twice, or again after an interrupted merge, changes nothing; a marker file with the
digest of the merged shards makes a second merge a no-op that says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from leerlab.errors import LeerlabFout
from leerlab.grading.cursusmap import Cursus, write_json_atomic
from leerlab.grading.nakijken import Resultaat, nakijken, read_status, submitted_students
from leerlab.grading.sandbox import Limits

MAP = "deelresultaten"
MARKER = "samengevoegd.json"
DEEL = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
BESTAND = re.compile(r"^deel-(\d+)-van-(\d+)\.json$")


def lees_deel(tekst: str) -> tuple[int, int]:
    """'2/3' → (2, 3); a Dutch error for anything else."""
    match = DEEL.match(tekst)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise LeerlabFout(
            f"'{tekst}' is geen geldig deel. Schrijf het als I/N, bijvoorbeeld 2/3 "
            "(deel 2 van 3; I loopt van 1 tot en met N)."
        )
    return int(match[1]), int(match[2])


def verdeel(students: list[str], deel: int, van: int) -> list[str]:
    """The students of shard ``deel`` of ``van``: every N-th of the sorted ids."""
    return sorted(students)[deel - 1 :: van]


def map_van(cursus: Cursus, assignment: str) -> Path:
    return cursus.root / MAP / assignment


def bestand_van(cursus: Cursus, assignment: str, deel: int, van: int) -> Path:
    return map_van(cursus, assignment) / f"deel-{deel}-van-{van}.json"


class DeelCursus(Cursus):
    """The course folder, but with a private gradebook and status file for one shard."""

    def __init__(self, root: Path, werkmap: Path) -> None:
        super().__init__(root)
        self.werkmap = werkmap

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.werkmap / 'gradebook.db'}"

    @property
    def status_file(self) -> Path:
        return self.werkmap / "nakijkstatus.json"


def kopieer_cijferboek(bron_url: str, doel_url: str) -> None:
    """Copy every row of nbgrader's gradebook tables, and its alembic version, to a new
    database (``Gradebook()`` on an empty database would start ``alembic``: seconds)."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, text

    source, target = create_engine(bron_url), create_engine(doel_url)
    try:
        Base.metadata.create_all(bind=target)
        with source.connect() as read, target.begin() as write:
            version = read.execute(text("SELECT version_num FROM alembic_version")).scalar()
            write.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            write.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": version})
            for table in Base.metadata.sorted_tables:
                rows = [dict(r._mapping) for r in read.execute(table.select())]
                if rows:
                    write.execute(table.insert(), rows)
    finally:
        source.dispose()
        target.dispose()


def _uitlezen(gb: Any, assignment: str, student: str, notebooks: list[str]) -> dict[str, Any]:
    """What a merge needs of one student's submission: timestamp, scores, comments."""
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission(assignment, student)
    except MissingEntry:
        return {"timestamp": None, "notebooks": {}}
    out: dict[str, Any] = {
        "timestamp": sub.timestamp.isoformat() if sub.timestamp else None,
        "notebooks": {},
    }
    for notebook in notebooks:
        try:
            nb = gb.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:
            continue
        out["notebooks"][notebook] = {
            "cijfers": {
                g.name: {"auto_score": g.auto_score, "needs_manual_grade": g.needs_manual_grade}
                for g in nb.grades
            },
            "opmerkingen": {c.name: c.auto_comment for c in nb.comments},
        }
    return out


def nakijken_deel(
    cursus: Cursus, assignment: str, deel: int, van: int, workers: int | None = None,
    limits: Limits | None = None,
) -> tuple[Path, list[Resultaat]]:  # fmt: skip
    """Grade shard ``deel`` of ``van`` and write its result file; returns (file, results)."""
    cursus.check_assignment(assignment)
    alle = submitted_students(cursus, assignment)
    mine = verdeel(alle, deel, van)
    folder = map_van(cursus, assignment)
    werkmap = folder / f".werk-{deel}-van-{van}"
    shutil.rmtree(werkmap, ignore_errors=True)
    werkmap.mkdir(parents=True)
    try:
        kopieer_cijferboek(cursus.db_url, f"sqlite:///{werkmap / 'gradebook.db'}")
        shard = DeelCursus(cursus.root, werkmap)
        results = nakijken(shard, assignment, mine, workers, limits) if mine else []
        status = read_status(shard).get(assignment, {})
        notebooks = cursus.notebooks(assignment)
        with shard.gradebook() as gb:
            per_student = {
                s: _uitlezen(gb, assignment, s, notebooks) | {"status": status.get(s, {})}
                for s in mine
            }
        data = {
            "opdracht": assignment, "deel": deel, "van": van,
            "alle_studenten": alle, "studenten": mine, "resultaten": per_student,
            "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        }  # fmt: skip
        target = bestand_van(cursus, assignment, deel, van)
        write_json_atomic(target, data)
    finally:
        shutil.rmtree(werkmap, ignore_errors=True)
    return target, results


@dataclass
class Samenvoeging:
    opdracht: str
    van: int
    studenten: int
    al_gedaan: bool


def _lees_delen(cursus: Cursus, assignment: str) -> tuple[int, list[dict[str, Any]], str]:
    """All shard files of one assignment, checked; (N, shards in order, digest)."""
    folder = map_van(cursus, assignment)
    found: dict[int, dict[int, Path]] = {}
    for path in sorted(folder.glob("deel-*-van-*.json")) if folder.is_dir() else []:
        match = BESTAND.match(path.name)
        if match:
            found.setdefault(int(match[2]), {})[int(match[1])] = path
    if not found:
        raise LeerlabFout(
            f"Er zijn geen deelresultaten voor {assignment} in {MAP}/{assignment}/. "
            f"Doe eerst 'leerlab cursus nakijken {assignment} --deel 1/N' (en de andere delen)."
        )
    if len(found) > 1:
        sizes = ", ".join(f"{n} delen" for n in sorted(found))
        raise LeerlabFout(
            f"In {MAP}/{assignment}/ staan resultaten van verschillende verdelingen ({sizes}). "
            "Haal de oude bestanden weg en probeer het opnieuw. Er is niets samengevoegd."
        )
    ((van, files),) = found.items()
    missing = [i for i in range(1, van + 1) if i not in files]
    if missing:
        namen = ", ".join(f"deel {i} van {van}" for i in missing)
        raise LeerlabFout(
            f"Het resultaat van {namen} ontbreekt voor {assignment}. Start dat deel (opnieuw) "
            f"met 'leerlab cursus nakijken {assignment} --deel {missing[0]}/{van}'. "
            "Er is niets samengevoegd."
        )
    digest = hashlib.sha256()
    shards: list[dict[str, Any]] = []
    for i in range(1, van + 1):
        raw = files[i].read_bytes()
        digest.update(raw)
        try:
            data = json.loads(raw)
            ok = data["opdracht"] == assignment and (data["deel"], data["van"]) == (i, van)
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            raise LeerlabFout(
                f"{files[i].name} is geen bruikbaar deelresultaat (beschadigd of van een andere "
                f"opdracht). Maak dit deel opnieuw. Er is niets samengevoegd."
            )
        shards.append(data)
    alle = shards[0]["alle_studenten"]
    for data in shards:
        if data["alle_studenten"] != alle or data["studenten"] != verdeel(alle, data["deel"], van):
            raise LeerlabFout(
                f"De delen van {assignment} horen niet bij dezelfde inleveringen (er is tussendoor "
                "iets verzameld). Kijk alle delen opnieuw na. Er is niets samengevoegd."
            )
    return van, shards, digest.hexdigest()


LOCK_KEY = 0x1EE5_1A8  # PostgreSQL advisory lock: one merge at a time per database


@contextlib.contextmanager
def merge_lock(cursus: Cursus) -> Iterator[None]:
    """One merge at a time: an advisory lock on PostgreSQL, a file lock on SQLite.

    Merges of the same shards in two processes would otherwise both create the same
    submission rows; the second one waits, then finds the marker and does nothing."""
    if cursus.db_url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(cursus.db_url)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOCK_KEY})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
        finally:
            engine.dispose()
        return
    with open(cursus.root / ".samenvoegen.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def samenvoegen(cursus: Cursus, assignment: str) -> Samenvoeging:
    """Merge all shard results of one assignment into the gradebook, exactly once."""
    cursus.check_assignment(assignment)
    with merge_lock(cursus):
        return _samenvoegen(cursus, assignment)


def _samenvoegen(cursus: Cursus, assignment: str) -> Samenvoeging:
    from nbgrader.api import MissingEntry

    van, shards, digest = _lees_delen(cursus, assignment)
    marker = map_van(cursus, assignment) / MARKER
    count = sum(len(d["studenten"]) for d in shards)
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("digest") == digest:
        return Samenvoeging(assignment, van, count, al_gedaan=True)
    with cursus.gradebook() as gb:
        for data in shards:
            for student, result in data["resultaten"].items():
                gb.update_or_create_student(student)
                if result["timestamp"] is not None:
                    gb.update_or_create_submission(
                        assignment, student, timestamp=result["timestamp"]
                    )
                else:
                    gb.update_or_create_submission(assignment, student)
                for notebook, scores in result["notebooks"].items():
                    try:
                        nb = gb.find_submission_notebook(notebook, assignment, student)
                    except MissingEntry:
                        continue
                    for grade in nb.grades:
                        if grade.name in scores["cijfers"]:
                            grade.auto_score = scores["cijfers"][grade.name]["auto_score"]
                            grade.needs_manual_grade = scores["cijfers"][grade.name][
                                "needs_manual_grade"
                            ]
                    for comment in nb.comments:
                        if comment.name in scores["opmerkingen"]:
                            comment.auto_comment = scores["opmerkingen"][comment.name]
                gb.db.commit()  # one student at a time: every value is set, never added
    status = read_status(cursus)
    per_student = status.setdefault(assignment, {})
    for data in shards:
        for student, result in data["resultaten"].items():
            per_student.setdefault(student, {}).update(result["status"])
    write_json_atomic(cursus.status_file, status)
    write_json_atomic(marker, {"digest": digest, "van": van, "studenten": count})
    return Samenvoeging(assignment, van, count, al_gedaan=False)


def te_mergen(cursus: Cursus) -> list[str]:
    """Assignments that have shard results in the course folder."""
    folder = cursus.root / MAP
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("deel-*.json")))
