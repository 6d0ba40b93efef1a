"""Export grades as CSV for a learning platform: one row per student, a column per assignment.

Each assignment gets a score column (its header names the maximum) and a status column.
An unreadable or missing submission gets an empty score and a clear status, never a
silent 0 that looks like a real result.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from leerlab.grading.cursusmap import Cursus, students_of, write_json_atomic  # noqa: F401
from leerlab.grading.nakijken import ONLEESBAAR, ONTBREEKT, read_status

NIET_INGELEVERD = "niet ingeleverd"
NAKIJKEN = "handmatig nakijken"
KLAAR = "nagekeken"


def _status_of(cursus: Cursus, assignment: str, student: str, gb: object) -> tuple[str, str]:
    """(score text, status word) for one student and assignment."""
    from nbgrader.api import MissingEntry

    entries = read_status(cursus).get(assignment, {}).get(student, {})
    states = {e.get("status") for e in entries.values()}
    if ONLEESBAAR in states:
        return "", ONLEESBAAR
    if not entries:
        return "", NIET_INGELEVERD
    try:
        sub = gb.find_submission(assignment, student)  # type: ignore[attr-defined]
    except MissingEntry:
        return "", NIET_INGELEVERD
    if states == {ONTBREEKT}:
        return "", NIET_INGELEVERD
    status = NAKIJKEN if sub.needs_manual_grade else KLAAR
    return f"{float(sub.score):g}", status


def cijfers(cursus: Cursus, assignments: list[str] | None = None) -> str:
    """The grades table as CSV text (comma separated, UTF-8)."""
    assignments = assignments or cursus.assignments()
    out = io.StringIO()
    writer = csv.writer(out)
    with cursus.gradebook() as gb:
        maxima = {}
        for a in assignments:
            try:
                maxima[a] = float(gb.find_assignment(a).max_score)
            except Exception:  # noqa: BLE001 - not released yet: no maximum known
                maxima[a] = 0.0
        header = ["student_id", "voornaam", "achternaam", "email"]
        for a in assignments:
            header += [f"{a} (max {maxima[a]:g})", f"{a} status"]
        writer.writerow(header)
        for s in sorted(students_of(cursus), key=lambda s: s.id):
            row = [s.id, s.voornaam, s.achternaam, s.email]
            for a in assignments:
                row += list(_status_of(cursus, a, s.id, gb))
            writer.writerow(row)
    return out.getvalue()


def schrijf_cijfers(cursus: Cursus, doel: Path, assignments: list[str] | None = None) -> Path:
    doel.write_text(cijfers(cursus, assignments), encoding="utf-8")
    return doel
