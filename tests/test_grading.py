"""The trainer's workflow: student list, collecting, the CLI end to end with a cohort variant,
the student's own check, and the grades export."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from leerlab.errors import LeerlabFout
from leerlab.grading import proefklas
from leerlab.grading.bronnen import lees_bron
from leerlab.grading.cursusmap import Cursus, Student, exercises_dir, opzetten, read_students
from leerlab.grading.varianten import read_figures
from leerlab.grading.verzamelen import match

warnings.filterwarnings("ignore", message=".*not in session.*")
runner = CliRunner()


def cli(*args: str) -> str:
    from leerlab.commands.cli import app

    result = runner.invoke(app, ["cursus", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


# --------------------------------------------------------------------------- student list
def test_student_list_accepts_semicolons_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Studentnummer;Voornaam;Achternaam;E-mail\n123;Anna;de Vries;a@x.nl\n")
    assert read_students(path) == [Student("123", "Anna", "de Vries", "a@x.nl")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("naam\nAnna\n", "mist een kolom 'id'"),
        ("id\ns1\ns1\n", "twee keer"),
        ("id\nmet spatie\n", "geen geldige id"),
        ("", "is leeg"),
    ],
)
def test_student_list_errors_are_dutch(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text(text or "id\n")
    with pytest.raises(LeerlabFout, match=fragment):
        read_students(path)


# --------------------------------------------------------------------------- matching
STUDENTS = [Student("s001", "Anna", "de Vries"), Student("s002", "Bram", "Jansen"),
            Student("s010", "Anna", "Jansen")]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("12345-678 - Anna de Vries - 1 jan 2026 - h01.ipynb", ["s001"]),
        ("jansenbram_s002_12_h01.ipynb", ["s002"]),
        ("Bram Jansen_99_assignsubmission_file_/Untitled.ipynb", ["s002"]),
        ("s010/h01.ipynb", ["s010"]),
        ("s0010/h01.ipynb", []),
        ("iemand_anders.ipynb", []),
    ],
)
def test_matching_learning_platform_names(path: str, expected: list[str]) -> None:
    assert [s.id for s in match(path, STUDENTS)] == expected


# --------------------------------------------------------------------------- end to end
def _default_figures(assignment: str) -> dict[str, object]:
    nb = lees_bron(exercises_dir() / "source" / assignment / f"{assignment}.md")
    return read_figures(nb)


def test_workflow_end_to_end_with_cohort_variant(tmp_path: Path) -> None:
    """Student list → release → LMS zip → grade → feedback → grades CSV, for a cohort."""
    lijst = proefklas.studentenlijst(tmp_path / "studenten.csv", 4)
    base = _default_figures("h01")
    map_ = tmp_path / "groep"
    out = cli("opzetten", str(map_), "--studenten", str(lijst), "--cohort", "11")
    assert "klaar" in out
    cli("uitdelen", "h01", "--map", str(map_))
    cursus = Cursus(map_)
    release = nbformat.read(map_ / "release/h01/h01.ipynb", as_version=4)
    figures = read_figures(release)
    assert figures != base, "het cohortgetal moet de casusgetallen veranderen"
    assert (map_ / "release/h01.zip").is_file()

    source = nbformat.read(map_ / "source/h01/h01.ipynb", as_version=4)
    good = proefklas.uitgewerkt(release, source)
    # s003 copies the numbers of the public (default) version instead of computing them.
    copied = proefklas.vervang_antwoord(
        good, "h01-effect",
        f"effect_a = {base['kwaliteit_a'] * base['acceptatie_a']}\n"  # type: ignore[operator]
        f"effect_b = {base['kwaliteit_b'] * base['acceptatie_b']}",  # type: ignore[operator]
    )  # fmt: skip
    download = tmp_path / "download.zip"
    with zipfile.ZipFile(download, "w") as z:
        z.writestr("123 - Student1 Proef1 - 3 feb 2026 - h01.ipynb", nbformat.writes(good))
        z.writestr("Student2 Proef2_456_assignsubmission_file_/opdracht (1).ipynb",
                   nbformat.writes(good))  # fmt: skip
        z.writestr("s003/h01.ipynb", nbformat.writes(copied))
        z.writestr("onbekend/h01.ipynb", nbformat.writes(good))
        z.writestr("s001/notities.txt", "geen notebook")
    out = cli("verzamelen", "h01", str(download), "--map", str(map_))
    assert "Ontbreekt (1): s004" in out
    assert "onbekend/h01.ipynb" in out and "notities.txt" in out
    assert "hernoemd" in out  # s002's file had another name

    out = cli("nakijken", "h01", "--map", str(map_), "--processen", "3")
    assert "s001" in out and "s003" in out
    cli("feedback", "h01", "--map", str(map_))
    cli("cijfers", "--map", str(map_), "--uit", str(tmp_path / "cijfers.csv"))

    rows = list(csv.DictReader(io.StringIO((tmp_path / "cijfers.csv").read_text())))
    by_id = {r["student_id"]: r for r in rows}
    assert len(rows) == 4
    assert by_id["s001"]["h01 (max 8)"] == "5" and by_id["s002"]["h01 (max 8)"] == "5"
    assert by_id["s001"]["h01 status"] == "handmatig nakijken"  # the written part waits
    assert by_id["s003"]["h01 (max 8)"] == "3", "gekopieerde getallen mogen niet slagen"
    assert by_id["s004"]["h01 (max 8)"] == "" and by_id["s004"]["h01 status"] == "niet ingeleverd"
    page = (map_ / "feedback/s003/h01/h01.html").read_text()
    assert "Score: 3 van 8" in page and "Verborgen controle" in page
    assert cursus.seed == 11


def test_cli_help_is_dutch() -> None:
    out = cli("--help")
    for command in ("opzetten", "uitdelen", "verzamelen", "nakijken", "feedback", "cijfers",
                    "controleer"):  # fmt: skip
        assert command in out
    assert "Opdrachten" in out and "Toon deze hulp" in out


def test_missing_course_folder_is_a_dutch_error(tmp_path: Path) -> None:
    from leerlab.commands.cli import app

    result = runner.invoke(app, ["cursus", "cijfers", "--map", str(tmp_path)])
    assert isinstance(result.exception, LeerlabFout)
    assert "geen cursusmap" in str(result.exception)


# --------------------------------------------------------------------------- student check
def test_student_check_explains_what_is_missing(tmp_path: Path) -> None:
    from leerlab.grading.controleer import controleer

    lijst = proefklas.studentenlijst(tmp_path / "s.csv", 1)
    cursus = opzetten(tmp_path / "c", lijst)
    from leerlab.grading.uitdelen import uitdelen

    uitdelen(cursus, "h04")
    release = nbformat.read(cursus.folder("release", None, "h04") / "h04.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, "h04") / "h04.ipynb", 4)
    todo = proefklas.schrijf(release, tmp_path / "todo" / "h04.ipynb")
    done = proefklas.schrijf(proefklas.uitgewerkt(release, source), tmp_path / "af" / "h04.ipynb")
    first = controleer(todo)
    assert not first.klaar
    assert any("JOUW ANTWOORD HIER" in m for m in first.meldingen)
    assert any("faalt" in m for m in first.meldingen)
    assert controleer(done).klaar, controleer(done).tekst()
    assert not controleer(tmp_path / "bestaat-niet.ipynb").klaar
