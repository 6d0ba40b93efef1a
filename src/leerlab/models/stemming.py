"""The funding vote of session 6: participants choose a way of paying and a set of contract
agreements; the group's choice is then run through the funding simulator.

The questions are in data/bekostiging/stemming.yaml. An option holds no text of its own:
it points to a model of :mod:`leerlab.models.bekostiging` with its glossary term (the
definition and its source lines are shown) or to a preset of data/bekostiging/scenarios.yaml
(title, explanation and the chosen inputs, each with its source or the label illustratief).
So the phone shows only what the course already says, with its references.

Privacy follows the live ladder session: no result below ``MIN_GROEP`` ballots, and a
question's tally only when at least ``MIN_GROEP`` people answered that question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.data import load_records
from leerlab.errors import InvoerFout
from leerlab.models.bekostiging import (
    MODEL_IDS,
    MODEL_NAMEN,
    PARAMETER_NAMEN,
    herkomst,
    nl_getal,
    parameters,
    preset,
    scenarios,
    tabel_rijen,
    vergelijk,
)
from leerlab.models.bronnen import Verwijzing
from leerlab.models.ladder import MIN_GROEP
from leerlab.models.naslag import Begrip, begrippen
from leerlab.paths import data_dir

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: How a source is named on the phone (the bibliography keys of book/references.bib).
BRON_NAMEN = {
    "alternatievenlab2021": "Verslag Alternatieven-lab (2021)",
    "deboer2016": "Oogstdocument leertraject (De Boer en Peltenburg, 2016)",
    "siegers-tijdperk": "Siegers, Transformatie in een verandering van tijdperk",
    "siegers-nieuweroute": "Siegers, De Nieuwe Route",
    "rmo2014": "RMO-advies Leren innoveren in het sociaal domein (2014)",
}

#: Columns of the simulator's table shown for the group's choice.
SIMULATOR_KOLOMMEN = (
    "Kosten gemeente",
    "Tekort gemeente",
    "Zorg niet geleverd",
    "Wie investeert in preventie",
    "Preventie terug (gemeente)",
    "Bij half effect: winst gemeente",
)


@cache
def _begrip(term: str) -> Begrip | None:
    for b in begrippen():
        if term.lower() in (b.term.lower(), *(s.lower() for s in b.synoniemen)):
            return b
    return None


class Optie(BaseModel):
    """One option: a way of paying (model + glossary term) or a preset (+ inputs to show)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    model: str | None = None
    begrip: str | None = None
    scenario: str | None = None
    kenmerken: list[str] = []
    #: Where the simulator's model goes beyond its glossary term (shown under the definition).
    noot: str | None = Field(default=None, min_length=20, max_length=240)

    @model_validator(mode="after")
    def _points_to_data(self) -> Optie:
        if (self.model is None) == (self.scenario is None):
            raise ValueError("geef een model óf een scenario (precies één van beide)")
        if self.model is not None:
            if self.model not in MODEL_IDS:
                raise ValueError(f"onbekend model '{self.model}'; kies uit {list(MODEL_IDS)}")
            if self.begrip is None or _begrip(self.begrip) is None:
                raise ValueError(f"geef een begrip uit data/begrippen/ (gegeven: {self.begrip!r})")
            if self.kenmerken:
                raise ValueError("kenmerken horen alleen bij een scenario")
        elif self.noot is not None:
            raise ValueError("een noot hoort alleen bij een model")
        if self.scenario is not None:
            if self.scenario not in scenarios():
                raise ValueError(f"onbekend scenario '{self.scenario}'")
            if self.begrip is not None:
                raise ValueError("een begrip hoort alleen bij een model")
            wrong = [k for k in self.kenmerken if k not in PARAMETER_NAMEN]
            if wrong or not self.kenmerken:
                raise ValueError(f"noem invoer van het rekenmodel als kenmerken (fout: {wrong})")
        return self


