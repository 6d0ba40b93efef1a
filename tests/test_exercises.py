"""Every assignment round-trips through the grader: solutions get full marks, the untouched
release gets zero, a tampered test cell is caught, and feedback never leaks hidden tests or
solutions. Also: the MyST sources are canonical, bad sources get a Dutch message, and the
book's downloads are the real, clean student versions."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import nbformat
import pytest

from leerlab.errors import LeerlabFout
from leerlab.grading import proefklas
from leerlab.grading.bronnen import lees_bron, schrijf_bron
from leerlab.grading.cursusmap import Cursus, exercises_dir, opzetten
from leerlab.grading.feedback import feedback
from leerlab.grading.nakijken import nakijken
from leerlab.grading.uitdelen import FORBIDDEN, leaks, uitdelen
from leerlab.grading.varianten import read_figures, variant_figures

warnings.filterwarnings("ignore", message=".*not in session.*")

ROOT = Path(__file__).resolve().parent.parent
SOURCE = exercises_dir() / "source"
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())
STUDENTS = ("bron", "leeg", "vals")


def region_lines(text: str, begin: str, end: str) -> list[str]:
    """Substantial lines inside begin/end markers (what must never reach a student)."""
    lines, inside = [], False
    for line in text.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and len(line.strip()) > 20:
            lines.append(line.strip())
    return lines


def secrets(assignment: str) -> tuple[list[str], list[str]]:
    nb = lees_bron(SOURCE / assignment / f"{assignment}.md")
    text = "\n".join(c.source for c in nb.cells)
    hidden = region_lines(text, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    solutions = region_lines(text, "BEGIN SOLUTION", "END SOLUTION")
    return hidden, solutions


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Cursus:
    """One course, every assignment released, three students per assignment, all graded."""
    tmp = tmp_path_factory.mktemp("ronde")
    lijst = tmp / "studenten.csv"
    lijst.write_text("id\n" + "\n".join(STUDENTS) + "\n", encoding="utf-8")
    cursus = opzetten(tmp / "cursus", lijst)
    for a in ASSIGNMENTS:
        uitdelen(cursus, a)
        release = nbformat.read(cursus.folder("release", None, a) / f"{a}.ipynb", as_version=4)
        folder = cursus.root / "submitted"
        shutil.copy(cursus.folder("source", None, a) / f"{a}.ipynb", cursus.root / "bron.ipynb")
        proefklas.schrijf(
            nbformat.read(cursus.root / "bron.ipynb", as_version=4), folder / f"bron/{a}/{a}.ipynb"
        )
        proefklas.schrijf(release, folder / f"leeg/{a}/{a}.ipynb")
        vals = release
        for test in proefklas.testcellen(release):
            vals = proefklas.met_testcel(vals, test, "pass")
        proefklas.schrijf(vals, folder / f"vals/{a}/{a}.ipynb")
    for a in ASSIGNMENTS:
        nakijken(cursus, a)
        feedback(cursus, a)
    return cursus


def scores(cursus: Cursus, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, autograded maximum) for one submission."""
    with cursus.gradebook() as gb:
        sub = gb.find_submission_notebook(assignment, assignment, student)
        auto = [g for g in sub.grades if g.cell.cell_type == "code"]
        return sum(g.auto_score or 0 for g in auto), sum(g.max_score for g in auto)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solutions_get_full_marks(graded: Cursus, assignment: str) -> None:
    score, most = scores(graded, assignment, "bron")
    assert most > 0
    assert score == most, f"{assignment}: de uitwerking haalt {score} van {most} punten"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_gets_zero(graded: Cursus, assignment: str) -> None:
    assert scores(graded, assignment, "leeg")[0] == 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_tampered_test_cells_are_caught(graded: Cursus, assignment: str) -> None:
    from leerlab.grading.nakijken import read_status

    assert scores(graded, assignment, "vals")[0] == 0
    reasons = read_status(graded)[assignment]["vals"][assignment]["redenen"]
    assert any("aangepast" in r for r in reasons), reasons


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_leaks_no_hidden_tests_or_solutions(graded: Cursus, assignment: str) -> None:
    hidden, solutions = secrets(assignment)
    assert hidden and solutions
    for student in STUDENTS:
        page = (graded.folder("feedback", student, assignment) / f"{assignment}.html").read_text()
        assert "Score:" in page and 'lang="nl"' in page.replace("'", '"')
        assert "HIDDEN TESTS" not in page
        assert not [line for line in hidden if line in page], student
        assert "http://" not in page and "https://" not in page and "<script" not in page
        if student != "bron":  # "bron" handed in the source itself: its own code is the solution
            assert not [line for line in solutions if line in page], student
            assert "Beoordelingsmodel" not in page and "Modelantwoord" not in page


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_clean_and_matches_book_download(graded: Cursus, assignment: str) -> None:
    released = graded.folder("release", None, assignment) / f"{assignment}.ipynb"
    text = released.read_text(encoding="utf-8")
    hidden, solutions = secrets(assignment)
    assert leaks(text) == []
    assert not [line for line in hidden + solutions if line in text]
    assert "Beoordelingsmodel" not in text and "JOUW ANTWOORD HIER" in text
    with zipfile.ZipFile(ROOT / "book" / "opdrachten" / f"{assignment}.zip") as archive:
        shipped = archive.read(f"{assignment}/{assignment}.ipynb").decode("utf-8")
    assert shipped == text, "book/opdrachten is verouderd: draai 'leerlab cursus boekversies'"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_sources_are_markdown_in_canonical_form(assignment: str, tmp_path: Path) -> None:
    """Each assignment is one MyST file that reads and writes back unchanged (no .ipynb kept)."""
    folder = SOURCE / assignment
    kept = sorted(p.name for p in folder.iterdir() if p.suffix in {".md", ".ipynb"})
    assert f"{assignment}.md" in kept
    assert not [name for name in kept if name.endswith(".ipynb")] or not _tracked(folder)
    source = folder / f"{assignment}.md"
    again = schrijf_bron(lees_bron(source), tmp_path / source.name)
    assert again.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def _tracked(folder: Path) -> list[str]:
    """.ipynb files git tracks in ``folder`` (nbgrader's notebooks are made, never committed)."""
    out = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=folder, capture_output=True, text=True, check=False
    )
    return out.stdout.split()


