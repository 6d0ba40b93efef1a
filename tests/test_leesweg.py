"""Issue 18, a reader's path: every chapter page can be read in one sitting.

Checks on every page in chapters/ (the prose a reader sees, measured with
leerlab.boek.leesbaarheid, the same measure as bench/leesbaarheid.py):

- at most 3,000 words, Flesch-Douma >= 62 and at most 14 words per sentence;
- a reading-time line right under the title (words / 200, rounded up; one minute of slack)
  and an "In het kort" box with 3-5 points;
- "Over de bron" boxes fold away (dropdown);
- one word per concept: the variants that book/stijlgids.md ("Eén woord per begrip") marks
  with * do not occur, except inside a marked quote or a fixed label of the self-test.

And per chapter (its page group from _toc.yml): numbered learning goals, each with a
reflection question whose title ends with "(leerdoel N)"; a question that starts with
"Pas toe op je eigen situatie" and one that starts with "Weeg de spanning"; a worked example
("## Uitgewerkt voorbeeld: ...") before the questions.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from leerlab.boek.leesbaarheid import WOORDEN_PER_MINUUT, hoofdstukpaginas, meet, proza
from leerlab.models.ladder import PERSPECTIEF_LABEL

ROOT = Path(__file__).resolve().parent.parent

MAX_WOORDEN = 3000
MIN_FLESCH_DOUMA = 62.0
MAX_ZINSLENGTE = 14.0
#: A B1 reader, for the "Leestijd" line: the book's one reading speed (words / 200, rounded up).
WOORDEN_PER_MINUUT_LEESTIJD = WOORDEN_PER_MINUUT

# Pages that are not converted yet. Each entry is a visible gap, not an exception to the
# rules: remove the page from this list when it is converted.
NOG_NIET: dict[str, str] = {}
NOG_NIET_HOOFDSTUK: dict[int, str] = {}

#: (pattern, what to write instead). Mirrors the starred rows of book/stijlgids.md.
VERBODEN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bhet RMO\b(?!-)", re.IGNORECASE), "de RMO"),
    (re.compile(r"\bcliënt(?:en)?\b", re.IGNORECASE), "hulpvrager(s)"),
    (re.compile(r"\bzorgvragers?\b", re.IGNORECASE), "hulpvrager(s)"),
    (re.compile(r"\bWMO\b"), "Wmo"),
    (re.compile(r"\btrap van eigenaarschap\b"), "Trap van Eigenaarschap"),
    (re.compile(r"\bTrap van eigenaarschap\b"), "Trap van Eigenaarschap"),
    (re.compile(r"\beigenaarschapsladder\b", re.IGNORECASE), "Trap van Eigenaarschap"),
    (re.compile(r"\bladder van eigenaarschap\b", re.IGNORECASE), "Trap van Eigenaarschap"),
    (re.compile(r"\bAlternatievenlab\b", re.IGNORECASE), "Alternatieven-lab"),
    (re.compile(r"\bAlternatieven lab\b", re.IGNORECASE), "Alternatieven-lab"),
    (re.compile(r"\bdoedemocratie\b", re.IGNORECASE), "doe-democratie"),
    (re.compile(r"\bRight to Challenge\b"), "right to challenge"),
    (re.compile(r"\bpopulatiebekostiging\b", re.IGNORECASE), "populatiegebonden bekostiging"),
]
#: A marked quote keeps the source's word: „…", "…", “…”, ‘…’ (not the apostrophe of "auto's").
_CITAAT = re.compile(r"„[^”\"]{0,400}[”\"]|\"[^\"]{0,400}\"|“[^”]{0,400}”|‘[^’]{0,400}’")

_TITEL = re.compile(r"^# .+$", re.MULTILINE)
_LEESTIJD = re.compile(r"^\*Leestijd: ongeveer (\d+) minuten?\. Lees eerst: .+\.\*$")
_IN_HET_KORT = re.compile(
    r"^(:{3,}|`{3,})\{admonition\} In het kort\n:class: tip\n((?:- .+\n)+)\1$", re.MULTILINE
)
_OVER_DE_BRON = re.compile(r"^(:{3,}|`{3,})\{admonition\} Over de bron\n(.*)$", re.MULTILINE)
_OPGAVE = re.compile(r"^(?::{3,}|`{3,})\{exercise\}[ \t]*(.*)$", re.MULTILINE)
_LEERDOEL = re.compile(r"\(leerdoel (\d+)\)$")


def tekst(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def pagina_param(page: Path) -> object:
    reason = NOG_NIET.get(page.name)
    marks = [pytest.mark.skip(reason=reason)] if reason else []
    return pytest.param(page, id=page.name, marks=marks)


PAGINAS = [pagina_param(p) for p in hoofdstukpaginas(ROOT)]


def hoofdstukken() -> dict[int, list[Path]]:
    """Chapter number -> its pages in reading order (main file, then its _toc.yml sections)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    groups: dict[int, list[Path]] = {}
    for part in toc["parts"]:
        for entry in part.get("chapters", []):
            m = re.fullmatch(r"chapters/(\d\d)-[\w-]+", entry["file"])
            if m:
                sections = [s["file"] for s in entry.get("sections", [])]
                groups[int(m.group(1))] = [ROOT / f"{f}.md" for f in [entry["file"], *sections]]
    return groups