class Vraag(BaseModel):
    """One question of the vote; all its options are models, or all are presets."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SLUG)
    vraag: str = Field(min_length=10, max_length=120)
    #: Bibliography keys of the sources the question rests on (each with lines below).
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = Field(min_length=1)
    opties: list[Optie] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _consistent(self) -> Vraag:
        ids = [o.id for o in self.opties]
        if len(set(ids)) != len(ids):
            raise ValueError("elke optie van een vraag heeft een eigen id")
        if len({o.model is None for o in self.opties}) != 1:
            raise ValueError("een vraag heeft alleen modellen of alleen scenario's als opties")
        return self

    @property
    def soort(self) -> str:
        return "model" if self.opties[0].model is not None else "scenario"


@cache
def vragen() -> tuple[Vraag, ...]:
    rows = load_records(data_dir() / "bekostiging" / "stemming.yaml", Vraag)
    if len({v.id for v in rows}) != len(rows):
        raise InvoerFout("stemming.yaml: elke vraag heeft een eigen id.")
    if sorted(v.soort for v in rows) != ["model", "scenario"]:
        raise InvoerFout("stemming.yaml: één vraag over het model en één over het scenario.")
    return tuple(rows)


# --------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class OptieTekst:
    """What the phone shows for an option, all taken from the course's data."""

    id: str
    label: str
    uitleg: str
    kenmerken: tuple[str, ...]
    bronnen: tuple[str, ...]


def bronnen_tekst(refs: list[tuple[str, str]]) -> tuple[str, ...]:
    """One text per document, its line ranges joined: "RMO-advies …, regels 1-2 en 9"."""
    per: dict[str, list[str]] = {}
    for document, regels in refs:
        per.setdefault(document, []).append(regels)
    out = []
    for document, ranges in per.items():
        woord = "regel" if len(ranges) == 1 and "-" not in ranges[0] else "regels"
        out.append(f"{BRON_NAMEN[document]}, {woord} {' en '.join(ranges)}")
    return tuple(out)


def bron_tekst(document: str, regels: str) -> str:
    van, _, tot = regels.partition("-")
    waar = f"regel {van}" if not tot or tot == van else f"regels {van}-{tot}"
    return f"{BRON_NAMEN[document]}, {waar}"


def optie_tekst(optie: Optie) -> OptieTekst:
    """The texts of an option (cached: they come from data files read once)."""
    return _optie_tekst(
        optie.id, optie.model, optie.begrip, optie.scenario, tuple(optie.kenmerken), optie.noot
    )


def _optie_tekst_uncached(optie: Optie) -> OptieTekst:
    if optie.model is not None:
        assert optie.begrip is not None
        begrip = _begrip(optie.begrip)
        assert begrip is not None
        return OptieTekst(
            id=optie.id,
            label=MODEL_NAMEN[optie.model],
            uitleg=begrip.definitie,
            kenmerken=(optie.noot,) if optie.noot else (),
            bronnen=bronnen_tekst([(v.document, v.regels) for v in begrip.verwijzingen]),
        )
    assert optie.scenario is not None
    scenario = scenarios()[optie.scenario]
    waarden = herkomst(optie.scenario)
    specs = parameters()
    kenmerken = []
    bronnen = []
    for naam in optie.kenmerken:
        waarde, spec = waarden[naam], specs[naam]
        if spec.eenheid.startswith("0 = nee"):
            getal = "ja" if waarde.waarde else "nee"
        else:
            getal = f"{nl_getal(waarde.waarde)} ({spec.eenheid})"
        regel = f"{spec.label}: {getal}. {waarde.toelichting}"
        if waarde.bron is not None:
            bronnen.append(bron_tekst(waarde.bron.document, waarde.bron.regels))
        elif "gekozen" not in waarde.toelichting.lower():
            regel += " Dit getal is gekozen; het staat niet in de bronnen."
        kenmerken.append(regel)
    return OptieTekst(
        id=optie.id,
        label=scenario.titel,
        uitleg=scenario.uitleg,
        kenmerken=tuple(kenmerken),
        bronnen=tuple(bronnen),
    )


@cache
def _optie_tekst(
    id: str,
    model: str | None,
    begrip: str | None,
    scenario: str | None,
    kenmerken: tuple[str, ...],
    noot: str | None = None,
) -> OptieTekst:
    optie = Optie(
        id=id, model=model, begrip=begrip, scenario=scenario, kenmerken=list(kenmerken), noot=noot
    )
    return _optie_tekst_uncached(optie)


# --------------------------------------------------------------------------- ballots