def test_a_broken_source_gets_a_dutch_message(tmp_path: Path) -> None:
    text = (SOURCE / "h01" / "h01.md").read_text(encoding="utf-8")
    cases = {
        "geen-punten": (text.replace("  points: 2\n", "", 1), "heeft 'points' nodig"),
        "typfout": (
            text.replace("  locked: true", "  lockd: true", 1),
            "onbekende nbgrader-optie 'lockd'",
        ),
        "yaml": (
            text.replace("nbgrader:\n  grade: false", "nbgrader:\n grade: [false", 1),
            "geen leesbaar MyST-notebook",
        ),
    }
    for name, (broken, message) in cases.items():
        path = tmp_path / f"{name}.md"
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(LeerlabFout, match=re.escape(message)):
            lees_bron(path)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_structure(assignment: str) -> None:
    """Case figures, autograded parts with hidden tests and Dutch messages, a written part."""
    nb = lees_bron(SOURCE / assignment / f"{assignment}.md")
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    assert read_figures(nb), "casusgegevens ontbreekt"
    tests = [
        c for c, m in zip(nb.cells, meta, strict=True) if m.get("grade") and not m.get("solution")
    ]
    assert len(tests) >= 2
    for cell in tests:
        assert "BEGIN HIDDEN TESTS" in cell.source
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assert):
                assert node.msg is not None, f"assert zonder melding in {assignment}"
    written = [c for c, m in zip(nb.cells, meta, strict=True)
               if m.get("grade") and m.get("solution") and c.cell_type == "markdown"]  # fmt: skip
    assert written and all("Beoordelingsmodel" in c.source for c in written)
    assert any("pd.read_csv" in c.source or "leerlab." in c.source for c in nb.cells)
    assert "NBGRADER_EXECUTION" in nb.cells[-1].source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_cohort_seed_changes_figures(assignment: str) -> None:
    nb = lees_bron(SOURCE / assignment / f"{assignment}.md")
    base = variant_figures(nb, assignment, None)
    seeds = [variant_figures(nb, assignment, seed) for seed in (1, 2, 3)]
    assert any(s != base for s in seeds)
    assert variant_figures(nb, assignment, 2) == variant_figures(nb, assignment, 2)


def test_markers_are_nbgraders() -> None:
    assert "BEGIN SOLUTION" in FORBIDDEN and "BEGIN HIDDEN TESTS" in FORBIDDEN
    assert re.search("BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TESTS")


def test_a_new_assignment_from_an_ipynb_becomes_an_identical_source(tmp_path: Path) -> None:
    """`leerlab cursus bron` turns a trainer's .ipynb into a source that reads back the same."""
    nb = lees_bron(SOURCE / "h02" / "h02.md")
    nbformat.write(nb, tmp_path / "h09.ipynb")
    leerlab = str(Path(sys.executable).parent / "leerlab")
    target = tmp_path / "h09" / "h09.md"
    done = subprocess.run(
        [leerlab, "cursus", "bron", str(tmp_path / "h09.ipynb"), "--naar", str(target)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    back = lees_bron(target)
    assert [(c.source, c.metadata) for c in back.cells] == [
        (c.source, c.metadata) for c in nb.cells
    ]
    again = subprocess.run(
        [leerlab, "cursus", "bron", str(tmp_path / "h09.ipynb"), "--naar", str(target)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 2 and "bestaat al" in again.stderr


def test_h01_variants_keep_the_story_of_the_model_answer() -> None:
    """The written model answer says the residents' plan has lower quality and still wins:
    that must hold for every cohort the variant ranges allow, not only for the defaults."""
    specs = lees_bron(SOURCE / "h01" / "h01.md").metadata["leerlab"]["varianten"]

    def values(name: str) -> range:
        return range(specs[name]["min"], specs[name]["max"] + 1)

    for ka, aa, kb, ab in itertools.product(
        values("kwaliteit_a"), values("acceptatie_a"), values("kwaliteit_b"), values("acceptatie_b")
    ):
        assert kb < ka and kb * ab > ka * aa, (ka, aa, kb, ab)
