"""Checks against the five sources that run on a fresh clone, without the source texts.

- no passage of 12+ words copied from the sources (against the committed fingerprint);
- every reference in data/ and in the chapters' source notes names a known document and a
  line range inside it;
- no absolute path of a machine in any tracked file.

With LEERLAB_BRONNEN set (CI: .ci/run) the texts themselves are read as well: the
fingerprint must match them, and a cited range must contain the name or figure it cites.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leerlab.models import bronnen, catalogus
from leerlab.models.naslag import BRONNEN, Casus
from leerlab.paths import data_dir

ROOT = Path(__file__).resolve().parents[1]
COURSE = [ROOT / d for d in ("chapters", "book", "data", "exercises")]
_CITE_T = re.compile(r"\{cite:t\}`([^`]+)`")
_REGELS = re.compile(r"regels?\s+(\d+)(?:\s*-\s*(\d+))?")


def texts() -> Path:
    """The folder with the texts, or skip (unset) / fail (set but unusable)."""
    folder = bronnen.bronteksten_map()  # raises BrontekstenFout when set but missing
    if folder is None:
        pytest.skip(bronnen.ZONDER_BRONTEKSTEN)
    return folder


def data_records() -> list[tuple[str, object]]:
    """Every record of every data file, with a label naming file and row."""
    from leerlab.data import load_records

    records = []
    for pattern in catalogus.DATASETS:
        model = catalogus.model_for(pattern)
        for path in sorted(data_dir().glob(pattern)):
            for i, record in enumerate(load_records(path, model), start=1):
                records.append((f"{path.relative_to(ROOT)}, rij {i}", record))
    return records


def data_references() -> list[tuple[str, object]]:
    return [(label, ref) for label, rec in data_records() for ref in bronnen.verwijzingen_in(rec)]


def chapter_references() -> list[tuple[str, str, int, int]]:
    """(page, key, first, last) of every "regel(s) N-M" in a chapter's source-notes bullet."""
    found = []
    for page in sorted(ROOT.glob("chapters/*.md")):
        text = page.read_text(encoding="utf-8")
        notes = text.partition("## Bronnen bij dit hoofdstuk")[2].partition("\n## ")[0]
        for bullet in re.split(r"\n- ", notes):
            keys = _CITE_T.findall(bullet)
            if len(keys) != 1 or keys[0] not in BRONNEN:
                continue
            for van, tot in _REGELS.findall(bullet):
                found.append((page.name, keys[0], int(van), int(tot or van)))
    return found


# ------------------------------------------------------------------- copied text
def test_no_passage_is_copied_from_the_sources() -> None:
    hits = bronnen.overlap(COURSE)
    assert not hits, "tekst uit de bronnen is letterlijk overgenomen (herschrijf in eigen " + (
        "woorden):\n" + "\n".join(str(h) for h in hits)
    )


def test_overlap_finds_a_run_of_twelve_words_and_not_of_eleven(tmp_path: Path) -> None:
    src = tmp_path / "bron"
    src.mkdir()
    words = [f"woord{i}" for i in range(40)]
    for key, name in BRONNEN.items():
        # each source gets its own words; one line break splits a hyphenated word
        own = [f"{key[:4]}{w}" for w in words]
        body = " ".join(own[:20]) + " lang-\n  gerekt " + " ".join(own[20:])
        (src / name).write_text(body + "\n", encoding="utf-8")
    out = tmp_path / "afdruk.json"
    bronnen.schrijf_vingerafdruk(src, out)
    afdruk = bronnen.laad_vingerafdruk(out)
    assert afdruk.regels == dict.fromkeys(BRONNEN, 2)
    rmo = [f"rmo2{w}" for w in words]
    cases = {
        "twaalf.md": "Eigen tekst. " + " ".join(rmo[3:15]) + " en verder eigen tekst.",
        "elf.md": "Eigen tekst. " + " ".join(rmo[3:14]) + " en verder eigen tekst.",
        "afgebroken.md": " ".join(rmo[12:20]) + " langgerekt " + " ".join(rmo[20:24]),
        # in the source "lang-gerekt" follows word 20, so the shared run ends there
        "cel.ipynb": json.dumps({"cells": [{"source": [" ".join(rmo[:30])]}]}),
    }
    course = tmp_path / "cursus"
    course.mkdir()
    for name, text in cases.items():
        (course / name).write_text(text, encoding="utf-8")
    hits = {h.bestand.name: h for h in bronnen.overlap([course], afdruk)}
    assert set(hits) == {"twaalf.md", "afgebroken.md", "cel.ipynb"}
    assert hits["twaalf.md"].document == "rmo2014" and hits["twaalf.md"].woorden == rmo[3:15]
    assert len(hits["afgebroken.md"].woorden) == 13
    assert hits["cel.ipynb"].woorden == rmo[:20]


