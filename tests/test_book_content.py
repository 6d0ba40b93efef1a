"""Content checks on the book's sources (no build needed): glossary, cases, citations,
chapter structure, copied text and readability.

These read chapters/, book/ and data/ directly, so they run in seconds and name the
file and item that is wrong.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from leerlab.boek.leesbaarheid import hoofdstukpaginas, meet_pagina, proza, totaal
from leerlab.models import naslag

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "book" / "references.bib"
MIN_TERMS = 60
MAX_AVG_SENTENCE = 17.0
REQUIRED_HEADINGS = (
    "## Leerdoelen",
    "## Samenvatting",
    "## Bronnen bij dit hoofdstuk",
    "## Reflectievragen",
)

_TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
_CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
_CASE_TARGET = re.compile(r"^\(casus-([a-z0-9-]+)\)=\s*$", re.MULTILINE)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


# ---------------------------------------------------------------- parsing helpers
def term_links(text: str) -> set[str]:
    """Glossary targets linked with {term}`x` or {term}`shown text <x>`, lower case."""
    found = set()
    for body in _TERM_ROLE.findall(text):
        shown = re.match(r"^.*?<([^<>]+)>\s*$", body, re.DOTALL)
        target = shown.group(1) if shown else body
        found.add(re.sub(r"\s+", " ", target).strip().lower())
    return found


def cite_keys(text: str) -> set[str]:
    """Bibliography keys used in {cite}, {cite:p}, {cite:t}, ... roles."""
    return {k.strip() for body in _CITE_ROLE.findall(text) for k in body.split(",") if k.strip()}


def case_targets(text: str) -> set[str]:
    """Case ids of `(casus-<id>)=` target lines."""
    return set(_CASE_TARGET.findall(text))


def level2_headings(text: str) -> list[str]:
    """`## ...` lines outside fenced code blocks, in order."""
    headings, fence = [], None
    for line in text.splitlines():
        m = _FENCE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence is None and re.match(r"^## \S", line):
            headings.append(line.rstrip())
    return headings


def bib_keys(path: Path = BIB) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(path)).entries)


def book_texts() -> dict[str, str]:
    """Every MyST page in chapters/ and book/ (relative path -> text)."""
    pages = sorted(ROOT.glob("chapters/*.md")) + sorted(ROOT.glob("book/**/*.md"))
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in pages}


def chapter_file(number: int) -> Path:
    matches = sorted(ROOT.glob(f"chapters/{number:02d}-*.md"))
    assert len(matches) == 1, f"verwacht precies één hoofdstukbestand chapters/{number:02d}-*.md"
    return matches[0]


# ------------------------------------------------------- the helpers catch defects
def test_parsing_helpers_catch_bad_samples() -> None:
    bad = (
        "# Titel\n\n## Leerdoelen\n\nZie {term}`Wijkteam` en {term}`de teams <Sociaal wijkteam>`.\n"
        "{cite:p}`rmo2014,bestaat-niet` en {cite:t}`deboer2016`.\n\n"
        "(casus-huize-lydia)=\n### Huize Lydia\n\n"
        "```{code-cell} ipython3\n## Samenvatting\n```\n"
    )
    assert term_links(bad) == {"wijkteam", "sociaal wijkteam"}
    assert cite_keys(bad) == {"rmo2014", "bestaat-niet", "deboer2016"}
    assert "bestaat-niet" in cite_keys(bad) - bib_keys()
    assert case_targets(bad) == {"huize-lydia"}
    # a heading inside a code cell does not count, so this page misses three headings
    missing = [h for h in REQUIRED_HEADINGS if h not in level2_headings(bad)]
    assert missing == ["## Samenvatting", "## Bronnen bij dit hoofdstuk", "## Reflectievragen"]


def test_prose_strips_markup_before_measuring() -> None:
    page = (
        "---\njupytext:\n  x: 1\n---\n\n# Titel\n\n"
        "```{code-cell} ipython3\n:tags: [remove-input]\nprint('geheime code')\n```\n\n"
        "```{exercise}\n:label: h01-vraag-1\nWat is {term}`de bedoeling <bedoeling>`?\n```\n\n"
        "(casus-x)=\nHet werkt {cite:p}`rmo2014`. Zie {doc}`het hoofdstuk <../chapters/02-x>`.\n"
    )
    text = proza(page)
    for leftover in ("jupytext", "geheime", ":label:", "{term}", "rmo2014", "casus-x", "```"):
        assert leftover not in text
    assert "Wat is de bedoeling?" in text
    assert "Het werkt. Zie het hoofdstuk." in text


# ---------------------------------------------------------------------- glossary
def test_glossary_terms_are_unique_and_enough() -> None:
    terms = naslag.begrippen()  # raises DataFout on a term defined twice
    assert len(terms) >= MIN_TERMS, (
        f"de begrippenlijst heeft {len(terms)} termen; er moeten er minstens {MIN_TERMS} zijn"
    )


def test_every_glossary_term_is_linked_somewhere() -> None:
    linked = set().union(*(term_links(t) for t in book_texts().values()))
    unlinked = [
        b.term
        for b in naslag.begrippen()
        if not ({b.term.lower()} | {s.lower() for s in b.synoniemen}) & linked
    ]
    assert not unlinked, (
        "deze begrippen worden nergens gelinkt met {term}`...` (link ze in een hoofdstuk): "
        + ", ".join(unlinked)
    )


def test_every_term_link_points_to_a_glossary_term() -> None:
    known = {n.lower() for b in naslag.begrippen() for n in (b.term, *b.synoniemen)}
    unknown = {
        f"{page}: {t}" for page, text in book_texts().items() for t in term_links(text) - known
    }
    assert not unknown, "links naar begrippen die niet in data/begrippen staan:\n" + "\n".join(
        sorted(unknown)
    )


# ------------------------------------------------------------------------- cases
def test_every_case_is_told_in_its_chapter() -> None:
    """A case's target is on one page of its chapter (the main file or a sub-page)."""
    missing = []
    for case in naslag.casussen():
        group = chapter_group(case.hoofdstuk)
        if not any(case.id in case_targets(p.read_text(encoding="utf-8")) for p in group):
            pages = ", ".join(str(p.relative_to(ROOT)) for p in group)
            missing.append(f"(casus-{case.id})= ontbreekt in {pages}")
    assert not missing, "\n".join(missing)


