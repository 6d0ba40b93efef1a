"""Collect submissions from a folder or a learning-platform zip and match them to students.

Learning platforms name downloads in many ways ("12345 - Jan Jansen - h01.ipynb",
"jansenjan_12345_h01.ipynb", "Jan Jansen_123_assignsubmission_file_/h01.ipynb"). A file
belongs to a student when the student's id, or the full name, appears in its path. Files
that match nobody or several students are listed, never guessed.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from leerlab.errors import LeerlabFout
from leerlab.grading.cursusmap import Cursus, Student, students_of

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Bestand:
    naam: str  # path as shown to the trainer
    data: bytes
    tijd: datetime


@dataclass
class Verzameling:
    """What collecting found: per student the saved notebook, and what is missing or unclear."""

    ingeleverd: dict[str, str] = field(default_factory=dict)
    ontbrekend: list[str] = field(default_factory=list)
    onbekend: list[tuple[str, str]] = field(default_factory=list)
    opmerkingen: dict[str, str] = field(default_factory=dict)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _tokens(text: str) -> list[str]:
    return _norm(text).split()


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def match(path: str, students: list[Student]) -> list[Student]:
    """Students whose id (as whole tokens) or full name appears in ``path``."""
    tokens = _tokens(path)
    squashed = "".join(tokens)
    by_id = [s for s in students if _contains(tokens, _tokens(s.id))]
    if by_id:
        return by_id
    named = []
    for s in students:
        full = "".join(_tokens(s.naam))
        reverse = "".join(_tokens(f"{s.achternaam} {s.voornaam}"))
        if s.voornaam and s.achternaam and (full in squashed or reverse in squashed):
            named.append(s)
    return named


def read_files(bron: Path) -> list[Bestand]:
    """Every file in a folder or zip, with its time; zip paths are never extracted as given."""
    files: list[Bestand] = []
    if bron.is_dir():
        for path in sorted(bron.rglob("*")):
            if path.is_file() and path.stat().st_size <= MAX_BYTES:
                when = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
                files.append(Bestand(str(path.relative_to(bron)), path.read_bytes(), when))
        return files
    if not zipfile.is_zipfile(bron):
        raise LeerlabFout(f"{bron} is geen map en geen zip-bestand. Geef een map of een .zip.")
    with zipfile.ZipFile(bron) as archive:
        for info in archive.infolist():
            if info.is_dir() or info.file_size > MAX_BYTES:
                continue
            when = datetime(*info.date_time, tzinfo=UTC)
            files.append(Bestand(info.filename, archive.read(info), when))
    return files


def verzamelen(cursus: Cursus, assignment: str, bron: Path) -> Verzameling:
    """Put each student's notebook in submitted/<student>/<assignment>/<notebook>.ipynb."""
    cursus.check_assignment(assignment)
    if not bron.exists():
        raise LeerlabFout(f"{bron} bestaat niet. Geef de map of zip met inleveringen.")
    students = students_of(cursus)
    expected = cursus.notebooks(assignment)
    result = Verzameling()
    chosen: dict[str, list[Bestand]] = {}
    for bestand in read_files(bron):
        name = Path(bestand.naam).name
        if name.startswith(".") or "__MACOSX" in bestand.naam:
            continue
        if not name.lower().endswith(".ipynb"):
            result.onbekend.append((bestand.naam, "geen notebook (.ipynb)"))
            continue
        found = match(bestand.naam, students)
        if not found:
            result.onbekend.append((bestand.naam, "past bij geen student uit de lijst"))
        elif len(found) > 1:
            ids = ", ".join(s.id for s in found)
            result.onbekend.append((bestand.naam, f"past bij meer studenten ({ids})"))
        else:
            chosen.setdefault(found[0].id, []).append(bestand)
    for student in students:
        files = chosen.get(student.id)
        if not files:
            result.ontbrekend.append(student.id)
            continue
        _save(cursus, assignment, student.id, files, expected, result)
    return result


def _save(
    cursus: Cursus,
    assignment: str,
    student: str,
    files: list[Bestand],
    expected: list[str],
    result: Verzameling,
) -> None:
    target = cursus.folder("submitted", student, assignment)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    notes: list[str] = []
    by_name = {Path(f.naam).stem: f for f in files}
    if len(expected) == 1:
        exact = by_name.get(expected[0])
        newest = exact or max(files, key=lambda f: f.tijd)
        if exact is None:
            notes.append(
                f"bestandsnaam '{Path(newest.naam).name}' hernoemd naar {expected[0]}.ipynb"
            )
        if len(files) > 1:
            notes.append(f"{len(files)} notebooks gevonden; {Path(newest.naam).name} gebruikt")
        picked = {expected[0]: newest}
    else:
        picked = {nb: by_name[nb] for nb in expected if nb in by_name}
    for notebook, bestand in picked.items():
        (target / f"{notebook}.ipynb").write_bytes(bestand.data)
    latest = max(f.tijd for f in picked.values())
    (target / "timestamp.txt").write_text(latest.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    result.ingeleverd[student] = ", ".join(f"{nb}.ipynb" for nb in picked)
    if notes:
        result.opmerkingen[student] = "; ".join(notes)
