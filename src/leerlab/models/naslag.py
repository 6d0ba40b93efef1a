"""Reference material that lives once in data/: the glossary (begrippen) and the cases (casussen).

The Sphinx extension renders both into the book; tests check that chapters use them.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from leerlab.data import load_folder

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: Bibliography keys of the five source documents (book/references.bib).
BRONNEN = {
    "alternatievenlab2021": "000_a64936a3e342b5e0.txt",
    "deboer2016": "001_f2c5801086df34c3.txt",
    "siegers-tijdperk": "002_39f8c32053a48ca2.txt",
    "siegers-nieuweroute": "003_bb02d62823f97e1a.txt",
    "rmo2014": "004_743014a4bd1eb2b4.txt",
}


class Begrip(BaseModel):
    """One glossary term; chapters link to it with {term}`term`."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=2)
    definitie: str = Field(min_length=20)
    hoofdstuk: int | None = Field(default=None, ge=1, le=8)
    bronnen: list[str] = Field(min_length=1)
    synoniemen: list[str] = []

    @field_validator("term")
    @classmethod
    def _no_colon(cls, value: str) -> str:
        if ":" in value or "\n" in value:
            raise ValueError("een term mag geen dubbele punt of nieuwe regel bevatten")
        return value.strip()


class Casus(BaseModel):
    """One case from the sources; a chapter tells it under the target (casus-<id>)=."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    titel: str = Field(min_length=3)
    plaats: str = Field(min_length=2)
    actoren: list[str] = Field(min_length=1)
    wat: str = Field(min_length=20)
    hoofdstuk: int = Field(ge=1, le=8)
    bronnen: list[str] = Field(min_length=1)


def begrippen() -> list[Begrip]:
    """All glossary terms, sorted; a duplicate term (case-insensitive) is a data error."""
    terms = load_folder("begrippen/*.yaml", Begrip)
    seen: dict[str, str] = {}
    for b in terms:
        for name in (b.term, *b.synoniemen):
            key = name.lower()
            if key in seen:
                from leerlab.errors import DataFout

                raise DataFout("data/begrippen", f"de term '{name}' staat er twee keer in.")
            seen[key] = b.term
    return sorted(terms, key=lambda b: b.term.lower())


def casussen() -> list[Casus]:
    cases = load_folder("casussen/*.yaml", Casus)
    ids = [c.id for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        from leerlab.errors import DataFout

        raise DataFout("data/casussen", f"de id '{sorted(dupes)[0]}' staat er twee keer in.")
    return sorted(cases, key=lambda c: (c.hoofdstuk, c.titel.lower()))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cites(keys: list[str]) -> str:
    return "{cite:p}`" + ",".join(keys) + "`"


def glossary_myst() -> str:
    """The glossary as a MyST {glossary} block, with chapter and source per term."""
    lines = ["```{glossary}", ":sorted:", ""]
    for b in begrippen():
        lines.append(b.term)
        for syn in b.synoniemen:
            lines.append(syn)
        extra = f" Zie hoofdstuk {b.hoofdstuk}." if b.hoofdstuk else ""
        lines.append(f"  {_one_line(b.definitie)}{extra} Bron: {_cites(b.bronnen)}.")
        lines.append("")
    lines.append("```")
    return "\n".join(lines)


def cases_table_myst() -> str:
    """The case overview as a MyST list-table linking every case to its place in a chapter."""
    lines = [
        "```{list-table} Alle casussen uit de bronnen, met plaats, betrokkenen en hoofdstuk.",
        ":header-rows: 1",
        ":widths: 20 14 22 36 8",
        "",
        "* - Casus",
        "  - Plaats",
        "  - Betrokkenen",
        "  - Wat er gebeurde",
        "  - Hoofdstuk",
    ]
    for c in casussen():
        lines += [
            f"* - {{ref}}`{_one_line(c.titel)} <casus-{c.id}>`",
            f"  - {_one_line(c.plaats)}",
            f"  - {_one_line(', '.join(c.actoren))}",
            f"  - {_one_line(c.wat)} {_cites(c.bronnen)}",
            f"  - {c.hoofdstuk}",
        ]
    lines.append("```")
    return "\n".join(lines)