HOOFDSTUKKEN = [
    pytest.param(
        n,
        id=f"hoofdstuk-{n}",
        marks=[pytest.mark.skip(reason=NOG_NIET_HOOFDSTUK[n])] if n in NOG_NIET_HOOFDSTUK else [],
    )
    for n in sorted(hoofdstukken())
]


def leerdoelen(text: str) -> list[int]:
    """Numbers of the ordered list under '## Leerdoelen' (up to the next heading)."""
    m = re.search(r"^## Leerdoelen\n(.*?)(?=^#{1,6} )", text, re.MULTILINE | re.DOTALL)
    assert m, "geen '## Leerdoelen' met een kop erna"
    return [int(n) for n in re.findall(r"^(\d+)\. ", m.group(1), re.MULTILINE)]


def opgavetitels(text: str) -> list[str]:
    return [t.strip() for t in _OPGAVE.findall(text)]


def termfouten(markdown: str) -> list[str]:
    """Forbidden variants in the prose a reader sees (exercise titles included)."""
    zichtbaar = proza(markdown) + "\n" + "\n".join(opgavetitels(markdown))
    zichtbaar = _CITAAT.sub(" ", re.sub(r"\s+", " ", zichtbaar))
    for label in PERSPECTIEF_LABEL.values():  # fixed labels of the self-test stay as shown
        zichtbaar = re.sub(re.escape(label), " ", zichtbaar, flags=re.IGNORECASE)
    return [
        f"'{m.group(0)}' (schrijf: {beter})"
        for pattern, beter in VERBODEN
        for m in pattern.finditer(zichtbaar)
    ]


# ------------------------------------------------------------ the helpers catch defects
def test_helpers_catch_bad_samples() -> None:
    bad = (
        "# Titel\n\n*Leestijd: ongeveer 3 minuten. Lees eerst: niets.*\n\n"
        "Het RMO zegt dat de cliënt en de zorgvragers in de WMO iets willen. De "
        "trap van eigenaarschap en het Alternatievenlab ook.\n\n"
        '"Regie bij cliënt" staat op de dia. Het RMO-advies en de RMO zijn goed. '
        "Kies *Bewoner of cliënt*. Ben'r en auto's, cliëntondersteuning.\n\n"
        "```{exercise} Wat doet het RMO? (leerdoel 2)\n:label: x\nTekst.\n```\n"
    )
    found = termfouten(bad)
    assert [f.split("'")[1] for f in found] == [
        "Het RMO",
        "het RMO",
        "cliënt",
        "zorgvragers",
        "WMO",
        "trap van eigenaarschap",
        "Alternatievenlab",
    ]
    assert opgavetitels(bad) == ["Wat doet het RMO? (leerdoel 2)"]
    goals = "## Leerdoelen\n\nNa dit hoofdstuk kun je:\n\n1. a;\n2. b\n   verder;\n\n## Inhoud\n"
    assert leerdoelen(goals) == [1, 2]
    assert _LEESTIJD.match("*Leestijd: ongeveer 12 minuten. Lees eerst: {doc}`01-tijdperk`.*")
    assert not _LEESTIJD.match("Leestijd: 12 minuten.")
    assert not _IN_HET_KORT.search(":::{admonition} In het kort\n:class: note\n- a\n:::\n")
    assert _IN_HET_KORT.search(":::{admonition} In het kort\n:class: tip\n- a\n- b\n:::\n")


def test_not_yet_converted_lists_only_existing_pages() -> None:
    names = {p.name for p in hoofdstukpaginas(ROOT)}
    assert set(NOG_NIET) <= names, f"verouderd in NOG_NIET: {set(NOG_NIET) - names}"
    assert set(NOG_NIET_HOOFDSTUK) <= set(hoofdstukken())


# ------------------------------------------------------------------------ per page
@pytest.mark.parametrize("page", PAGINAS)
def test_page_is_short_and_readable(page: Path) -> None:
    m = meet(proza(tekst(page)), page.name)
    problems = []
    if m.woorden > MAX_WOORDEN:
        problems.append(f"{m.woorden} woorden (hooguit {MAX_WOORDEN}: splits de pagina)")
    if m.flesch_douma < MIN_FLESCH_DOUMA:
        problems.append(f"Flesch-Douma {m.flesch_douma:.1f} (minstens {MIN_FLESCH_DOUMA:.0f})")
    if m.zinslengte > MAX_ZINSLENGTE:
        problems.append(f"{m.zinslengte:.1f} woorden per zin (hooguit {MAX_ZINSLENGTE:.0f})")
    assert not problems, f"{page.name}: " + "; ".join(problems)


