"""Funding simulator: what the way a municipality pays does to cost, deficit, care and prevention.

Five ways of paying from the sources (RMO 2014; Alternatieven-lab 2021) over three domains
(Jeugd, Wmo, Participatiewet), year by year, from one set of inputs (:class:`Invoer`):

* ``pxq`` – P×Q: a price per hour of care; the municipality pays whatever is delivered;
* ``traject`` – a price per client per year, derived from expected hours × price;
* ``lumpsum`` – a fixed budget per domain, derived from volume × price in its basis year;
* ``populatie`` – an amount per inhabitant per domain, derived the same way, following population;
* ``uitkomst`` – P×Q plus a share of the municipality's saving for every prevented case
  (shared savings: the saving is split once, never paid twice).

Behaviour follows the incentive. The municipality may fund prevention itself in any model
(``gemeente_preventie``). A provider funds (part of) the rest only when, over its current contract,
doing so raises its margin (``reactie`` sets how much of the programme it then takes on). Fixed
budgets are indexed for prices and (lump sum) demography, rebased on realised need at a new contract
when ``herijking`` is on, and run out: what the provider cannot pay from the domain's budget, from
other domains' surplus (``ontschotting``) or from its reserve (``verliesruimte``) is unmet demand
(waiting list or under-treatment). Administration counts acts and prices them per act.

The browser front end runs a line-by-line JavaScript port (:mod:`leerlab.views.bekostiging_js`);
tests/test_bekostiging_browser.py proves it equal to this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.data import load_records
from leerlab.errors import InvoerFout
from leerlab.models.naslag import BRONNEN
from leerlab.paths import data_dir

DOMEINEN: tuple[str, ...] = ("jeugd", "wmo", "participatie")
DOMEIN_NAMEN = {"jeugd": "Jeugd", "wmo": "Wmo", "participatie": "Participatiewet"}
MODEL_IDS: tuple[str, ...] = ("pxq", "traject", "lumpsum", "populatie", "uitkomst")
MODEL_NAMEN = {
    "pxq": "P×Q per uur",
    "traject": "Per traject",
    "lumpsum": "Lumpsum per domein",
    "populatie": "Per inwoner",
    "uitkomst": "Uitkomst (gedeelde besparing)",
}
VASTE_BUDGETTEN = ("lumpsum", "populatie")
MAX_JAREN = 30
#: Amounts within half a cent count as equal (break-even years, the provider's decision).
TOLERANTIE = 0.005

#: Yearly totals of :func:`simuleer` (euro per year unless said otherwise).
UITKOMSTEN = (
    "betaling",  # € municipality → providers (provider revenue)
    "gemeente_preventie",  # € prevention the municipality pays itself
    "gemeente_kosten",  # € betaling + gemeente_preventie
    "rijksbijdrage",  # € from the state for these domains
    "tekort",  # € gemeente_kosten − rijksbijdrage (negative: surplus)
    "aanbieder_preventie",  # € prevention the provider pays
    "zorg_nodig",  # € care needed, at cost price
    "zorg_geleverd",  # € care delivered, at cost price
    "onvervuld",  # € care needed but not delivered (waiting list, under-treatment)
    "aanbieder_kosten",  # € zorg_geleverd + aanbieder_preventie
    "marge",  # € betaling − aanbieder_kosten
    "vraag",  # clients that would need care without prevention
    "clienten",  # clients that need care
    "voorkomen",  # cases prevented
    "onvervuld_clienten",  # client-years of care not delivered (€ unmet / cost per client)
    "preventie_effect",  # share of demand prevented (0–1)
    "aanbieder_investeert",  # 1 when the provider runs prevention this year, else 0
    "handelingen",  # administrative acts
    "administratie",  # € administrative acts × cost per act
)
DOMEIN_UITKOMSTEN = ("betaling", "onvervuld", "rijksbijdrage", "zorg_nodig", "clienten")


# --------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invoer:
    """All inputs of the simulator, in the units of data/bekostiging/parameters.csv.

    Percentages in percent (0–100), money in euro, years as whole numbers.
    """

    jaren: float  # years simulated (1..30)
    inwoners: float
    bevolkingsgroei: float  # % per year
    clienten_jeugd: float  # clients needing care in year 0
    clienten_wmo: float
    clienten_participatie: float
    uren_jeugd: float  # hours per client per year
    uren_wmo: float
    uren_participatie: float
    prijs_jeugd: float  # € per hour paid (year 0)
    prijs_wmo: float
    prijs_participatie: float
    kostprijs_jeugd: float  # € per hour it costs the provider (year 0)
    kostprijs_wmo: float
    kostprijs_participatie: float
    groei_jeugd: float  # % demand growth per year
    groei_wmo: float
    groei_participatie: float
    schok_jeugd: float  # % extra demand from schokjaar on
    schok_wmo: float
    schok_participatie: float
    schokjaar: float
    rijksbijdrage_jeugd: float  # € per year (year 0)
    rijksbijdrage_wmo: float
    rijksbijdrage_participatie: float
    rijksindexatie: float  # % per year growth of the Rijksbijdrage
    kostenstijging: float  # % per year growth of the provider's cost per hour
    prijsindexatie: float  # % of kostenstijging passed on in prices and budgets
    demografische_indexatie: float  # % of demand growth passed on in lump sums
    contractduur: float  # years per contract
    herijking: float  # 1: fixed prices/budgets rebased at each new contract, 0: never
    verliesruimte: float  # % of a fixed budget the provider will lose before rationing
    ontschotting: float  # % of a domain's surplus that may cover another domain's shortfall
    aanbieders: float
    preventie_effect: float  # % of demand the full programme prevents at full effect
    preventie_kosten: float  # € per year for the full programme
    aanloopjaren: float  # years until full effect
    gemeente_preventie: float  # % of the programme the municipality funds itself
    reactie: float  # % of the rest a provider takes on when it pays (behavioural response)
    urenkorting: float  # % fewer hours per client a provider paid per trajectory can give
    gedeelde_besparing: float  # % of the saving per prevented case paid to the provider
    declaraties_pxq: float  # declarations per client per year (P×Q, outcome)
    declaraties_traject: float  # declarations per client per year (trajectory)
    controle_aandeel: float  # % of declarations checked
    rapportages: float  # reports per provider per budget per year (fixed budgets)
    aanbesteding_handelingen: float  # acts per provider at a new contract
    kosten_beschikking: float  # € per act
    kosten_declaratie: float
    kosten_controle: float
    kosten_rapportage: float
    kosten_contractbeheer: float  # € per provider per year
    kosten_aanbesteding: float  # € per tender act

    def controleer(self) -> Invoer:
        """Raise :class:`InvoerFout` (Dutch, naming parameter and range) for a bad value."""
        specs = parameters()
        for veld in fields(self):
            specs[veld.name].controleer(getattr(self, veld.name))
        return self

    def met(self, **wijzigingen: float) -> Invoer:
        """A copy with some values changed (unknown names give a Dutch error)."""
        onbekend = sorted(set(wijzigingen) - set(PARAMETER_NAMEN))
        if onbekend:
            raise InvoerFout(
                f"Onbekende invoer: {', '.join(onbekend)}. Kies uit: {', '.join(PARAMETER_NAMEN)}."
            )
        return replace(self, **{k: float(v) for k, v in wijzigingen.items()})

    def als_dict(self) -> dict[str, float]:
        return {veld.name: float(getattr(self, veld.name)) for veld in fields(self)}

    def zonder_preventie(self) -> Invoer:
        return self.met(preventie_effect=0, preventie_kosten=0)

    def half_effect(self) -> Invoer:
        return self.met(preventie_effect=self.preventie_effect / 2)


PARAMETER_NAMEN: tuple[str, ...] = tuple(veld.name for veld in fields(Invoer))


class Parameter(BaseModel):
    """One row of data/bekostiging/parameters.csv: label, unit, group, allowed and control range."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field(pattern=r"^[a-z_]+$")
    groep: str = Field(min_length=3)
    label: str = Field(min_length=3)
    eenheid: str = Field(min_length=2)
    min: float
    max: float
    geheel: Literal["ja", "nee"] = "nee"
    stap: float = Field(gt=0)
    uitleg: str = Field(min_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> Parameter:
        if self.naam not in PARAMETER_NAMEN:
            raise ValueError(f"'{self.naam}' is geen invoer van het rekenmodel")
        if self.max <= self.min:
            raise ValueError("max moet groter zijn dan min")
        return self

    def toegestaan(self, waarde: float) -> bool:
        if not math.isfinite(waarde):
            return False
        heel = self.geheel == "nee" or float(waarde).is_integer()
        return self.min <= waarde <= self.max and heel

    def bereik(self) -> str:
        soort = "een geheel getal" if self.geheel == "ja" else "een getal"
        return f"{soort} van {nl_getal(self.min)} tot en met {nl_getal(self.max)}"

    def controleer(self, waarde: Any) -> float:
        try:
            getal = (
                float(str(waarde).replace(",", ".")) if isinstance(waarde, str) else float(waarde)
            )
        except (TypeError, ValueError):
            getal = float("nan")
        if not self.toegestaan(getal):
            gegeven = nl_getal(getal) if math.isfinite(getal) else f"geen geldig getal ({waarde!r})"
            raise InvoerFout(
                f"{self.label} ({self.naam}) moet {self.bereik()} zijn ({self.eenheid}); "
                f"je gaf {gegeven}."
            )
        return getal


def nl_getal(x: float, decimalen: int = 2) -> str:
    """A number the Dutch way: 2.600.000 and 2,5 (real minus sign)."""
    if float(x).is_integer():
        tekst = f"{int(abs(x)):,}".replace(",", ".")
    else:
        tekst = f"{abs(x):,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")
        tekst = tekst.rstrip("0").rstrip(",")
    return ("−" if x < 0 else "") + tekst