# --------------------------------------------------------------------- citations
def test_every_citation_resolves() -> None:
    keys = bib_keys()
    used = {f"{page}: {k}" for page, text in book_texts().items() for k in cite_keys(text) - keys}
    for item in [*naslag.begrippen(), *naslag.casussen()]:
        for k in set(item.bronnen) - keys:
            used.add(f"data ({getattr(item, 'term', getattr(item, 'id', '?'))}): {k}")
    assert not used, "bronnen die niet in book/references.bib staan:\n" + "\n".join(sorted(used))


def test_the_five_sources_keep_their_keys() -> None:
    assert set(naslag.BRONNEN) <= bib_keys()


def test_bibliography_formats_without_missing_fields() -> None:
    """Every entry renders with the book's style; pybtex raises on a missing required field."""
    from pybtex.database import parse_file
    from pybtex.style.formatting.plain import Style

    entries = parse_file(str(BIB)).entries
    rendered = list(Style().format_entries(entries.values()))
    assert len(rendered) == len(entries) >= 5


# ------------------------------------------------------------- chapter structure
def chapter_group(number: int) -> list[Path]:
    """A chapter's pages in reading order: its main file, then its sections in _toc.yml."""
    main = chapter_file(number)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        for entry in part.get("chapters", []):
            if entry["file"] == f"chapters/{main.stem}":
                sections = [s["file"] for s in entry.get("sections", [])]
                return [main, *(ROOT / f"{s}.md" for s in sections)]
    raise AssertionError(f"{main.name} staat niet in _toc.yml")


