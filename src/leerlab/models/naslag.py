"""Reference material that lives once in data/: the glossary (begrippen) and the cases (casussen).

The Sphinx extension renders both into the book; tests check that chapters use them.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from leerlab.data import load_folder
from leerlab.models.bronnen import BRONNEN, Verwijzing

__all__ = ["BRONNEN", "Begrip", "Casus", "Verwijzing", "begrippen", "casussen"]

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Begrip(BaseModel):
    """One glossary term; chapters link to it with {term}`term`."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=2)
    definitie: str = Field(min_length=20)
    hoofdstuk: int | None = Field(default=None, ge=1, le=8)
    #: Bibliography keys. For a term from the sources: what the definition rests on; for a
    #: general term (``algemeen``): where the sources use it (may be empty).
    bronnen: list[str] = []
    #: True when the definition is general knowledge, not taken from the course's sources.
    algemeen: bool = False
    #: Line ranges in the source documents among ``bronnen`` (document + lines + names).
    verwijzingen: list[Verwijzing] = []
    synoniemen: list[str] = []

    @model_validator(mode="after")
    def _herkomst(self) -> Begrip:
        if not self.algemeen and not self.bronnen:
            raise ValueError(
                "noem de bron van deze definitie, of zet 'algemeen: true' als het algemene "
                "kennis is"
            )
        return self

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
    #: Where in the sources the case is told (document + line range).
    verwijzingen: list[Verwijzing] = []


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
        lines.append(f"  {_one_line(b.definitie)}{extra} {herkomst_regel(b)}")
        lines.append("")
    lines.append("```")
    return "\n".join(lines)


def herkomst_regel(b: Begrip) -> str:
    """Where a glossary definition comes from: its sources, or general knowledge."""
    if not b.algemeen:
        return bron_regel(b.bronnen, b.verwijzingen)
    text = "Algemene uitleg, niet uit de bronnen van de cursus."
    if b.bronnen:
        text += " " + bron_regel(b.bronnen, b.verwijzingen, "Over de term in de bronnen")
    return text


def bron_regel(bronnen: list[str], verwijzingen: list[Verwijzing], begin: str = "Bron") -> str:
    """'Bron: (De Boer en Peltenburg 2016), regels 3-13 en 23.' for a case or a term."""
    parts = []
    for key in bronnen:
        labels = [v.label() for v in verwijzingen if v.document == key]
        if labels:
            numbers = [label.split(" ", 1)[1] for label in labels]
            word = "regel" if len(labels) == 1 and "-" not in numbers[0] else "regels"
            joined = (
                numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " en " + numbers[-1]
            )
            parts.append(f"{_cites([key])}, {word} {joined}")
        else:
            parts.append(_cites([key]))
    return f"{begin}: " + "; ".join(parts) + "."


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
            f"  - {_one_line(c.wat)} {bron_regel(c.bronnen, c.verwijzingen)}",
            f"  - {c.hoofdstuk}",
        ]
    lines.append("```")
    return "\n".join(lines)