class Bron(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str
    regels: str = Field(pattern=r"^\d+(-\d+)?$")

    @model_validator(mode="after")
    def _known(self) -> Bron:
        if self.document not in BRONNEN:
            raise ValueError(f"onbekende bron '{self.document}'; kies uit {sorted(BRONNEN)}")
        return self


class Waarde(BaseModel):
    """One default: a value with its source (document + lines) or the label illustratief."""

    model_config = ConfigDict(extra="forbid")

    parameter: str
    waarde: float
    bron: Bron | None = None
    illustratief: bool = False
    toelichting: str = Field(min_length=10)

    @model_validator(mode="after")
    def _herkomst(self) -> Waarde:
        if self.parameter not in PARAMETER_NAMEN:
            raise ValueError(f"'{self.parameter}' is geen invoer van het rekenmodel")
        if (self.bron is None) == (not self.illustratief):
            raise ValueError("geef een bron óf zet illustratief: true (precies één van beide)")
        return self


class Scenario(BaseModel):
    """One preset of data/bekostiging/scenarios.yaml (others only list what they change)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    titel: str = Field(min_length=3)
    uitleg: str = Field(min_length=20)
    basis: str | None = None
    waarden: list[Waarde] = Field(min_length=1)


@cache
def parameters() -> dict[str, Parameter]:
    rows = load_records(data_dir() / "bekostiging" / "parameters.csv", Parameter)
    table = {row.naam: row for row in rows}
    missing = [naam for naam in PARAMETER_NAMEN if naam not in table]
    if missing:
        raise InvoerFout(f"parameters.csv mist de invoer: {', '.join(missing)}.")
    return table


@cache
def scenarios() -> dict[str, Scenario]:
    rows = load_records(data_dir() / "bekostiging" / "scenarios.yaml", Scenario)
    return {row.id: row for row in rows}


def herkomst(scenario: str = "standaard") -> dict[str, Waarde]:
    """Each parameter's value in a preset with where it comes from (the base fills the gaps)."""
    alle = scenarios()
    if scenario not in alle:
        raise InvoerFout(f"Onbekend scenario '{scenario}'. Kies uit: {', '.join(alle)}.")
    gekozen = alle[scenario]
    basis = herkomst(gekozen.basis) if gekozen.basis else {}
    return {**basis, **{w.parameter: w for w in gekozen.waarden}}


def preset(scenario: str = "standaard", **wijzigingen: float) -> Invoer:
    """The checked inputs of a preset from data/bekostiging/scenarios.yaml, with changes."""
    waarden = herkomst(scenario)
    missing = [naam for naam in PARAMETER_NAMEN if naam not in waarden]
    if missing:
        raise InvoerFout(f"Scenario '{scenario}' mist waarden voor: {', '.join(missing)}.")
    invoer = Invoer(**{naam: waarden[naam].waarde for naam in PARAMETER_NAMEN})
    return invoer.met(**wijzigingen).controleer()


def invoer_uit_dict(waarden: Mapping[str, Any], scenario: str = "standaard") -> Invoer:
    """Inputs from a scenario file or page address: a preset plus the values given.

    Unknown names and bad values give one Dutch error; nothing is half applied.
    """
    if not isinstance(waarden, Mapping):
        raise InvoerFout('Een scenariobestand bevat namen met getallen, zoals {"jaren": 10}.')
    onbekend = sorted(set(waarden) - set(PARAMETER_NAMEN) - {"scenario"})
    if onbekend:
        raise InvoerFout(f"Onbekende invoer: {', '.join(onbekend)}.")
    basis = str(waarden.get("scenario", scenario))
    specs = parameters()
    getallen = {k: specs[k].controleer(v) for k, v in waarden.items() if k != "scenario"}
    return preset(basis, **getallen)


def scenario_json(p: Invoer, scenario: str = "standaard") -> str:
    """The downloadable scenario file: every input by name (the page writes the same)."""
    return json.dumps({"scenario": scenario, **p.als_dict()}, ensure_ascii=False, indent=1)


# --------------------------------------------------------------------------------------
# The simulation (mirrored line by line in leerlab.views.bekostiging_js)
# --------------------------------------------------------------------------------------


def _v(p: Invoer, naam: str, domein: str) -> float:
    return float(getattr(p, f"{naam}_{domein}"))


def vraag(p: Invoer, d: str, t: int) -> float:
    """Demand without prevention: Q0 · (1 + g/100)^t · (1 + schok/100 if t ≥ schokjaar)."""
    schok = _v(p, "schok", d) / 100 if t >= p.schokjaar else 0.0
    return _v(p, "clienten", d) * (1 + _v(p, "groei", d) / 100) ** t * (1 + schok)


def prijsfactor(p: Invoer, t: int) -> float:
    """Price index: (1 + k/100 · ι/100)^t, k = kostenstijging, ι = prijsindexatie."""
    return (1 + p.kostenstijging / 100 * (p.prijsindexatie / 100)) ** t


def kostfactor(p: Invoer, t: int) -> float:
    return (1 + p.kostenstijging / 100) ** t


def effect(p: Invoer, t: int, reeks_g: int, x_a: float, reeks_a: int) -> float:
    """Share of demand prevented: s/100 · (x_g · min(1, n_g/a) + x_a · min(1, n_a/a)).

    n_g and n_a count the consecutive years the municipality and the provider have run
    prevention up to and including year t; the effect of each builds up over a years.
    """
    s = p.preventie_effect / 100
    x_g = p.gemeente_preventie / 100
    a = p.aanloopjaren
    return s * (x_g * min(1.0, reeks_g / a) + x_a * min(1.0, reeks_a / a))


@dataclass(frozen=True)
class _Contract:
    start: int
    basisjaar: int  # year whose volume sets fixed prices and budgets
    basis_clienten: dict[str, float]  # clients needing care in that year, per domain
    basis_uren: dict[str, float]  # hours per client delivered in that year (trajectory price)


class _Vast:
    """Inputs that do not change within one run, looked up once (a run calls _jaar often)."""

    def __init__(self, p: Invoer, model: str) -> None:
        self.p = p
        self.model = model
        self.vast = model in VASTE_BUDGETTEN
        self.domeinen = [
            (
                d,
                _v(p, "clienten", d),
                1 + _v(p, "groei", d) / 100,
                _v(p, "schok", d) / 100,
                _v(p, "uren", d),
                _v(p, "prijs", d),
                _v(p, "kostprijs", d),
                _v(p, "rijksbijdrage", d),
            )
            for d in DOMEINEN
        ]
        self.prijsbasis = 1 + p.kostenstijging / 100 * (p.prijsindexatie / 100)
        self.kostbasis = 1 + p.kostenstijging / 100
        self.rijksbasis = 1 + p.rijksindexatie / 100
        self.bevolkingsbasis = 1 + p.bevolkingsgroei / 100
        self.r_cut = p.reactie / 100 * (p.urenkorting / 100) if model == "traject" else 0.0
        #: Output keys per domain, in the order of DOMEIN_UITKOMSTEN.
        self.sleutels = [tuple(f"{k}_{d}" for k in DOMEIN_UITKOMSTEN) for d in DOMEINEN]


def _jaar(v: _Vast, t: int, k: _Contract, x_a: float, reeks_a: int) -> dict[str, float]:
    """One year of one model: the money flows of all domains and their totals.

    Same arithmetic, in the same order, as :func:`vraag`, :func:`prijsfactor` and
    :func:`kostfactor` (and as the JavaScript port).
    """
    p = v.p
    model = v.model
    e = effect(p, t, t, x_a, reeks_a)
    pf = v.prijsbasis**t
    kf = v.kostbasis**t
    rf = v.rijksbasis**t
    per: list[list[float]] = []
    for d, q0, groeibasis, schok_deel, u, prijs0, kost0, rijks0 in v.domeinen:
        schok = schok_deel if t >= p.schokjaar else 0.0
        q = q0 * groeibasis**t * (1 + schok)
        c = q * (1 - e)
        prijs = prijs0 * pf
        kost = kost0 * kf
        nodig = c * u * kost
        if model == "pxq":
            betaling = c * u * prijs
            geleverd = nodig
        elif model == "traject":
            betaling = c * k.basis_uren[d] * prijs
            geleverd = c * u * (1 - v.r_cut) * kost
        elif model == "uitkomst":
            betaling = c * u * prijs + p.gedeelde_besparing / 100 * (q * e) * u * prijs
            geleverd = nodig
        else:
            jaren = t - k.basisjaar
            if model == "lumpsum":
                groei = groeibasis**jaren - 1
                volume = 1 + p.demografische_indexatie / 100 * groei
            else:
                volume = v.bevolkingsbasis**jaren
            betaling = k.basis_clienten[d] * u * prijs * volume
            geleverd = nodig  # reduced below when the budget runs out
        per.append([q, c, betaling, nodig, geleverd, u * kost, rijks0 * rf, 0.0])
    aanbieder_preventie = p.preventie_kosten * x_a
    betaling = 0.0
    for r in per:
        betaling += r[2]
    if v.vast:
        tekorten = 0.0
        overschot = 0.0
        for r in per:
            tekorten += max(0.0, r[3] - r[2])
            overschot += max(0.0, r[2] - r[3])
        reserve = p.verliesruimte / 100 * betaling
        gedekt = max(
            0.0,
            min(
                tekorten,
                p.ontschotting / 100 * overschot + reserve,
                overschot + reserve - aanbieder_preventie,
            ),
        )
        rest = 1 - gedekt / tekorten if tekorten > 0 else 0.0
        for r in per:
            r[4] = r[3] - max(0.0, r[3] - r[2]) * rest
    zorg_nodig = zorg_geleverd = onvervuld = rijksbijdrage = clienten = totaal_vraag = 0.0
    onvervuld_clienten = 0.0
    for r in per:
        r[7] = r[3] - r[4]
        zorg_nodig += r[3]
        zorg_geleverd += r[4]
        onvervuld += r[7]
        rijksbijdrage += r[6]
        clienten += r[1]
        totaal_vraag += r[0]
        onvervuld_clienten += r[7] / r[5] if r[5] > 0 else 0.0
    gemeente_preventie = p.preventie_kosten * p.gemeente_preventie / 100
    gemeente_kosten = betaling + gemeente_preventie
    handelingen, administratie = _administratie(p, model, t, k, clienten, totaal_vraag)
    uit = {
        "betaling": betaling,
        "gemeente_preventie": gemeente_preventie,
        "gemeente_kosten": gemeente_kosten,
        "rijksbijdrage": rijksbijdrage,
        "tekort": gemeente_kosten - rijksbijdrage,
        "aanbieder_preventie": aanbieder_preventie,
        "zorg_nodig": zorg_nodig,
        "zorg_geleverd": zorg_geleverd,
        "onvervuld": onvervuld,
        "aanbieder_kosten": zorg_geleverd + aanbieder_preventie,
        "marge": betaling - zorg_geleverd - aanbieder_preventie,
        "vraag": totaal_vraag,
        "clienten": clienten,
        "voorkomen": totaal_vraag - clienten,
        "onvervuld_clienten": onvervuld_clienten,
        "preventie_effect": e,
        "aanbieder_investeert": 1.0 if x_a > 0 else 0.0,
        "handelingen": handelingen,
        "administratie": administratie,
    }
    for r, namen in zip(per, v.sleutels, strict=True):
        uit[namen[0]] = r[2]
        uit[namen[1]] = r[7]
        uit[namen[2]] = r[6]
        uit[namen[3]] = r[3]
        uit[namen[4]] = r[1]
    return uit


def _administratie(
    p: Invoer, model: str, t: int, k: _Contract, clienten: float, vraag_totaal: float
) -> tuple[float, float]:
    """Acts per year and their cost: beschikkingen, declarations, checks, reports,
    contract management and, in a contract's first year, tender work."""
    beschikkingen = clienten
    if model in ("pxq", "uitkomst"):
        declaraties = p.declaraties_pxq * clienten
    elif model == "traject":
        declaraties = p.declaraties_traject * clienten
    else:
        declaraties = 0.0
    metingen = vraag_totaal if model == "uitkomst" else 0.0  # one outcome measurement per client
    controles = p.controle_aandeel / 100 * declaraties
    budgetten = 1 + (len(DOMEINEN) - 1) * (1 - p.ontschotting / 100)
    rapportages = p.rapportages * p.aanbieders * budgetten if model in VASTE_BUDGETTEN else 0.0
    contractbeheer = p.aanbieders
    aanbesteding = p.aanbieders * p.aanbesteding_handelingen if t == k.start else 0.0
    handelingen = (
        beschikkingen + declaraties + metingen + controles + rapportages + contractbeheer
    ) + aanbesteding
    kosten = (
        beschikkingen * p.kosten_beschikking
        + (declaraties + metingen) * p.kosten_declaratie
        + controles * p.kosten_controle
        + rapportages * p.kosten_rapportage
        + contractbeheer * p.kosten_contractbeheer
        + aanbesteding * p.kosten_aanbesteding
    )
    return handelingen, kosten


def simuleer(p: Invoer, model: str) -> list[dict[str, float]]:
    """Years 1..jaren of one model (inputs unchecked; see :func:`vergelijk`).

    Contracts start in year 1, 1 + L, 1 + 2L, ... At each start the basis year of fixed prices and
    budgets is 0 (first contract, or no rebasing) or the year before; then the provider decides
    for the whole contract: it runs its share x = reactie · (1 − gemeente_preventie) of the
    prevention programme only if that raises its summed margin over the contract's L years.
    """
    if model not in MODEL_IDS:
        raise InvoerFout(f"Onbekend model '{model}'. Kies uit: {', '.join(MODEL_IDS)}.")
    jaren = int(p.jaren)
    duur = int(p.contractduur)
    vast = _Vast(p, model)
    rijen: list[dict[str, float]] = []
    reeks_a = 0
    x_kan = p.reactie / 100 * (1 - p.gemeente_preventie / 100)
    start = 1
    while start <= jaren:
        basisjaar = start - 1 if (p.herijking >= 0.5 and start > 1) else 0
        if basisjaar == 0:
            clienten = {d: vraag(p, d, 0) for d in DOMEINEN}
            uren = {d: _v(p, "uren", d) for d in DOMEINEN}
        else:
            vorig = rijen[basisjaar - 1]
            clienten = {d: vorig[f"clienten_{d}"] for d in DOMEINEN}
            korting = p.reactie / 100 * (p.urenkorting / 100) if model == "traject" else 0.0
            uren = {d: _v(p, "uren", d) * (1 - korting) for d in DOMEINEN}
        k = _Contract(start, basisjaar, clienten, uren)
        x_a = 0.0
        if x_kan > 0 and p.preventie_effect > 0:
            met = sum(
                _jaar(vast, start + i, k, x_kan, reeks_a + i + 1)["marge"] for i in range(duur)
            )
            zonder = sum(_jaar(vast, start + i, k, 0.0, 0)["marge"] for i in range(duur))
            if met - zonder > TOLERANTIE:
                x_a = x_kan
        for i in range(min(duur, jaren - start + 1)):
            reeks_a = reeks_a + 1 if x_a > 0 else 0
            rijen.append(_jaar(vast, start + i, k, x_a, reeks_a))
        start += duur
    return rijen


# --------------------------------------------------------------------------------------
# Comparison: all models, with and without prevention, and at half the effect
# --------------------------------------------------------------------------------------


def omslagjaar(voordeel_per_jaar: list[float]) -> int | None:
    """First year from which the cumulative advantage stays above zero until the end."""
    totaal = 0.0
    laatste_niet = 0
    for jaar, waarde in enumerate(voordeel_per_jaar, start=1):
        totaal += waarde
        if totaal <= TOLERANTIE:
            laatste_niet = jaar
    return None if laatste_niet >= len(voordeel_per_jaar) else laatste_niet + 1


SAMENVATTING = (
    "gemeente_kosten",
    "tekort",
    "marge",
    "onvervuld",
    "onvervuld_clienten",
    "administratie",
    "handelingen",
    "gemeente_preventie",
    "aanbieder_preventie",
    "voorkomen",
)


@dataclass(frozen=True)
class Uitslag:
    """One model over the whole period."""

    model: str
    totaal: dict[str, float]  # sums over the years of SAMENVATTING
    winst_gemeente: float  # € saved by the municipality thanks to prevention (whole period)
    winst_aanbieder: float  # € extra margin for the provider thanks to prevention
    terug_gemeente: int | None  # year prevention has paid back for the municipality
    terug_aanbieder: int | None
    terug_samenleving: int | None
    half_winst_gemeente: float  # the same at half the prevention effect
    half_terug_gemeente: int | None
    half_terug_samenleving: int | None


@dataclass(frozen=True)
class Vergelijking:
    invoer: Invoer
    reeksen: dict[str, list[dict[str, float]]]
    uitslagen: dict[str, Uitslag]


def _winst(
    met: list[dict[str, float]], zonder: list[dict[str, float]]
) -> tuple[list[float], list[float], list[float]]:
    """Yearly gain of prevention for municipality, provider and society (care left undone
    counts as a loss for society: it is need that nobody met)."""
    gemeente = [
        z["gemeente_kosten"] - m["gemeente_kosten"] for m, z in zip(met, zonder, strict=True)
    ]
    aanbieder = [m["marge"] - z["marge"] for m, z in zip(met, zonder, strict=True)]
    samen = [
        g + a - (m["onvervuld"] - z["onvervuld"])
        for g, a, m, z in zip(gemeente, aanbieder, met, zonder, strict=True)
    ]
    return gemeente, aanbieder, samen


def vergelijk(p: Invoer) -> Vergelijking:
    """All models over ``p.jaren`` years, each also without prevention and at half the effect."""
    p.controleer()
    p0 = p.zonder_preventie()
    ph = p.half_effect()
    reeksen: dict[str, list[dict[str, float]]] = {}
    uitslagen: dict[str, Uitslag] = {}
    for m in MODEL_IDS:
        met = simuleer(p, m)
        zonder = simuleer(p0, m)
        half = simuleer(ph, m)
        g, a, s = _winst(met, zonder)
        hg, _ha, hs = _winst(half, zonder)
        reeksen[m] = met
        uitslagen[m] = Uitslag(
            model=m,
            totaal={key: sum(r[key] for r in met) for key in SAMENVATTING},
            winst_gemeente=sum(g),
            winst_aanbieder=sum(a),
            terug_gemeente=omslagjaar(g),
            terug_aanbieder=omslagjaar(a),
            terug_samenleving=omslagjaar(s),
            half_winst_gemeente=sum(hg),
            half_terug_gemeente=omslagjaar(hg),
            half_terug_samenleving=omslagjaar(hs),
        )
    return Vergelijking(p, reeksen, uitslagen)


def vergelijking_als_dict(v: Vergelijking) -> dict[str, Any]:
    """Plain data (the shape the page script produces), for parity tests and downloads."""
    return {
        "reeksen": v.reeksen,
        "uitslagen": {
            m: {
                "totaal": u.totaal,
                "winst_gemeente": u.winst_gemeente,
                "winst_aanbieder": u.winst_aanbieder,
                "terug_gemeente": u.terug_gemeente,
                "terug_aanbieder": u.terug_aanbieder,
                "terug_samenleving": u.terug_samenleving,
                "half_winst_gemeente": u.half_winst_gemeente,
                "half_terug_gemeente": u.half_terug_gemeente,
                "half_terug_samenleving": u.half_terug_samenleving,
            }
            for m, u in v.uitslagen.items()
        },
    }


def euro(bedrag: float) -> str:
    """€ 1.234.567 (whole euros), with a real minus sign."""
    afgerond = round(bedrag)
    teken = "−" if afgerond < 0 else ""
    return f"{teken}€ {nl_getal(abs(afgerond))}"


def jaar_tekst(jaar: int | None) -> str:
    return "niet binnen de periode" if jaar is None else f"jaar {jaar}"


def tabel_rijen(v: Vergelijking) -> list[dict[str, str]]:
    """Dutch table rows for the CLI, the widget and the page's text alternative."""
    rijen = []
    for m, u in v.uitslagen.items():
        t = u.totaal
        if t["aanbieder_preventie"] > 0 and t["gemeente_preventie"] > 0:
            wie = "gemeente en aanbieder"
        elif t["aanbieder_preventie"] > 0:
            wie = "aanbieder"
        elif t["gemeente_preventie"] > 0:
            wie = "gemeente"
        else:
            wie = "niemand"
        rijen.append(
            {
                "Model": MODEL_NAMEN[m],
                "Kosten gemeente": euro(t["gemeente_kosten"]),
                "Tekort gemeente": euro(t["tekort"]),
                "Marge aanbieder": euro(t["marge"]),
                "Zorg niet geleverd": euro(t["onvervuld"]),
                "Administratie": euro(t["administratie"]),
                "Wie investeert in preventie": wie,
                "Preventie terug (gemeente)": jaar_tekst(u.terug_gemeente),
                "Preventie terug (aanbieder)": jaar_tekst(u.terug_aanbieder),
                "Bij half effect: winst gemeente": euro(u.half_winst_gemeente),
            }
        )
    return rijen
