"""The facilitator kit: a content briefing per session (data/sessies/kit/NN.yaml).

A briefing says what a facilitator must know to lead the session: the key ideas, the
answers to expect, the pitfalls and what to do when the group is mixed. How to read the
tool's numbers is not written here but generated from :mod:`leerlab.models.ladder`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

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
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = Field(min_length=1)


def briefings() -> dict[int, Briefing]:
    found = load_folder("sessies/kit/*.yaml", Briefing)
    return {b.hoofdstuk: b for b in found}
