"""Export grades for a learning platform: one row per student, columns per assignment.

Formats (``formaat``): ``csv`` (our own table: points, cijfer and status per assignment) and
the documented grade-import layouts of Brightspace, Canvas and Moodle (sources at each
writer below). An unreadable or missing submission gets an empty score and a clear status,
never a silent 0 that looks like a real result.

The Dutch cijfer (1-10) is computed from the points with a pass mark (cesuur, a fraction of
the maximum) that is worth exactly 5.5, in two straight lines:

    fraction f = points / maximum
    f <  cesuur:  cijfer = 1 + 4.5 * f / cesuur
    f >= cesuur:  cijfer = 5.5 + 4.5 * (f - cesuur) / (1 - cesuur)

and then rounded to the nearest multiple of ``afronding`` (0.1, 0.5, ...), halves up. A
score below the cesuur never rounds up to a pass: it gets the highest step below 5.5.
Everything is computed with exact fractions, so 7.25 is a tie and becomes 7.3, not 7.2.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from leerlab.errors import LeerlabFout
from leerlab.grading.cursusmap import Cursus, Student, students_of, write_json_atomic  # noqa: F401
from leerlab.grading.nakijken import ONLEESBAAR, ONTBREEKT, read_status

NIET_INGELEVERD = "niet ingeleverd"
NAKIJKEN = "handmatig nakijken"
KLAAR = "nagekeken"
FORMATEN = ("csv", "brightspace", "canvas", "moodle")
VOLDOENDE = Fraction(11, 2)


def _fractie(value: float | str | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(str(value))


def cijfer(
    punten: float | str | Fraction, maximum: float | str | Fraction,
    cesuur: float | str | Fraction = "0.55", afronding: float | str | Fraction = "0.1",
) -> Fraction:  # fmt: skip
    """The Dutch cijfer 1-10 for ``punten`` of ``maximum`` (formula in the module docstring)."""
    p, m, c, step = (_fractie(v) for v in (punten, maximum, cesuur, afronding))
    if m <= 0 or not 0 < c < 1 or step <= 0 or step > 1:
        raise LeerlabFout(
            "Kan geen cijfer berekenen: het maximum moet meer dan 0 zijn, de cesuur tussen "
            "0 en 100 procent en de afronding tussen 0 en 1 (bijvoorbeeld 0,1 of 0,5)."
        )
    f = min(max(p / m, Fraction(0)), Fraction(1))
    exact = 1 + Fraction(9, 2) * f / c if f < c else VOLDOENDE + Fraction(9, 2) * (f - c) / (1 - c)
    rounded = math.floor(exact / step + Fraction(1, 2)) * step
    if f < c and rounded >= VOLDOENDE:
        rounded = math.ceil(VOLDOENDE / step - 1) * step
    return min(max(rounded, Fraction(1)), Fraction(10))


def tekst(value: Fraction, afronding: Fraction | str = "0.1") -> str:
    """A cijfer as text with as many decimals as the rounding step needs ('7.3', '7.5')."""
    step = _fractie(afronding)
    decimals = 0
    while (step * 10**decimals).denominator != 1 and decimals < 4:
        decimals += 1
    return f"{float(value):.{decimals}f}"


@dataclass
class Uitslag:
    punten: float | None
    maximum: float
    status: str


def _uitslag(cursus: Cursus, assignment: str, student: str, gb: object, maximum: float) -> Uitslag:
    from nbgrader.api import MissingEntry

    entries = read_status(cursus).get(assignment, {}).get(student, {})
    states = {e.get("status") for e in entries.values()}
    if ONLEESBAAR in states:
        return Uitslag(None, maximum, ONLEESBAAR)
    if not entries or states == {ONTBREEKT}:
        return Uitslag(None, maximum, NIET_INGELEVERD)
    try:
        sub = gb.find_submission(assignment, student)  # type: ignore[attr-defined]
    except MissingEntry:
        return Uitslag(None, maximum, NIET_INGELEVERD)
    status = NAKIJKEN if sub.needs_manual_grade else KLAAR
    return Uitslag(float(sub.score), maximum, status)


def _tabel(
    cursus: Cursus, assignments: list[str]
) -> tuple[dict[str, float], list[tuple[Student, dict[str, Uitslag]]]]:
    with cursus.gradebook() as gb:
        maxima = {}
        for a in assignments:
            try:
                maxima[a] = float(gb.find_assignment(a).max_score)
            except Exception:  # noqa: BLE001 - not released yet: no maximum known
                maxima[a] = 0.0
        rows = [
            (s, {a: _uitslag(cursus, a, s.id, gb, maxima[a]) for a in assignments})
            for s in sorted(students_of(cursus), key=lambda s: s.id)
        ]
    return maxima, rows


def _cijfer_tekst(u: Uitslag, cesuur: Fraction, afronding: Fraction) -> str:
    if u.punten is None or u.maximum <= 0:
        return ""
    return tekst(cijfer(u.punten, u.maximum, cesuur, afronding), afronding)


def _punten(u: Uitslag) -> str:
    return "" if u.punten is None else f"{u.punten:g}"


def cijfers(
    cursus: Cursus, assignments: list[str] | None = None, formaat: str = "csv",
    cesuur: float | str = "0.55", afronding: float | str = "0.1",
) -> str:  # fmt: skip
    """The grades table as CSV text (UTF-8) in the layout of ``formaat``."""
    if formaat not in FORMATEN:
        raise LeerlabFout(f"Onbekend formaat '{formaat}'. Kies uit: {', '.join(FORMATEN)}.")
    c, step = _fractie(cesuur), _fractie(afronding)
    cijfer(0, 1, c, step)  # checks cesuur and rounding before anything is read
    assignments = assignments or cursus.assignments()
    maxima, rows = _tabel(cursus, assignments)
    out = io.StringIO()
    writer = csv.writer(out)
    if formaat == "csv":
        header = ["student_id", "voornaam", "achternaam", "email"]
        for a in assignments:
            header += [f"{a} (max {maxima[a]:g})", f"{a} cijfer", f"{a} status"]
        writer.writerow(header)
        for s, per in rows:
            row = [s.id, s.voornaam, s.achternaam, s.email]
            for a in assignments:
                row += [_punten(per[a]), _cijfer_tekst(per[a], c, step), per[a].status]
            writer.writerow(row)
    elif formaat == "brightspace":
        # D2L Brightspace, "Importing grades" (community.d2l.com/brightspace/kb/articles/
        # 3538-importing-grades) and its Grades_Sample_Import_File.csv: a user key column
        # (OrgDefinedId and/or Username), one "<grade item> Points Grade" column per numeric
        # item, and a last column "End-of-Line Indicator" holding "#" on every row. Do not
        # import names or e-mail (same page). Our student id is the OrgDefinedId.
        header = ["OrgDefinedId"]
        for a in assignments:
            header += [f"{a} Points Grade", f"{a} cijfer Points Grade"]
        writer.writerow([*header, "End-of-Line Indicator"])
        for s, per in rows:
            row = [s.id]
            for a in assignments:
                row += [_punten(per[a]), _cijfer_tekst(per[a], c, step)]
            writer.writerow([*row, "#"])
    elif formaat == "canvas":
        # Canvas gradebook import (Instructure guide "How do I import grades in the
        # Gradebook?"; summarised by Ohio State, teaching.resources.osu.edu/toolsets/
        # carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades):
        # columns Student ("Last, First"), ID, SIS User ID, SIS Login ID, Section, then one
        # column per assignment; the export's second row "Points Possible" is accepted on
        # import. Canvas matches on SIS User ID when ID is empty; ours is the student id
        # (SIS Login ID stays empty: only the institution knows it).
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
        for a in assignments:
            header += [a, f"{a} cijfer"]
        writer.writerow(header)
        possible = ["    Points Possible", "", "", "", ""]
        for a in assignments:
            possible += [f"{maxima[a]:g}", "10"]
        writer.writerow(possible)
        for s, per in rows:
            name = ", ".join(p for p in (s.achternaam, s.voornaam) if p) or s.id
            row = [name, "", s.id, "", ""]
            for a in assignments:
                row += [_punten(per[a]), _cijfer_tekst(per[a], c, step)]
            writer.writerow(row)
    else:
        # Moodle "Grade import" (docs.moodle.org/311/en/Grade_import, CSV import): any
        # header row; on upload the trainer maps one identifier column to the user
        # ("ID number" -> useridnumber or "Email address" -> useremail) and each grade
        # column to a grade item. Column names follow Moodle's own export (First name,
        # Last name, ID number, Email address).
        header = ["First name", "Last name", "ID number", "Email address"]
        for a in assignments:
            header += [a, f"{a} cijfer"]
        writer.writerow(header)
        for s, per in rows:
            row = [s.voornaam, s.achternaam, s.id, s.email]
            for a in assignments:
                row += [_punten(per[a]), _cijfer_tekst(per[a], c, step)]
            writer.writerow(row)
    return out.getvalue()


def schrijf_cijfers(
    cursus: Cursus, doel: Path, assignments: list[str] | None = None, formaat: str = "csv",
    cesuur: float | str = "0.55", afronding: float | str = "0.1",
) -> Path:  # fmt: skip
    text = cijfers(cursus, assignments, formaat, cesuur, afronding)
    tmp = doel.with_name(f".{doel.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(doel)
    return doel
