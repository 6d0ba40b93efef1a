"""Data behind two overview visuals of issue 18 (data/figuren/*.yaml).

- :class:`Verschuiving`: the shift in who decides, one row per source and field: who
  decides before, who decides after the shift, and what stays with the government or the
  professionals. Every cell carries its own line references.
- :class:`LabVraag` and :class:`LabAntwoord`: the central questions of the Alternatieven-lab
  (2021) and the answers the report gives, each with its line and the course page that
  explains it.

Only facts with a reference live here; the views in :mod:`leerlab.views.figuren` draw them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.data import load_folder
from leerlab.errors import DataFout
from leerlab.models.bronnen import BRONNEN, Verwijzing

#: Which side decides: the system world, both together, or the life world.
Kant = Literal["systeem", "samen", "leefwereld"]
KANTEN: tuple[Kant, ...] = ("systeem", "samen", "leefwereld")
#: How the reader sees each side named (legend, tags and text alternative).
KANT_LABEL: dict[str, str] = {
    "systeem": "systeemwereld",
    "samen": "samen",
    "leefwereld": "leefwereld",
}

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WIE_BESLIST = "data/figuren/wie-beslist.yaml"
LAB_VRAGEN = "data/figuren/lab-vragen.yaml"
LAB_ANTWOORDEN = "data/figuren/lab-antwoorden.yaml"


class Stand(BaseModel):
    """Who decides at one moment: a short label for the picture and a sentence for the text."""

    model_config = ConfigDict(extra="forbid")

    wie: str = Field(min_length=3, max_length=32)
    kant: Kant
    uitleg: str = Field(min_length=20)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


class Rol(BaseModel):
    """What the government or the professional keeps after the shift."""

    model_config = ConfigDict(extra="forbid")

    kort: str = Field(min_length=3, max_length=40)
    uitleg: str = Field(min_length=20)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


class Verschuiving(BaseModel):
    """One row of the picture: one field, as one source describes it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    terrein: str = Field(min_length=5, max_length=48)
    bron: str
    eerst: Stand
    daarna: Stand
    blijft: Rol
    #: Where the source is vague or leaves a question open (shown on the page, not filled in).
    vaag: str | None = None

    @model_validator(mode="after")
    def _een_bron(self) -> Verschuiving:
        if self.bron not in BRONNEN:
            raise ValueError(f"onbekende bron '{self.bron}'; kies uit {sorted(BRONNEN)}")
        for deel in (self.eerst, self.daarna, self.blijft):
            for ref in deel.verwijzingen:
                if ref.document != self.bron:
                    raise ValueError(
                        f"rij '{self.id}' verwijst naar {ref.document}, maar haar bron is "
                        f"{self.bron}; één rij, één bron"
                    )
        return self


class LabVraag(BaseModel):
    """One central question of the lab's work sessions."""

    model_config = ConfigDict(extra="forbid")

    nummer: int = Field(ge=1, le=9)
    vraag: str = Field(min_length=10)
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


class LabAntwoord(BaseModel):
    """One answer of the report to a question, and where the course explains it."""

    model_config = ConfigDict(extra="forbid")

    vraag: int = Field(ge=1, le=9)
    nummer: int = Field(ge=1)
    titel: str = Field(min_length=5, max_length=60)
    #: The chapter page (file name without .md) and the section id that explain the answer.
    pagina: str = Field(pattern=r"^\d\d[a-z]?-[a-z-]+$")
    anker: str = Field(pattern=SLUG)
    verwijzing: Verwijzing


def verschuivingen() -> list[Verschuiving]:
    """The rows of the shift in who decides, in file order; ids are unique."""
    rows = load_folder("figuren/wie-beslist.yaml", Verschuiving)
    ids = [r.id for r in rows]
    dubbel = sorted({i for i in ids if ids.count(i) > 1})
    if dubbel:
        raise DataFout(WIE_BESLIST, f"dubbele id {', '.join(dubbel)}.")
    return rows


def lab_vragen() -> list[LabVraag]:
    return load_folder("figuren/lab-vragen.yaml", LabVraag)


def lab_antwoorden() -> list[LabAntwoord]:
    """All answers; per question numbered 1, 2, 3, ... without gaps, to a known question."""
    vragen = {v.nummer for v in lab_vragen()}
    antwoorden = load_folder("figuren/lab-antwoorden.yaml", LabAntwoord)
    for nummer in sorted({a.vraag for a in antwoorden} | vragen):
        if nummer not in vragen:
            raise DataFout(LAB_ANTWOORDEN, f"vraag {nummer} staat niet in {LAB_VRAGEN}.")
        reeks = [a.nummer for a in antwoorden if a.vraag == nummer]
        if reeks != list(range(1, len(reeks) + 1)) or not reeks:
            raise DataFout(
                LAB_ANTWOORDEN,
                f"de antwoorden op vraag {nummer} moeten 1, 2, 3, ... heten, zonder gaten; "
                f"nu {reeks}.",
            )
    return antwoorden
