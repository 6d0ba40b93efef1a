"""Schemas of the exercise data in data/opdrachten/ (checked by `leerlab data controleer`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

JaNee = Literal["ja", "nee"]


class _Rij(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Voorstel(_Rij):
    """h01: a residents' plan for the community centre and the three conditions."""

    voorstel: str = Field(min_length=3)
    maatschappelijk: JaNee
    extra_geld: int = Field(ge=0)
    voor_iedereen: JaNee


class Tijdsbesteding(_Rij):
    """h02: hours per month of a neighbourhood team (invented figures)."""

    team: str = Field(min_length=2)
    uren_client: int = Field(ge=0)
    uren_registratie: int = Field(ge=0)
    uren_overleg: int = Field(ge=0)


class LadderAntwoord(_Rij):
    """h03: one respondent's answers (0-4) to the professional items of the ladder."""

    respondent: str = Field(min_length=1)
    p1a: int = Field(ge=0, le=4)
    p1b: int = Field(ge=0, le=4)
    p2a: int = Field(ge=0, le=4)
    p2b: int = Field(ge=0, le=4)
    p3a: int = Field(ge=0, le=4)
    p3b: int = Field(ge=0, le=4)
    p4a: int = Field(ge=0, le=4)
    p4b: int = Field(ge=0, le=4)
    p5a: int = Field(ge=0, le=4)
    p5b: int = Field(ge=0, le=4)


class HulpPerDomein(_Rij):
    """h05: how many professionals help one household in one domain."""

    huishouden: str = Field(min_length=1)
    domein: Literal["jeugd", "wmo", "werk", "schulden"]
    hulpverleners: int = Field(ge=0)


class AanbiederInGebied(_Rij):
    """h07: clients of a provider in one area of the municipality."""

    aanbieder: str = Field(min_length=2)
    gebied: str = Field(min_length=2)
    clienten: int = Field(ge=0)


class Bijeenkomst(_Rij):
    """h08: attendance of one municipality at one meeting of a learning network."""

    gemeente: str = Field(min_length=2)
    bijeenkomst: int = Field(ge=1)
    deelnemers: int = Field(ge=0)
