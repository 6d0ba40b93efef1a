"""Collect submissions from a folder or a learning-platform zip and match them to students.

A file belongs to a student only through the platform's own per-student pattern; a name
*inside* a file or folder of another student never counts:

- **Moodle** ("Alle inzendingen downloaden"): a folder or file per student,
  ``<Voornaam Achternaam>_<deelnemer-id>_assignsubmission_file_[/]<bestand>``;
  matched on the full name.
- **Brightspace** (D2L): one file per submission at the top level,
  ``<nummer>[-<gebruiker>] - <Voornaam Achternaam> - <datum> - <bestand>``; matched on the
  full name (or a student id in that place).
- **Canvas**: one file per submission at the top level,
  ``<achternaamvoornaam>[_late]_<gebruiker-id>_<inzending-id>_<bestand>``; matched on the
  user id (when it is the student id) or the squashed last+first name.
- **Own folder**: ``<student-id>/<bestand>`` or a top-level ``<student-id>.ipynb`` /
  ``<student-id>_<iets>.ipynb``; matched on the exact id.

Files that match nobody or several students are listed. When one student has several
notebooks and none has the expected name, nothing is guessed ("newest wins" is never used):
the trainer is told and chooses. Symbolic links, devices and oversized files are refused
with a reason.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from leerlab.errors import LeerlabFout
from leerlab.grading.cursusmap import Cursus, Student, students_of

MAX_BYTES = 20 * 1024 * 1024
MOODLE = re.compile(r"^(?P<naam>.+?)_(?P<nr>\d+)_assignsubmission_(file|onlinetext)_(?P<rest>.*)$")
BRIGHTSPACE = re.compile(r"^\d+(-\d+)? - (?P<naam>.+?) - (?P<datum>[^/]+?) - (?P<rest>.+)$")
CANVAS = re.compile(r"^(?P<naam>[a-z0-9]+)(_late)?_(?P<nr>[A-Za-z0-9.-]+)_\d+_(?P<rest>.+)$", re.I)


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


def _by_name(name: str, students: list[Student]) -> list[Student]:
    wanted = _norm(name)
    return [s for s in students if s.voornaam and s.achternaam and (
        _norm(s.naam) == wanted or _norm(f"{s.achternaam} {s.voornaam}") == wanted)]  # fmt: skip


def _by_id(text: str, students: list[Student]) -> list[Student]:
    return [s for s in students if s.id == text]


def owner(path: str, students: list[Student]) -> tuple[list[Student], str]:
    """Students the platform's pattern assigns ``path`` to, and the original file name."""
    parts = PurePosixPath(path).parts
    top = parts[0] if parts else ""
    if len(parts) >= 2:  # a per-student folder decides; the names inside never do
        folder = MOODLE.match(top)
        if folder:
            return _by_name(folder["naam"], students), parts[-1]
        return _by_id(top, students), parts[-1]
    if len(parts) != 1:
        return [], top
    for pattern in (MOODLE, BRIGHTSPACE):
        found = pattern.match(top)
        if found:
            name = found["naam"]
            return (_by_name(name, students) or _by_id(name, students)), found["rest"]
    found = CANVAS.match(top)
    if found:
        by_id = _by_id(found["nr"], students)
        squashed = [s for s in students
                    if _norm(s.achternaam + s.voornaam).replace(" ", "") == found["naam"].lower()
                    and s.voornaam]  # fmt: skip
        return (by_id or squashed), found["rest"]
    stem = top.rsplit(".", 1)[0]
    for student in students:
        if stem == student.id or stem.startswith(student.id + "_"):
            return [student], top
    return [], top


def match(path: str, students: list[Student]) -> list[Student]:
    """Students whose platform pattern matches ``path`` (see the module's description)."""
    return owner(path, students)[0]