def test_fingerprint_holds_no_source_text() -> None:
    data = json.loads(bronnen.vingerafdruk_pad().read_text(encoding="utf-8"))
    assert data["min_woorden"] == bronnen.MIN_WOORDEN
    assert set(data["bronnen"]) == set(BRONNEN)
    for key, bron in data["bronnen"].items():
        assert bron["bestand"] == BRONNEN[key]
        assert bron["regels"] > 50
        assert len(bron["shingles"]) > 1000
        assert all(re.fullmatch(r"[0-9a-f]{12}", h) for h in bron["shingles"])


def test_fingerprint_matches_the_texts() -> None:
    folder = texts()
    committed = json.loads(bronnen.vingerafdruk_pad().read_text(encoding="utf-8"))
    assert bronnen.maak_vingerafdruk(folder) == committed, (
        "data/bronnen/vingerafdruk.json hoort niet bij deze bronteksten; "
        "maak hem opnieuw met `leerlab data vingerafdruk`"
    )


def test_fingerprint_check_agrees_with_the_overlap_tool(tmp_path: Path) -> None:
    """Copy a run from each text into a page: this check and overlap.py report the same."""
    folder = texts()
    tool = folder.parent / "tools" / "overlap.py"
    if not tool.is_file():
        pytest.skip(f"de overlapcontrole {tool} staat niet naast de bronteksten")
    page = tmp_path / "pagina.md"
    parts = []
    for name in sorted(BRONNEN.values()):
        w = bronnen.woorden((folder / name).read_text(encoding="utf-8"))
        parts.append("Eigen zin zonder bron. " + " ".join(w[200:215]))
    page.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    ours = [(h.document, h.woorden) for h in bronnen.overlap([page])]
    result = subprocess.run(
        [sys.executable, str(tool), "--sources", str(folder), "--min-words", "12", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in result.stdout.splitlines() if "words shared with" in line]
    assert len(lines) == len(ours) == 5
    for line, (doc, run) in zip(lines, ours, strict=True):
        assert f"{len(run)} words shared with {BRONNEN[doc]}" in line


# --------------------------------------------------------------------- references
def test_every_reference_points_inside_its_source() -> None:
    afdruk = bronnen.laad_vingerafdruk()
    refs = data_references()
    assert len(refs) >= 40, "te weinig bronverwijzingen in data/"
    problems = [
        f"{label}: {fout}"
        for label, ref in refs
        if (fout := bronnen.regelfout(ref.document, *bronnen.bereik_van(ref), afdruk))
    ]
    chapters = chapter_references()
    assert len(chapters) >= 50
    problems += [
        f"{page}: {fout}"
        for page, key, van, tot in chapters
        if (fout := bronnen.regelfout(key, van, tot, afdruk))
    ]
    assert not problems, "verwijzingen naar regels die niet bestaan:\n" + "\n".join(problems)


def test_a_range_outside_the_file_is_caught(tmp_path: Path) -> None:
    afdruk = bronnen.laad_vingerafdruk()
    last = afdruk.regels["deboer2016"]
    assert bronnen.regelfout("deboer2016", last - 1, last, afdruk) is None
    assert "buiten deboer2016" in str(bronnen.regelfout("deboer2016", last, last + 1, afdruk))
    assert "onbekende bron" in str(bronnen.regelfout("deboer", 1, 2, afdruk))
    # in a data file: an unknown document and a reversed range are refused when loading
    from leerlab.data import load_records
    from leerlab.errors import DataFout

    case = (
        "- id: x\n  titel: Een casus\n  plaats: Ergens\n  actoren: [iemand]\n"
        "  wat: Er gebeurde iets dat lang genoeg is.\n  hoofdstuk: 1\n  bronnen: [rmo2014]\n"
        "  verwijzingen:\n    - {document: DOC, regels: 'RANGE'}\n"
    )
    for doc, rng, message in (("rmo", "1-2", "onbekende bron"), ("rmo2014", "9-3", "kleinste")):
        path = tmp_path / "x.yaml"
        path.write_text(case.replace("DOC", doc).replace("RANGE", rng), encoding="utf-8")
        with pytest.raises(DataFout, match=message):
            load_records(path, Casus)


#: How an assignment's "Bron:" paragraph names each source document.
_OPDRACHT_BRON = {
    r"Siegers, \*Transformatie in een\s+verandering van\s+tijdperk\*": "siegers-tijdperk",
    r"Siegers, \*De Nieuwe Route\*": "siegers-nieuweroute",
    r"De Boer\s+en\s+Peltenburg \(2016\)": "deboer2016",
    r"RMO \(2014\)": "rmo2014",
    r"Alternatieven-lab \(2021\)": "alternatievenlab2021",
}


def exercise_references(text: str) -> list[tuple[str, int, int]]:
    """(key, first, last) of the line ranges in an assignment's "Bron:" paragraph."""
    para = re.search(r"Bron: (.*?)\n\s*\n", text, re.DOTALL)
    if not para:
        return []
    body = " ".join(para.group(1).split())
    hits = sorted(
        (m.start(), m.end(), key)
        for pattern, key in _OPDRACHT_BRON.items()
        for m in re.finditer(pattern, body)
    )
    found = []
    for i, (_, end, key) in enumerate(hits):
        segment = body[end : hits[i + 1][0] if i + 1 < len(hits) else len(body)]
        segment = re.sub(r"\([^()]*\)", "", segment).partition("regel")[2]
        for van, tot in re.findall(r"\b(\d+)(?:-(\d+))?\b", segment):
            found.append((key, int(van), int(tot or van)))
    return found


def test_assignment_source_lines_are_parsed() -> None:
    text = (
        "Bij hoofdstuk 5. Bron: RMO (2014), *Leren*, regels 801-981 (de fricties) en\n"
        "1457-1475 (de Canta), en De Boer en Peltenburg (2016), regel 226 (in 2015).\n\nVerder."
    )
    assert exercise_references(text) == [
        ("rmo2014", 801, 981),
        ("rmo2014", 1457, 1475),
        ("deboer2016", 226, 226),
    ]


def test_every_assignment_cites_lines_inside_its_sources() -> None:
    afdruk = bronnen.laad_vingerafdruk()
    problems = []
    for path in sorted(ROOT.glob("exercises/source/*/*.md")):
        refs = exercise_references(path.read_text(encoding="utf-8"))
        if not refs:
            problems.append(f"{path.name}: de Bron-regel noemt geen regels uit een bron")
        problems += [
            f"{path.name}: {fout}"
            for key, van, tot in refs
            if (fout := bronnen.regelfout(key, van, tot, afdruk))
        ]
    assert not problems, "\n".join(problems)


def test_every_case_has_a_reference_to_each_source_it_names() -> None:
    from leerlab.models.naslag import casussen

    problems = []
    for case in casussen():
        cited = {v.document for v in case.verwijzingen}
        missing = [k for k in case.bronnen if k in BRONNEN and k not in cited]
        if not case.verwijzingen or missing:
            problems.append(f"casus {case.id}: geen regels bij {missing or case.bronnen}")
    assert not problems, "\n".join(problems)


def test_every_session_plan_cites_lines_of_its_sources() -> None:
    from leerlab.models.sessies import sessies

    problems = []
    for plan in sessies():
        cited = {v.document for v in plan.verwijzingen}
        missing = [k for k in plan.bronnen if k in BRONNEN and k not in cited]
        if not plan.verwijzingen or missing:
            problems.append(f"sessie {plan.code}: geen regels bij {missing or plan.bronnen}")
    assert not problems, "\n".join(problems)


def test_glossary_cites_lines_for_each_source_it_names() -> None:
    """A term names a source document only with a line range, and no range without its key."""
    from leerlab.models.naslag import begrippen

    problems = []
    for term in begrippen():
        cited = {v.document for v in term.verwijzingen}
        named = {k for k in term.bronnen if k in BRONNEN}
        if cited != named:
            problems.append(f"{term.term}: bronnen {sorted(named)}, regels bij {sorted(cited)}")
    assert not problems, "\n".join(problems)


def test_glossary_says_which_terms_are_general_knowledge() -> None:
    from leerlab.data import load_records
    from leerlab.errors import DataFout
    from leerlab.models.naslag import Begrip, begrippen, glossary_myst

    terms = {b.term: b for b in begrippen()}
    assert terms["wethouder"].algemeen and not terms["wethouder"].bronnen
    assert not terms["gelijkheidsreflex"].algemeen
    text = glossary_myst()
    assert "Algemene uitleg, niet uit de bronnen van de cursus." in text
    assert "{cite:p}`rmo2014`, regels 809-858." in text  # gelijkheidsreflex
    with pytest.raises(DataFout, match="algemeen: true"):
        load_records(
            _write_term("- term: iets\n  definitie: Een definitie die lang genoeg is.\n"), Begrip
        )


def _write_term(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_sourced_record_cites_lines_of_each_source_it_names() -> None:
    """Cases, terms, sessions, ladder texts: a source key in `bronnen` needs a line range."""
    problems = []
    checked = 0
    for label, record in data_records():
        if not hasattr(record, "verwijzingen") or getattr(record, "algemeen", False):
            continue
        checked += 1
        cited = {v.document for v in record.verwijzingen}
        missing = [k for k in record.bronnen if k in BRONNEN and k not in cited]
        if missing:
            problems.append(f"{label}: geen regels bij {missing}")
        dangling = sorted(cited - set(record.bronnen))
        if dangling:
            problems.append(f"{label}: regels uit {dangling}, maar die staan niet bij bronnen")
    assert checked >= 150
    assert not problems, "\n".join(problems)


def test_cited_ranges_contain_what_they_name() -> None:
    folder = texts()
    problems = []
    checked = 0
    for label, ref in data_references():
        noemt = getattr(ref, "noemt", [])
        if not noemt:
            continue
        checked += len(noemt)
        for missing in bronnen.naamfouten(ref.document, *bronnen.bereik_van(ref), noemt, folder):
            problems.append(f"{label}: '{missing}' staat niet in {ref.document} {ref.regels}")
    assert checked >= 40
    assert not problems, "\n".join(problems)


def test_case_overview_shows_the_lines_of_each_source() -> None:
    from leerlab.models.naslag import bron_regel, cases_table_myst, casussen

    table = cases_table_myst()
    for case in casussen():
        assert bron_regel(case.bronnen, case.verwijzingen) in table
    lydia = next(c for c in casussen() if c.id == "leertraject-tien-gemeenten")
    assert bron_regel(lydia.bronnen, lydia.verwijzingen) == (
        "Bron: {cite:p}`deboer2016`, regels 3-13, 23 en 298."
    )
    two = bron_regel(["rmo2014", "graas2018"], [])
    assert two == "Bron: {cite:p}`rmo2014`; {cite:p}`graas2018`."


def test_names_are_compared_across_line_breaks_and_hyphens(tmp_path: Path) -> None:
    for name in BRONNEN.values():
        (tmp_path / name).write_text("regel een\nStichting Anton Con-\nstandse en\n2,8 procent\n")
    found = bronnen.naamfouten(
        "rmo2014", 2, 4, ["Stichting Anton Constandse", "2,8 procent", "3,8 procent"], tmp_path
    )
    assert found == ["3,8 procent"]
    assert bronnen.naamfouten("rmo2014", 1, 1, ["Anton"], tmp_path) == ["Anton"]


def test_source_folder_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bronnen.OMGEVING, raising=False)
    assert bronnen.bronteksten_map() is None
    monkeypatch.setenv(bronnen.OMGEVING, str(tmp_path / "weg"))
    with pytest.raises(bronnen.BrontekstenFout, match="staan de bronteksten niet"):
        bronnen.bronteksten_map()
    monkeypatch.setenv(bronnen.OMGEVING, str(tmp_path))
    with pytest.raises(bronnen.BrontekstenFout, match="ontbreekt"):
        bronnen.bronteksten_map()
    for name in BRONNEN.values():
        (tmp_path / name).write_text("x\n")
    assert bronnen.bronteksten_map() == tmp_path


# ------------------------------------------------------------------ absolute paths
#: Absolute paths of a machine (built in pieces so this file does not match itself).
_ABSOLUUT = re.compile(
    "(?<![\\w.~])(/" + "work/|/" + "root/|/" + "home/[a-z_][\\w-]*/|/" + "Users/\\w|"
    "[A-Z]:\\\\" + "Users\\\\)"
)


def test_no_absolute_path_of_a_machine_in_tracked_files() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("geen git-checkout")
    problems = []
    for name in listed.stdout.split("\0"):
        path = ROOT / name
        if not name or not path.is_file():
            continue
        raw = path.read_bytes()
        if b"\0" in raw[:8000]:
            continue  # binary (zip, image)
        for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
            if _ABSOLUUT.search(line):
                problems.append(f"{name}:{number}: {line.strip()[:100]}")
    assert not problems, "absolute paden van een machine (maak ze relatief):\n" + "\n".join(
        problems
    )


def test_absolute_path_pattern() -> None:
    for bad in ("zie /" + "work/shared/sources", "'/" + "root/x'", "/" + "home/anna/cursus"):
        assert _ABSOLUUT.search(bad), bad
    for fine in ("../shared/sources", "https://example.org/work/x", "data/home/", "~/cursus"):
        assert not _ABSOLUUT.search(fine), fine
