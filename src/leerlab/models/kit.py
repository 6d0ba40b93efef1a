"""The facilitator kit: a content briefing per session (data/sessies/kit/NN.yaml).

A briefing says what a facilitator must know to lead the session: the key ideas, the
answers to expect, the pitfalls and what to do when the group is mixed. How to read the
ladder tool's numbers is not written here but generated from :mod:`leerlab.models.ladder`;
a session with another tool (E = K x A, the funding simulator) says it in ``getallen``.

``data/sessies/begeleiding/gemengde-groep.yaml`` holds the guidance for mixed groups: each piece of
advice either cites the sources or is marked as the course's own advice.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.data import load_folder
from leerlab.models.bronnen import Verwijzing


class Verwachting(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vraag: str = Field(min_length=10)
    verwacht: str = Field(min_length=20)


class Briefing(BaseModel):
    """What a facilitator reads before one session."""

    model_config = ConfigDict(extra="forbid")

    hoofdstuk: int = Field(ge=1, le=8)
    kernideeen: list[str] = Field(min_length=2)
    verwachte_antwoorden: list[Verwachting] = Field(min_length=1)
    valkuilen: list[str] = Field(min_length=2)
    gemengde_groep: list[str] = Field(min_length=1)
    getallen: list[str] = []
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


class Advies(BaseModel):
    """One piece of guidance for mixed groups, from the sources or the course's own."""

    model_config = ConfigDict(extra="forbid")

    kop: str = Field(min_length=3)
    tekst: str = Field(min_length=20)
    herkomst: Literal["bron", "advies"]
    bronnen: list[str] = []
    verwijzingen: list[Verwijzing] = []

    @model_validator(mode="after")
    def _herkomst_klopt(self) -> Advies:
        if self.herkomst == "bron" and not (self.verwijzingen and self.bronnen):
            raise ValueError(
                "advies met herkomst 'bron' heeft minstens één bron en één verwijzing nodig"
            )
        if self.herkomst == "advies" and (self.verwijzingen or self.bronnen):
            raise ValueError("eigen advies van de cursus heeft geen verwijzing; kies 'bron'")
        return self


class Kaart(BaseModel):
    """One printable card: a step of a route (session 4) or a friction (session 5)."""

    model_config = ConfigDict(extra="forbid")

    stapel: Literal["route", "frictie"]
    titel: str = Field(min_length=3)
    tekst: str = Field(min_length=20)
    vraag: str = ""
    label: str = Field(min_length=3)
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


def kaarten(stapel: str) -> list[Kaart]:
    """The cards of one deck, in file order (data/sessies/kaarten/*.yaml)."""
    return [k for k in load_folder("sessies/kaarten/*.yaml", Kaart) if k.stapel == stapel]


#: The per-session briefings (01.yaml .. 08.yaml) and the guidance for mixed groups.
BRIEFINGS = "sessies/kit/*.yaml"
GEMENGD = "sessies/begeleiding/*.yaml"


def briefings() -> dict[int, Briefing]:
    found = load_folder(BRIEFINGS, Briefing)
    return {b.hoofdstuk: b for b in found}


def gemengde_groep() -> list[Advies]:
    return load_folder(GEMENGD, Advies)
