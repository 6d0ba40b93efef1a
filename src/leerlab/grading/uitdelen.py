"""Release an assignment: student versions (no solutions, no hidden tests) plus a zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import LeerlabFout
from .cursusmap import Cursus

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
    """Zip ``folder`` as ``<name>/...`` so students unpack one tidy folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                archive.write(path, f"{folder.name}/{path.relative_to(folder)}")
    return target
