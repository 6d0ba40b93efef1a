"""Release an assignment: student versions (no solutions, no hidden tests) plus a zip."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from leerlab.errors import LeerlabFout
from leerlab.grading.cursusmap import Cursus

FIXED_DATE = (2024, 1, 1, 0, 0, 0)
#: Text that must never reach a student: nbgrader's solution and hidden-test markers.
FORBIDDEN = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
             "BEGIN MARK SCHEME", "END MARK SCHEME")  # fmt: skip


def leaks(text: str) -> list[str]:
    """Markers of solutions or hidden tests found in ``text`` (empty when clean)."""
    return [marker for marker in FORBIDDEN if marker in text]


def uitdelen(cursus: Cursus, assignment: str) -> Path:
    """Generate the student version of ``assignment`` and zip it; returns the zip's path."""
    cursus.check_assignment(assignment)
    result = cursus.api().generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise LeerlabFout(
            f"Uitdelen van '{assignment}' mislukte: {result.get('error') or result.get('log')}"
        )
    release = cursus.folder("release", None, assignment)
    for path in release.rglob("*.ipynb"):
        found = leaks(path.read_text(encoding="utf-8"))
        if found:
            raise LeerlabFout(f"{path.name} bevat nog {found[0]}: controleer de bron.")
    return zip_folder(release, cursus.root / "release" / f"{assignment}.zip")


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip ``folder`` as ``<name>/...`` so students unpack one tidy folder.

    Entries get a fixed date, so the same files always give the same zip (the book ships
    these zips; a test regenerates them and compares).
    """
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder)}", FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return target


def studentversies(doel: Path, assignments: list[str] | None = None) -> list[Path]:
    """Student versions of the course's own assignments (default figures) as zips in ``doel``.

    Used for the book's download page: made in a throw-away course folder with one
    placeholder student, so nothing of a real group is involved.
    """
    from leerlab.grading.cursusmap import exercises_dir, opzetten

    doel.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="leerlab-studentversie-") as tmp:
        lijst = Path(tmp) / "studenten.csv"
        lijst.write_text("id\nvoorbeeld\n", encoding="utf-8")
        cursus = opzetten(Path(tmp) / "cursus", lijst)
        names = assignments or sorted(p.name for p in (exercises_dir() / "source").iterdir())
        paths = []
        for name in names:
            uitdelen(cursus, name)
            paths.append(zip_folder(cursus.folder("release", None, name), doel / f"{name}.zip"))
        return paths
