"""A trainer's course folder: nbgrader's layout plus the group's student list and cohort seed.

``opzetten`` copies the course's source assignments and nbgrader_config.py into a new
folder, so every group (cohort) has its own gradebook and its own case figures.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

STATE = "cursus.json"
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
COLUMNS = {
    "id": ("id", "studentnummer", "student_id", "student", "username", "gebruikersnaam"),
    "voornaam": ("voornaam", "first_name", "firstname"),
    "achternaam": ("achternaam", "last_name", "lastname"),
    "email": ("email", "e-mail", "mail"),
}


def ensure_path() -> None:
    """nbgrader starts ``alembic`` by bare name: put this Python's bin/ first on PATH."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[:1] != [bindir]:
        os.environ["PATH"] = os.pathsep.join([bindir, *[p for p in parts if p != bindir]])


def exercises_dir() -> Path:
    """The course's own nbgrader folder in the repository (the public source assignments)."""
    return repo_root() / "exercises"


@dataclass(frozen=True)
class Student:
    id: str
    voornaam: str = ""
    achternaam: str = ""
    email: str = ""

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()


def read_students(path: Path) -> list[Student]:
    """Read a student list (CSV, comma or semicolon); Dutch errors name the row."""
    if not path.is_file():
        raise LeerlabFout(f"Studentenlijst {path} bestaat niet. Controleer de naam.")
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.excel_tab if "\t" in text.splitlines()[0] else csv.excel
    if ";" in text.splitlines()[0] and "," not in text.splitlines()[0]:
        dialect = csv.excel
        text = text.replace(";", ",")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    if not rows:
        raise LeerlabFout(f"Studentenlijst {path} is leeg: zet op elke regel één student.")
    header = {name.strip().lower(): name for name in rows[0]}
    mapping = {
        field: next((header[a] for a in aliases if a in header), None)
        for field, aliases in COLUMNS.items()
    }
    if mapping["id"] is None:
        raise LeerlabFout(
            f"Studentenlijst {path} mist een kolom 'id' (of 'studentnummer'). "
            f"Gevonden kolommen: {', '.join(rows[0])}."
        )
    students: list[Student] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        values = {f: (row.get(c) or "").strip() if c else "" for f, c in mapping.items()}
        if not STUDENT_ID.match(values["id"]):
            raise LeerlabFout(
                f"Studentenlijst {path}, regel {number}: '{values['id']}' is geen geldige id. "
                "Gebruik letters, cijfers, punt, streepje of liggend streepje (geen spaties)."
            )
        if values["id"] in seen:
            raise LeerlabFout(
                f"Studentenlijst {path}, regel {number}: id '{values['id']}' staat er twee keer in."
            )
        seen.add(values["id"])
        students.append(Student(**values))
    return students