class Stem(BaseModel):
    """One participant's ballot: an option id (or None: no choice) per question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keuzes: dict[str, str | None]

    @model_validator(mode="after")
    def _known(self) -> Stem:
        alle = {v.id: {o.id for o in v.opties} for v in vragen()}
        if set(self.keuzes) != set(alle):
            raise ValueError("een stem heeft een keuze (of geen keuze) voor elke vraag")
        for vraag, keuze in self.keuzes.items():
            if keuze is not None and keuze not in alle[vraag]:
                raise ValueError(f"'{keuze}' is geen optie bij vraag '{vraag}'")
        if all(k is None for k in self.keuzes.values()):
            raise ValueError("kies bij minstens één vraag een optie")
        return self


def stem_uit_velden(velden: dict[str, str]) -> Stem:
    """A ballot from posted form fields, or an :class:`InvoerFout` in Dutch."""
    alle = {v.id: v for v in vragen()}
    keuzes: dict[str, str | None] = {}
    for key, value in velden.items():
        if key == "deelnemer":
            continue
        if key not in alle:
            raise InvoerFout(f"Onbekende vraag '{key[:40]}' in deze stemming.")
        if value == "":
            keuzes[key] = None
        elif value in {o.id for o in alle[key].opties}:
            keuzes[key] = value
        else:
            raise InvoerFout(f"'{value[:40]}' is geen keuze bij de vraag: {alle[key].vraag}")
    full = {vraag: keuzes.get(vraag) for vraag in alle}
    if all(k is None for k in full.values()):
        raise InvoerFout("Kies bij minstens één vraag een antwoord en verstuur opnieuw.")
    return Stem(keuzes=full)


# --------------------------------------------------------------------------- the result


@cache
def simulatie(model: str, scenario: str) -> dict[str, Any]:
    """The simulator's row for one way of paying in one preset (cached: about 0.1 s)."""
    invoer = preset(scenario)
    rows = tabel_rijen(vergelijk(invoer))
    row = next(r for r in rows if r["Model"] == MODEL_NAMEN[model])
    titel = (
        f"{MODEL_NAMEN[model]}, {scenarios()[scenario].titel}, over {nl_getal(invoer.jaren)} jaar"
    )
    return {
        "model": model,
        "scenario": scenario,
        "titel": titel,
        "waarden": {k: row[k] for k in SIMULATOR_KOLOMMEN},
    }


def uitslag(stemmen: list[Stem]) -> dict[str, Any] | None:
    """The tally (None below ``MIN_GROEP`` ballots); a question with fewer than
    ``MIN_GROEP`` answers shows no tally. The group's choice (most votes, no tie) of
    both questions is run through the simulator for the example municipality."""
    if len(stemmen) < MIN_GROEP:
        return None
    per_vraag = []
    gekozen: dict[str, str] = {}
    for vraag in vragen():
        gegeven = [s.keuzes[vraag.id] for s in stemmen if s.keuzes[vraag.id] is not None]
        getoond = len(gegeven) >= MIN_GROEP
        telling = {o.id: gegeven.count(o.id) for o in vraag.opties} if getoond else None
        winnaar = None
        if telling:
            top = max(telling.values())
            leaders = [k for k, n in telling.items() if n == top]
            winnaar = leaders[0] if len(leaders) == 1 else None
        if winnaar is not None:
            optie = next(o for o in vraag.opties if o.id == winnaar)
            gekozen[vraag.soort] = optie.model or optie.scenario or ""
        per_vraag.append(
            {
                "id": vraag.id,
                "vraag": vraag.vraag,
                "aantal": len(gegeven),
                "telling": telling,
                "labels": {o.id: optie_tekst(o).label for o in vraag.opties},
                "winnaar": winnaar,
            }
        )
    simulator = None
    if "model" in gekozen and "scenario" in gekozen:
        simulator = simulatie(gekozen["model"], gekozen["scenario"])
    return {"aantal": len(stemmen), "vragen": per_vraag, "simulator": simulator}


def beschrijving(u: dict[str, Any]) -> str:
    """The result in words (the text alternative of the presenter's bars)."""
    delen = [f"Uitslag van {u['aantal']} stemmen."]
    for vraag in u["vragen"]:
        if vraag["telling"] is None:
            delen.append(
                f"{vraag['vraag']} Te weinig antwoorden ({vraag['aantal']}); de telling "
                f"verschijnt vanaf {MIN_GROEP}."
            )
            continue
        tellen = ", ".join(f"{vraag['labels'][k]}: {n}" for k, n in vraag["telling"].items())
        meeste = (
            f"De meeste stemmen: {vraag['labels'][vraag['winnaar']]}."
            if vraag["winnaar"]
            else "Er is geen duidelijke winnaar: de hoogste aantallen zijn gelijk."
        )
        delen.append(f"{vraag['vraag']} {tellen}. {meeste}")
    sim = u["simulator"]
    if sim is None:
        delen.append("De simulator rekent pas als beide vragen een duidelijke winnaar hebben.")
    else:
        waarden = "; ".join(f"{k}: {v}" for k, v in sim["waarden"].items())
        delen.append(
            f"De simulator voor de voorbeeldgemeente (bedachte bedragen), {sim['titel']}: "
            f"{waarden}."
        )
    return " ".join(delen)