def read_files(bron: Path) -> tuple[list[Bestand], list[tuple[str, str]]]:
    """Every regular file in a folder or zip with its time, and the refused ones with a reason.

    Symbolic links are never followed, devices and pipes never opened, and no file larger
    than MAX_BYTES is read; zip paths are never extracted as given."""
    files: list[Bestand] = []
    refused: list[tuple[str, str]] = []
    mb = MAX_BYTES // 1024 // 1024
    if bron.is_dir():
        for folder, dirs, names in os.walk(bron, followlinks=False):
            base = Path(folder)
            for d in list(dirs):
                if (base / d).is_symlink():
                    refused.append((str((base / d).relative_to(bron)), "snelkoppeling; genegeerd"))
                    dirs.remove(d)
            dirs.sort()
            for name in sorted(names):
                path = base / name
                shown = str(path.relative_to(bron))
                meta = path.lstat()
                if stat.S_ISLNK(meta.st_mode):
                    refused.append((shown, "snelkoppeling (symlink); niet overgenomen"))
                elif not stat.S_ISREG(meta.st_mode):
                    refused.append((shown, "geen gewoon bestand; niet overgenomen"))
                elif meta.st_size > MAX_BYTES:
                    refused.append((shown, f"groter dan {mb} MB; niet overgenomen"))
                else:
                    data = _read_regular(path)
                    if data is None:
                        refused.append((shown, "kon niet veilig worden gelezen"))
                        continue
                    when = datetime.fromtimestamp(meta.st_mtime, tz=UTC)
                    files.append(Bestand(shown, data, when))
        return files, refused
    if not zipfile.is_zipfile(bron):
        raise LeerlabFout(f"{bron} is geen map en geen zip-bestand. Geef een map of een .zip.")
    with zipfile.ZipFile(bron) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            name = info.filename
            if stat.S_ISLNK(mode):
                refused.append((name, "snelkoppeling (symlink); niet overgenomen"))
            elif stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no type recorded
                refused.append((name, "geen gewoon bestand; niet overgenomen"))
            elif info.file_size > MAX_BYTES or ".." in PurePosixPath(name).parts:
                refused.append((name, f"groter dan {mb} MB of een onveilig pad; niet overgenomen"))
            else:
                with archive.open(info) as f:
                    data = f.read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    refused.append((name, f"groter dan {mb} MB; niet overgenomen"))
                    continue
                when = datetime(*info.date_time, tzinfo=UTC)
                files.append(Bestand(name, data, when))
    return files, refused


def _read_regular(path: Path) -> bytes | None:
    """Read a file only if it is (still) a regular file: no link, no device, no pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        data = f.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else None


def verzamelen(cursus: Cursus, assignment: str, bron: Path) -> Verzameling:
    """Put each student's notebook in submitted/<student>/<assignment>/<notebook>.ipynb."""
    cursus.check_assignment(assignment)
    if not bron.exists():
        raise LeerlabFout(f"{bron} bestaat niet. Geef de map of zip met inleveringen.")
    students = students_of(cursus)
    expected = cursus.notebooks(assignment)
    result = Verzameling()
    chosen: dict[str, list[tuple[Bestand, str]]] = {}
    files, refused = read_files(bron)
    result.onbekend += refused
    for bestand in files:
        name = Path(bestand.naam).name
        if name.startswith(".") or "__MACOSX" in bestand.naam:
            continue
        if not name.lower().endswith(".ipynb"):
            result.onbekend.append((bestand.naam, "geen notebook (.ipynb)"))
            continue
        found, original = owner(bestand.naam, students)
        if not found:
            result.onbekend.append((bestand.naam, "past bij geen student uit de lijst"))
        elif len(found) > 1:
            ids = ", ".join(s.id for s in found)
            result.onbekend.append((bestand.naam, f"past bij meer studenten ({ids})"))
        else:
            chosen.setdefault(found[0].id, []).append((bestand, original))
    for student in students:
        mine = chosen.get(student.id)
        if not mine:
            result.ontbrekend.append(student.id)
            continue
        _save(cursus, assignment, student.id, mine, expected, result)
    return result


def _save(
    cursus: Cursus,
    assignment: str,
    student: str,
    files: list[tuple[Bestand, str]],
    expected: list[str],
    result: Verzameling,
) -> None:
    notes: list[str] = []
    by_name: dict[str, list[Bestand]] = {}
    for bestand, original in files:
        by_name.setdefault(Path(original).stem, []).append(bestand)
    picked: dict[str, Bestand] = {}
    for notebook in expected:
        exact = by_name.get(notebook, [])
        if len(exact) == 1:
            picked[notebook] = exact[0]
        elif len(exact) > 1:
            shown = ", ".join(b.naam for b in exact)
            notes.append(f"meerdere bestanden voor {notebook}.ipynb ({shown}); kies er zelf één")
    if len(expected) == 1 and not picked and not notes:
        if len(files) == 1:
            only = files[0][0]
            picked[expected[0]] = only
            notes.append(f"bestandsnaam '{Path(only.naam).name}' hernoemd naar {expected[0]}.ipynb")
        else:
            shown = ", ".join(b.naam for b, _ in files)
            notes.append(f"{len(files)} notebooks gevonden ({shown}); geen heet "
                         f"{expected[0]}.ipynb, dus niets gekozen: kies er zelf één")  # fmt: skip
    if notes and not picked:  # listed for the trainer; an earlier collection stays as it was
        result.onbekend += [(student, n) for n in notes]
        return
    target = cursus.folder("submitted", student, assignment)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for notebook, bestand in picked.items():
        (target / f"{notebook}.ipynb").write_bytes(bestand.data)
    latest = max(f.tijd for f in picked.values())
    (target / "timestamp.txt").write_text(latest.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    result.ingeleverd[student] = ", ".join(f"{nb}.ipynb" for nb in picked)
    if notes:
        result.opmerkingen[student] = "; ".join(notes)
