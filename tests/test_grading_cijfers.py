"""Grades an LMS imports (issue 17): the Dutch cijfer by hand at the edges, and each export
against a fixture file in that platform's import layout."""

from __future__ import annotations

import csv
import io
import warnings
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from leerlab.errors import LeerlabFout
from leerlab.grading import proefklas
from leerlab.grading.cijfers import cijfer, cijfers, tekst
from leerlab.grading.cursusmap import Cursus, opzetten
from leerlab.grading.nakijken import nakijken
from leerlab.grading.uitdelen import uitdelen

warnings.filterwarnings("ignore", message=".*not in session.*")
FIXTURES = Path(__file__).parent / "fixtures" / "lms"
A = "h04"


# --------------------------------------------------------------------------- the formula
@pytest.mark.parametrize(
    ("punten", "maximum", "cesuur", "stap", "verwacht"),
    [
        (0, 40, "0.55", "0.1", "1"),  # nothing: the lowest cijfer
        (22, 40, "0.55", "0.1", "5.5"),  # exactly the cesuur: exactly 5.5
        (40, 40, "0.55", "0.1", "10"),  # full marks
        (29, 40, "0.55", "0.1", "7.3"),  # 5.5 + 4.5*(0.725-0.55)/0.45 = 7.25: tie, up
        (29, 40, "0.55", "0.5", "7.5"),  # 7.25 / 0.5 = 14.5: tie, up to 15 * 0.5
        (11, 40, "0.55", "0.1", "3.3"),  # 1 + 4.5*0.275/0.55 = 3.25: tie, up
        (11, 40, "0.55", "0.5", "3.5"),  # 3.25 / 0.5 = 6.5: tie, up
        (21.8, 40, "0.55", "0.1", "5.4"),  # 5.459 would round to 5.5: below cesuur stays 5.4
        (21.8, 40, "0.55", "0.5", "5"),  # ... and with steps of 0.5 it is a 5.0
        (30, 60, "0.5", "0.1", "5.5"),  # another cesuur: half the points is a 5.5
        (45, 60, "0.5", "0.1", "7.8"),  # 5.5 + 4.5*0.25/0.5 = 7.75: tie, up
        (50, 40, "0.55", "0.1", "10"),  # extra credit never gives more than 10
    ],
)
def test_cijfer_by_hand(
    punten: float, maximum: float, cesuur: str, stap: str, verwacht: str
) -> None:
    assert cijfer(punten, maximum, cesuur, stap) == Fraction(verwacht)


def test_cijfer_text_and_errors() -> None:
    assert tekst(Fraction(73, 10), "0.1") == "7.3" and tekst(Fraction(10), "0.5") == "10.0"
    assert tekst(Fraction(6), "1") == "6"
    for bad in [(1, 0, "0.55", "0.1"), (1, 10, "1.2", "0.1"), (1, 10, "0.55", "0")]:
        with pytest.raises(LeerlabFout, match="Kan geen cijfer berekenen"):
            cijfer(*bad)


# --------------------------------------------------------------------------- the exports
@pytest.fixture(scope="module")
def klas(tmp_path_factory: pytest.TempPathFactory) -> Cursus:
    """Three students: all answers right, one answer wrong, nothing handed in."""
    tmp = tmp_path_factory.mktemp("lms")
    lijst = tmp / "studenten.csv"
    lijst.write_text(
        "id,voornaam,achternaam,email\n"
        's001,Anna,de Vries,anna@hs.nl\ns002,Bram,"Jansen, jr.",bram@hs.nl\n'
        "s003,Cem,Yilmaz,cem@hs.nl\n"
    )
    cursus = opzetten(tmp / "cursus", lijst)
    uitdelen(cursus, A)
    release = nbformat.read(cursus.folder("release", None, A) / f"{A}.ipynb", 4)
    source = nbformat.read(cursus.folder("source", None, A) / f"{A}.ipynb", 4)
    good = proefklas.uitgewerkt(release, source)
    wrong = proefklas.vervang_antwoord(good, proefklas.eerste_antwoord(good), "x = -1")
    proefklas.schrijf(good, cursus.root / f"submitted/s001/{A}/{A}.ipynb")
    proefklas.schrijf(wrong, cursus.root / f"submitted/s002/{A}/{A}.ipynb")
    nakijken(cursus, A, workers=2)
    return cursus


@pytest.mark.parametrize("formaat", ["csv", "brightspace", "canvas", "moodle"])
def test_export_matches_the_platform_fixture(klas: Cursus, formaat: str) -> None:
    """The fixtures were checked by hand: h04 has 7 points (3 of them for written answers, so
    'handmatig nakijken'); s001 has 4: 4/7 = 0.571 >= 0.55, 5.5 + 4.5 * 0.021 / 0.45 = 5.71
    -> 5.7; s002 has 2: 1 + 4.5 * 0.286 / 0.55 = 3.34 -> 3.3; s003 handed in nothing."""
    text = cijfers(klas, [A], formaat, cesuur="0.55", afronding="0.1")
    expected = (FIXTURES / f"{formaat}.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(text))) == list(csv.reader(io.StringIO(expected)))


def test_layouts_follow_the_documentation(klas: Cursus) -> None:
    bs = list(csv.reader(io.StringIO(cijfers(klas, [A], "brightspace"))))
    assert bs[0][0] == "OrgDefinedId" and bs[0][-1] == "End-of-Line Indicator"
    assert all(h.endswith(" Points Grade") for h in bs[0][1:-1])
    assert all(row[-1] == "#" for row in bs[1:]) and len(bs) == 4
    canvas = list(csv.reader(io.StringIO(cijfers(klas, [A], "canvas"))))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0].strip() == "Points Possible"
    assert canvas[3][0] == "Jansen, jr., Bram" and canvas[3][2] == "s002"
    moodle = list(csv.DictReader(io.StringIO(cijfers(klas, [A], "moodle"))))
    assert [r["Email address"] for r in moodle] == ["anna@hs.nl", "bram@hs.nl", "cem@hs.nl"]
    assert moodle[2][A] == "" and moodle[2][f"{A} cijfer"] == ""  # not handed in: no 1.0


def test_cli_formats_cesuur_and_rounding(klas: Cursus, tmp_path: Path) -> None:
    from leerlab.commands.cli import app

    runner = CliRunner()
    uit = tmp_path / "bs.csv"
    args = ["cursus", "cijfers", "--map", str(klas.root), "--uit", str(uit)]
    result = runner.invoke(app, [*args, "--formaat", "Brightspace", "--cesuur", "50",
                                 "--afronding", "0.5"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(uit.read_text())))
    maximum = float(next(csv.reader(io.StringIO(cijfers(klas, [A]))))[4].split("max ")[1][:-1])
    s001 = float(rows[0][f"{A} Points Grade"])
    assert rows[0][f"{A} cijfer Points Grade"] == tekst(cijfer(s001, maximum, "0.5", "0.5"), "0.5")
    for bad, fragment in [(["--formaat", "blackboard"], "Onbekend formaat"),
                          (["--cesuur", "120"], "tussen 0 en 100"),
                          (["--afronding", "3"], "afronding")]:  # fmt: skip
        result = runner.invoke(app, [*args, *bad])
        assert isinstance(result.exception, LeerlabFout), result.output
        assert fragment in str(result.exception)