class Cursus:
    """One course folder on disk (nbgrader layout) with a small JSON state file."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        if not (self.root / "nbgrader_config.py").is_file():
            raise LeerlabFout(
                f"{self.root} is geen cursusmap (nbgrader_config.py ontbreekt). "
                "Maak er een met 'leerlab cursus opzetten'."
            )

    # --- state -------------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.root / STATE

    def state(self) -> dict[str, Any]:
        if not self.state_file.is_file():
            return {"seed": None}
        data: dict[str, Any] = json.loads(self.state_file.read_text(encoding="utf-8"))
        return data

    def save_state(self, data: dict[str, Any]) -> None:
        write_json_atomic(self.state_file, data)

    @property
    def seed(self) -> int | None:
        seed = self.state().get("seed")
        return int(seed) if seed is not None else None

    @property
    def status_file(self) -> Path:
        """Per student and notebook: status and reasons of the last grading run."""
        return self.root / "nakijkstatus.json"

    # --- folders -----------------------------------------------------------------------
    @property
    def db_url(self) -> str:
        """nbgrader's gradebook: SQLite in the folder, or the database chosen at set-up."""
        database = self.state().get("database")
        return str(database) if database else f"sqlite:///{self.root / 'gradebook.db'}"

    def folder(self, kind: str, student: str | None, assignment: str) -> Path:
        if kind in ("source", "release"):
            return self.root / kind / assignment
        return self.root / kind / str(student) / assignment

    def assignments(self) -> list[str]:
        return sorted(p.name for p in (self.root / "source").iterdir() if p.is_dir())

    def notebooks(self, assignment: str) -> list[str]:
        return sorted(p.stem for p in self.folder("source", None, assignment).glob("*.ipynb"))

    def config(self) -> Config:
        ensure_path()
        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        cfg.CourseDirectory.root = str(self.root)
        cfg.CourseDirectory.db_url = self.db_url
        return cfg

    def api(self) -> Any:
        from nbgrader.apps import NbGraderAPI

        return NbGraderAPI(config=self.config())

    def gradebook(self) -> Any:
        ensure_path()
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, course_id=self.state().get("cursus", "leerlab"))

    def check_assignment(self, assignment: str) -> None:
        if not self.folder("source", None, assignment).is_dir():
            known = ", ".join(self.assignments()) or "geen"
            raise LeerlabFout(f"Opdracht '{assignment}' bestaat niet. Bekende opdrachten: {known}.")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON via a temporary file and a rename, so an interrupt never leaves half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def database_url(url: str) -> str:
    """A PostgreSQL address for the gradebook, with the pg8000 driver; Dutch errors."""
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+pg8000://" + url.split("://", 1)[1]
    if not url.startswith("postgresql+pg8000://") or len(url) <= len("postgresql+pg8000://"):
        raise LeerlabFout(
            "--database moet een PostgreSQL-adres zijn, zoals "
            "postgresql+pg8000://gebruiker:wachtwoord@host/database. Zonder --database komt "
            "het cijferboek in de cursusmap (SQLite)."
        )
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any connection problem: one Dutch message
        raise LeerlabFout(
            f"Kan geen verbinding maken met de database ({type(exc).__name__}). Controleer "
            "het adres, de gebruiker en of de server draait."
        ) from None
    finally:
        engine.dispose()
    return url


def opzetten(
    root: Path, studenten: Path, cursus_id: str = "leerlab", seed: int | None = None,
    database: str | None = None,
) -> Cursus:  # fmt: skip
    """Create a course folder for one group: config, sources, students in the gradebook."""
    students = read_students(studenten)
    url = database_url(database) if database else None
    root = Path(root).resolve()
    if (root / "nbgrader_config.py").exists():
        raise LeerlabFout(f"In {root} staat al een cursus. Kies een nieuwe map.")
    root.mkdir(parents=True, exist_ok=True)
    config = (exercises_dir() / "nbgrader_config.py").read_text(encoding="utf-8")
    config += f"\nc.CourseDirectory.course_id = {cursus_id!r}\n"
    if url:  # nbgrader's own tools (formgrader) use the same gradebook
        config += f"c.CourseDirectory.db_url = {url!r}\n"
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    from leerlab.grading.varianten import copy_source

    for assignment in sorted(p for p in (exercises_dir() / "source").iterdir() if p.is_dir()):
        copy_source(assignment, root / "source" / assignment.name, seed)
    shutil.copyfile(studenten, root / "studenten.csv")
    cursus = Cursus(root)
    cursus.save_state({"cursus": cursus_id, "seed": seed} | ({"database": url} if url else {}))
    import_students(cursus, students)
    return cursus


def import_students(cursus: Cursus, students: list[Student]) -> None:
    """Add or update every student in the gradebook (one transaction)."""
    with cursus.gradebook() as gb:
        for s in students:
            gb.update_or_create_student(
                s.id, first_name=s.voornaam or None, last_name=s.achternaam or None,
                email=s.email or None,
            )  # fmt: skip


def students_of(cursus: Cursus) -> list[Student]:
    with cursus.gradebook() as gb:
        return [
            Student(s.id, s.first_name or "", s.last_name or "", s.email or "") for s in gb.students
        ]