@pytest.mark.parametrize("number", range(1, 9))
def test_chapter_has_required_headings_in_order(number: int) -> None:
    """Leerdoelen open the chapter's first page; questions, summary and sources close it
    (on its last page when the chapter is split over sub-pages, or on its only page)."""
    group = chapter_group(number)
    first = level2_headings(group[0].read_text(encoding="utf-8"))
    assert first and first[0] == "## Leerdoelen", (
        f"{group[0].name}: '## Leerdoelen' moet de eerste ## kop zijn"
    )
    everywhere = [h for page in group for h in level2_headings(page.read_text(encoding="utf-8"))]
    missing = [h for h in REQUIRED_HEADINGS if h not in everywhere]
    assert not missing, f"hoofdstuk {number} mist de kop(pen): {', '.join(missing)}"


# Copied text and source references: tests/test_bronnen.py (runs without the texts).


# ------------------------------------------------------------------ readability
def test_readability_script_runs_and_chapters_are_short_sentenced() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "leesbaarheid.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "TOTAAL hoofdstukken" in result.stdout
    for page in hoofdstukpaginas(ROOT):
        assert str(page.relative_to(ROOT)) in result.stdout
    overall = totaal([meet_pagina(p) for p in hoofdstukpaginas(ROOT)])
    print(f"gemiddelde zinslengte hoofdstukken: {overall.zinslengte:.1f} woorden")
    assert overall.zinnen > 0
    assert overall.zinslengte <= MAX_AVG_SENTENCE, (
        f"hoofdstukken hebben gemiddeld {overall.zinslengte:.1f} woorden per zin "
        f"(maximaal {MAX_AVG_SENTENCE}); maak zinnen korter"
    )


def test_bibliography_style_is_dutch() -> None:
    """The book's own style joins names with 'en' and writes 'anderen', not 'and others'."""
    from pybtex.database import parse_file

    from leerlab.boek.bibstijl import Bibliografiestijl

    entries = parse_file(str(BIB)).entries
    style = Bibliografiestijl()
    two, many = (
        next(iter(style.format_entries([entries[k]]))).text.render_as("text")
        for k in ("deboer2016", "graas2018")
    )
    assert "de Boer en Monique Peltenburg" in two
    assert "Graas en anderen" in many
    assert " and " not in two + many


def test_citation_style_is_dutch() -> None:
    """In-text citations: 'De Boer en Peltenburg', 'Graas e.a.', round brackets."""
    from pybtex.database import parse_file

    from leerlab.boek.bibstijl import Verwijsstijl, registreer

    registreer()
    entries = parse_file(str(BIB)).entries
    style = Verwijsstijl()

    def authors(key: str) -> str:
        template = style.person.author_or_editor_or_title(full=False)
        return str(template.format_data({"entry": entries[key], "style": style}).render_as("text"))

    assert authors("deboer2016") == "De Boer en Peltenburg"
    assert authors("graas2018") == "Graas e.a."
    assert authors("vandersteen2013") == "Van der Steen e.a."
    assert authors("doedemocratie") == "Doe-democratie"
    assert (style.bracket_parenthetical.left, style.bracket_parenthetical.right) == ("(", ")")


def test_reading_time_table_covers_every_chapter() -> None:
    from leerlab.boek.leesbaarheid import leestijd_minuten, leestijd_tabel

    table = leestijd_tabel(ROOT)
    rows = [r for r in table.splitlines() if re.match(r"^\| \d\. ", r)]
    assert [r.split(".")[0] for r in rows] == [f"| {n}" for n in range(1, 9)]
    words = sum(meet_pagina(p).woorden for p in hoofdstukpaginas(ROOT))
    assert f"**{words}**" in table and f"ongeveer {leestijd_minuten(words)} min" in table
    assert leestijd_minuten(0) == 0 and leestijd_minuten(1) == 1
    assert leestijd_minuten(200) == 1 and leestijd_minuten(201) == 2
    assert "{leestijden}" in (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