@pytest.mark.parametrize("page", PAGINAS)
def test_page_opens_with_reading_time_and_key_points(page: Path) -> None:
    text = tekst(page)
    title = _TITEL.search(text)
    assert title, f"{page.name}: geen '# Titel'"
    after = [line for line in text[title.end() :].splitlines() if line.strip()]
    m = _LEESTIJD.match(after[0]) if after else None
    assert m, (
        f"{page.name}: de eerste regel onder de titel moet zijn "
        "'*Leestijd: ongeveer N minuten. Lees eerst: ....*'"
    )
    woorden = meet(proza(text)).woorden
    expected = math.ceil(woorden / WOORDEN_PER_MINUUT_LEESTIJD)
    # One minute either way, so that a small edit elsewhere on the page does not break it.
    assert abs(int(m.group(1)) - expected) <= 1, (
        f"{page.name}: leestijd {m.group(1)} minuten, maar {woorden} woorden / "
        f"{WOORDEN_PER_MINUUT_LEESTIJD} = {expected} (naar boven afgerond)"
    )
    box = _IN_HET_KORT.search(text)
    assert box, f"{page.name}: geen box ':::{{admonition}} In het kort' met ':class: tip'"
    points = box.group(2).strip().splitlines()
    assert 3 <= len(points) <= 5, f"{page.name}: 'In het kort' heeft {len(points)} punten (3-5)"


@pytest.mark.parametrize("page", PAGINAS)
def test_source_notes_fold_away(page: Path) -> None:
    text = tekst(page)
    open_boxes = [
        m.group(2) for m in _OVER_DE_BRON.finditer(text) if m.group(2) != ":class: dropdown"
    ]
    assert not open_boxes, f"{page.name}: een 'Over de bron'-box zonder ':class: dropdown'"


@pytest.mark.parametrize("page", PAGINAS)
def test_one_word_per_concept(page: Path) -> None:
    found = termfouten(tekst(page))
    assert not found, (
        f"{page.name}: woorden die de stijlgids (Eén woord per begrip) vermijdt: "
        + ", ".join(found)
    )


# --------------------------------------------------------------------- per chapter
@pytest.mark.parametrize("number", HOOFDSTUKKEN)
def test_every_learning_goal_has_a_question(number: int) -> None:
    pages = hoofdstukken()[number]
    goals = leerdoelen(tekst(pages[0]))
    assert goals and goals == list(range(1, len(goals) + 1)), (
        f"hoofdstuk {number}: nummer de leerdoelen 1., 2., ... (gevonden: {goals})"
    )
    titles = [t for p in pages for t in opgavetitels(tekst(p))]
    asked = {int(m.group(1)) for t in titles if (m := _LEERDOEL.search(t))}
    missing = [g for g in goals if g not in asked]
    assert not missing, (
        f"hoofdstuk {number}: geen reflectievraag met '(leerdoel N)' aan het eind van de titel "
        f"voor leerdoel {', '.join(map(str, missing))}"
    )
    unknown = sorted(asked - set(goals))
    assert not unknown, f"hoofdstuk {number}: vragen bij leerdoelen die niet bestaan: {unknown}"


@pytest.mark.parametrize("number", HOOFDSTUKKEN)
def test_chapter_asks_to_apply_and_to_weigh(number: int) -> None:
    titles = [t for p in hoofdstukken()[number] for t in opgavetitels(tekst(p))]
    for start in ("Pas toe op je eigen situatie", "Weeg de spanning"):
        assert sum(t.startswith(start) for t in titles) >= 1, (
            f"hoofdstuk {number}: geen vraag waarvan de titel begint met '{start}'"
        )


@pytest.mark.parametrize("number", HOOFDSTUKKEN)
def test_chapter_teaches_by_example_before_it_asks(number: int) -> None:
    headings = [
        line
        for p in hoofdstukken()[number]
        for line in tekst(p).splitlines()
        if line.startswith("## ")
    ]
    examples = [i for i, h in enumerate(headings) if h.startswith("## Uitgewerkt voorbeeld: ")]
    assert examples, f"hoofdstuk {number}: geen '## Uitgewerkt voorbeeld: ...'"
    assert "## Reflectievragen" in headings, f"hoofdstuk {number}: geen '## Reflectievragen'"
    assert examples[0] < headings.index("## Reflectievragen"), (
        f"hoofdstuk {number}: het uitgewerkte voorbeeld moet vóór de reflectievragen staan"
    )
