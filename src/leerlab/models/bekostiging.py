"""Funding models: what the way a municipality pays does to cost, margin, risk and incentives.

Seven ways of paying from the sources (RMO 2014; Alternatieven-lab 2021) share one set of
inputs (:class:`Invoer`) and one set of yearly outputs (:data:`UITKOMSTEN`), so they compare:

* ``pxq`` – P×Q, a price per hour of care;
* ``traject`` – a price per trajectory (per client per year);
* ``lumpsum`` – a fixed budget for a task or area, set again at each new contract;
* ``populatie`` – populatiegebonden bekostiging: an amount per inhabitant, used or not;
* ``uitkomst`` – payment for outcomes: part of the fixed budget plus a bonus per prevented case;
* ``ontschot`` – one fixed budget across the domains (ontschotting), which removes duplicate work;
* contract length is not a model of its own but an input of all of them: it sets when fixed
  budgets are re-based on realised volume and how often contracts are tendered.

Every formula is plain arithmetic plus :func:`minimum` and :func:`omlaag`, so the same Python
function gives a number for floats and a Vega expression for ``alt.param`` objects (see
:mod:`leerlab.views.bekostiging_charts`). Years are numbered t = 0 (the base year, before any
contract) to T; formulas have no division by an input, so no slider setting can give NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.data import load_records
from leerlab.errors import InvoerFout
from leerlab.models.naslag import BRONNEN
from leerlab.paths import data_dir

#: A number, or an Altair expression when the formula builds a Vega expression.
Num = Any

#: Every model returns these keys for a year (euro per year unless said otherwise).
UITKOMSTEN = (
    "betaling",  # € paid by the municipality to the provider = provider revenue
    "gemeente_preventie",  # € the municipality pays for prevention itself
    "gemeente_kosten",  # € total cost for the municipality = betaling + gemeente_preventie
    "aanbieder_kosten",  # € provider's cost: care hours × cost price + prevention it pays
    "marge",  # € provider's margin = betaling − aanbieder_kosten
    "clienten",  # clients in care this year
    "voorkomen",  # cases prevented this year (clients who no longer need care)
    "uren",  # hours of care delivered
    "handelingen",  # administrative acts: declarations, reports, tender work (count)
    "opbrengst_extra_uur",  # € provider revenue from one more hour of care
    "marge_extra_uur",  # € provider margin from one more hour of care
    "opbrengst_voorkomen_geval",  # € provider revenue change when one case is prevented
    "marge_voorkomen_geval",  # € provider margin change when one case is prevented
    "gemeente_extra_client",  # € extra municipal cost of one unexpected extra client
    "marge_extra_client",  # € provider margin change from one unexpected extra client
)

MAX_JAREN = 30


# --------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invoer:
    """All inputs of every model, in the units of data/bekostiging/parameters.csv.

    Percentages are given in percent (0–100), money in euro. Fields may hold Altair
    parameters instead of numbers when a chart builds its expressions; :meth:`controleer`
    is only meaningful for numbers.
    """

    inwoners: Num  # inhabitants
    clienten: Num  # clients in year 0 (clients/year)
    uren_per_client: Num  # hours per client per year
    prijs_per_uur: Num  # € per hour (P in P×Q)
    kostprijs_per_uur: Num  # € per hour: what an hour costs the provider
    trajectprijs: Num  # € per trajectory (client-year)
    budget: Num  # € per year: lump sum in the first contract
    bedrag_per_inwoner: Num  # € per inhabitant per year
    groei: Num  # % per year growth of demand
    preventie_aandeel: Num  # % of demand that prevention or the network handles at full effect
    preventie_investering: Num  # € per year spent on prevention
    aanloopjaren: Num  # years until prevention has full effect
    contractduur: Num  # years per contract
    uitkomstdeel: Num  # % of the lump sum that is replaced by outcome payment
    uitkomstbonus: Num  # € per prevented case
    dubbel_werk: Num  # % of hours that is duplicate work between domains
    domeinen: Num  # number of domains with their own budget
    aanbieders: Num  # number of contracted providers
    declaraties_per_client: Num  # declarations per client per year under P×Q
    declaraties_per_traject: Num  # declarations per trajectory
    rapportages_per_jaar: Num  # reports per provider per domain per year (fixed budgets)
    aanbesteding_handelingen: Num  # administrative acts per provider at each new contract

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
        return replace(self, **wijzigingen)

    def zonder_preventie(self) -> Invoer:
        """The same situation without prevention: no effect, no investment."""
        return replace(self, preventie_aandeel=0, preventie_investering=0)

    def als_dict(self) -> dict[str, Num]:
        return {veld.name: getattr(self, veld.name) for veld in fields(self)}


PARAMETER_NAMEN: tuple[str, ...] = tuple(veld.name for veld in fields(Invoer))


class Parameter(BaseModel):
    """One row of data/bekostiging/parameters.csv: label, unit, allowed and slider range."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=3)
    eenheid: str = Field(min_length=2)
    min: float
    max: float | None = None
    min_uitgesloten: Literal["ja", "nee"] = "nee"
    geheel: Literal["ja", "nee"] = "nee"
    slider: Literal["ja", "nee"] = "nee"
    slider_min: float | None = None
    slider_max: float | None = None
    stap: float | None = None
    uitleg: str = Field(min_length=10)

    @model_validator(mode="after")
    def _consistent(self) -> Parameter:
        if self.naam not in PARAMETER_NAMEN:
            raise ValueError(f"'{self.naam}' is geen invoer van het rekenmodel")
        if self.max is not None and self.max <= self.min:
            raise ValueError("max moet groter zijn dan min")
        if self.slider == "ja":
            if self.slider_min is None or self.slider_max is None or not self.stap:
                raise ValueError("een schuifje heeft slider_min, slider_max en stap nodig")
            if not (self.toegestaan(self.slider_min) and self.toegestaan(self.slider_max)):
                raise ValueError("het bereik van het schuifje valt buiten min en max")
        return self

    def toegestaan(self, waarde: float) -> bool:
        if not math.isfinite(waarde):
            return False
        onder = waarde > self.min if self.min_uitgesloten == "ja" else waarde >= self.min
        boven = self.max is None or waarde <= self.max
        heel = self.geheel == "nee" or float(waarde).is_integer()
        return onder and boven and heel

    def bereik(self) -> str:
        """The allowed range in Dutch words, e.g. 'een getal tussen 0 en 100'."""
        soort = "een geheel getal" if self.geheel == "ja" else "een getal"
        onder = _nl_getal(self.min)
        if self.max is None:
            grens = (
                f"groter dan {onder}" if self.min_uitgesloten == "ja" else f"van {onder} of meer"
            )
        elif self.min_uitgesloten == "ja":
            grens = f"groter dan {onder} en hoogstens {_nl_getal(self.max)}"
        else:
            grens = f"van {onder} tot en met {_nl_getal(self.max)}"
        return f"{soort} {grens}"

    def controleer(self, waarde: Any) -> float:
        try:
            getal = float(waarde)
        except (TypeError, ValueError):
            getal = float("nan")
        if not self.toegestaan(getal):
            gegeven = (
                _nl_getal(getal) if math.isfinite(getal) else f"geen geldig getal ({waarde!r})"
            )
            raise InvoerFout(
                f"{self.label} ({self.naam}) moet {self.bereik()} zijn ({self.eenheid}); "
                f"je gaf {gegeven}."
            )
        return getal


def _nl_getal(x: float) -> str:
    """A number the Dutch way: 2.600.000 and 2,5."""
    if float(x).is_integer():
        tekst = f"{int(abs(x)):,}".replace(",", ".")
    else:
        tekst = f"{abs(x):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").rstrip("0")
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
    """One scenario of data/bekostiging/scenarios.yaml."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    titel: str = Field(min_length=3)
    uitleg: str = Field(min_length=20)
    basis: str | None = None
    waarden: list[Waarde] = Field(min_length=1)


@cache
def parameters() -> dict[str, Parameter]:
    """The parameter table, keyed by name, in the order of the CSV file."""
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
    """Each parameter's default with where it comes from (a base scenario fills the gaps)."""
    alle = scenarios()
    if scenario not in alle:
        raise InvoerFout(f"Onbekend scenario '{scenario}'. Kies uit: {', '.join(alle)}.")
    gekozen = alle[scenario]
    basis = herkomst(gekozen.basis) if gekozen.basis else {}
    return {**basis, **{w.parameter: w for w in gekozen.waarden}}


def standaard_invoer(scenario: str = "standaard", **wijzigingen: float) -> Invoer:
    """The checked inputs of a scenario from data/, with optional changes."""
    waarden = herkomst(scenario)
    missing = [naam for naam in PARAMETER_NAMEN if naam not in waarden]
    if missing:
        raise InvoerFout(f"Scenario '{scenario}' mist waarden voor: {', '.join(missing)}.")
    invoer = Invoer(**{naam: waarden[naam].waarde for naam in PARAMETER_NAMEN})
    return invoer.met(**wijzigingen).controleer()


# --------------------------------------------------------------------------------------
# Building blocks (work on numbers and on Altair expressions)
# --------------------------------------------------------------------------------------


def _is_getal(x: Any) -> bool:
    return isinstance(x, int | float)


def minimum(a: Num, b: Num) -> Num:
    """min(a, b) for numbers, Vega's ``min`` for expressions."""
    if _is_getal(a) and _is_getal(b):
        return min(a, b)
    import altair as alt

    return alt.expr.min(a, b)


def omlaag(x: Num) -> Num:
    """Round down (floor) for numbers and for expressions."""
    if _is_getal(x):
        return math.floor(x)
    import altair as alt

    return alt.expr.floor(x)


def vraag(p: Invoer, t: Num) -> Num:
    """Demand in year t without prevention: G(t) = Q0 · (1 + g/100)^t  [clients/year]."""
    return p.clienten * (1 + p.groei / 100) ** t


def preventie_effect(p: Invoer, t: Num) -> Num:
    """Share of demand prevented in year t: e(t) = s/100 · min(1, t/a)  [fraction, 0–1].

    The effect grows linearly over a = ``aanloopjaren`` years (a ≥ 1) to its full size s.
    """
    return p.preventie_aandeel / 100 * minimum(1, t / p.aanloopjaren)


def volume_index(p: Invoer, t: Num) -> Num:
    """Care volume in year t relative to year 0: v(t) = (1 + g/100)^t · (1 − e(t))  [–]."""
    return (1 + p.groei / 100) ** t * (1 - preventie_effect(p, t))


def clienten_in_zorg(p: Invoer, t: Num) -> Num:
    """C(t) = G(t) · (1 − e(t)) = Q0 · v(t)  [clients/year]."""
    return p.clienten * volume_index(p, t)


def voorkomen(p: Invoer, t: Num) -> Num:
    """V(t) = G(t) · e(t)  [prevented cases/year]."""
    return vraag(p, t) * preventie_effect(p, t)


def uren_zorg(p: Invoer, t: Num) -> Num:
    """H(t) = C(t) · u  [hours/year]."""
    return clienten_in_zorg(p, t) * p.uren_per_client


def contract_basisjaar(p: Invoer, t: Num) -> Num:
    """The year whose volume sets the budget of year t's contract: ⌊(t−1)/L⌋ · L  [year].

    It is 0 in the first contract (L = ``contractduur``), L in the second, and so on.
    """
    return omlaag((t - 1) / p.contractduur) * p.contractduur


def nieuw_contract(p: Invoer, t: Num) -> Num:
    """1 in the first year of a contract (a tender takes place), else 0  [–]."""
    return omlaag((t - 1) / p.contractduur) - omlaag((t - 2) / p.contractduur)


def herijkt_budget(p: Invoer, t: Num, besparing: Num = 0) -> Num:
    """Fixed budget in year t: B · v(k) · (1 − d · min(1, k))  [€/year], k = contract_basisjaar.

    In the first contract (k = 0) it is the agreed budget B; each new contract re-bases it on
    the care volume of the year before it starts, including a saving d (a fraction) that the
    provider realised during earlier contracts.
    """
    k = contract_basisjaar(p, t)
    return p.budget * volume_index(p, k) * (1 - besparing * minimum(1, k))


def aanbesteding(p: Invoer, t: Num) -> Num:
    """Tender work in year t: N_a · A · new-contract(t)  [acts/year]."""
    return p.aanbieders * p.aanbesteding_handelingen * nieuw_contract(p, t)


def _jaar(
    p: Invoer,
    t: Num,
    *,
    betaling: Num,
    uren: Num,
    gemeente_preventie: Num,
    aanbieder_preventie: Num,
    handelingen: Num,
    opbrengst_extra_uur: Num,
    opbrengst_voorkomen_geval: Num,
    gemeente_extra_client: Num,
    uren_per_client: Num,
) -> dict[str, Num]:
    """Assemble the common outputs; money is conserved by construction of the flows."""
    aanbieder_kosten = uren * p.kostprijs_per_uur + aanbieder_preventie
    zorgkosten_client = uren_per_client * p.kostprijs_per_uur
    return {
        "betaling": betaling,
        "gemeente_preventie": gemeente_preventie,
        "gemeente_kosten": betaling + gemeente_preventie,
        "aanbieder_kosten": aanbieder_kosten,
        "marge": betaling - aanbieder_kosten,
        "clienten": clienten_in_zorg(p, t),
        "voorkomen": voorkomen(p, t),
        "uren": uren,
        "handelingen": handelingen + aanbesteding(p, t),
        "opbrengst_extra_uur": opbrengst_extra_uur,
        "marge_extra_uur": opbrengst_extra_uur - p.kostprijs_per_uur,
        "opbrengst_voorkomen_geval": opbrengst_voorkomen_geval,
        "marge_voorkomen_geval": opbrengst_voorkomen_geval + zorgkosten_client,
        "gemeente_extra_client": gemeente_extra_client,
        "marge_extra_client": gemeente_extra_client - zorgkosten_client,
    }


# --------------------------------------------------------------------------------------
# The models: same inputs (p, t), same outputs (UITKOMSTEN)
# --------------------------------------------------------------------------------------


def pxq(p: Invoer, t: Num) -> dict[str, Num]:
    """P×Q per hour: betaling(t) = P · H(t)  [€/year].

    One more hour earns the provider P; a prevented case costs it P · u of revenue. The
    municipality pays prevention itself (I €/year) and bears the volume risk. Admin:
    declarations D_c per client per year: D_c · C(t)  [acts/year].
    """
    uren = uren_zorg(p, t)
    return _jaar(
        p,
        t,
        betaling=p.prijs_per_uur * uren,
        uren=uren,
        gemeente_preventie=p.preventie_investering,
        aanbieder_preventie=0,
        handelingen=p.declaraties_per_client * clienten_in_zorg(p, t),
        opbrengst_extra_uur=p.prijs_per_uur,
        opbrengst_voorkomen_geval=-p.prijs_per_uur * p.uren_per_client,
        gemeente_extra_client=p.prijs_per_uur * p.uren_per_client,
        uren_per_client=p.uren_per_client,
    )


def traject(p: Invoer, t: Num) -> dict[str, Num]:
    """Per trajectory: betaling(t) = T · C(t)  [€/year], T = price per client-year.

    Extra hours within a trajectory earn nothing; a prevented case loses T. The municipality
    bears the risk of more clients, the provider that of heavier clients. Admin: D_t · C(t).
    """
    uren = uren_zorg(p, t)
    return _jaar(
        p,
        t,
        betaling=p.trajectprijs * clienten_in_zorg(p, t),
        uren=uren,
        gemeente_preventie=p.preventie_investering,
        aanbieder_preventie=0,
        handelingen=p.declaraties_per_traject * clienten_in_zorg(p, t),
        opbrengst_extra_uur=0,
        opbrengst_voorkomen_geval=-p.trajectprijs,
        gemeente_extra_client=p.trajectprijs,
        uren_per_client=p.uren_per_client,
    )


def _vast_bedrag(p: Invoer, t: Num, betaling: Num) -> dict[str, Num]:
    """A fixed payment whatever the volume: the provider pays prevention, one more hour or
    one prevented case changes nothing in revenue, and admin is R reports · N_a · domains."""
    return _jaar(
        p,
        t,
        betaling=betaling,
        uren=uren_zorg(p, t),
        gemeente_preventie=0,
        aanbieder_preventie=p.preventie_investering,
        handelingen=p.rapportages_per_jaar * p.aanbieders * p.domeinen,
        opbrengst_extra_uur=0,
        opbrengst_voorkomen_geval=0,
        gemeente_extra_client=0,
        uren_per_client=p.uren_per_client,
    )


def lumpsum(p: Invoer, t: Num) -> dict[str, Num]:
    """Lump sum per task or area: betaling(t) = B · v(k(t))  [€/year] (see herijkt_budget).

    Within a contract the provider bears the volume risk and keeps what prevention saves; at a
    new contract the budget follows the realised volume, so savings pass to the municipality.
    The provider pays prevention from the budget. Admin: R reports · N_a providers · domains.
    """
    return _vast_bedrag(p, t, herijkt_budget(p, t))


def populatie(p: Invoer, t: Num) -> dict[str, Num]:
    """Populatiegebonden bekostiging: betaling(t) = b · N  [€/year], whoever uses care.

    Not re-based on use: the provider bears all volume risk and keeps all savings from
    prevention (RMO: this rewards prevention; the risk is under-treatment). The provider pays
    prevention. Admin: R · N_a · domains.
    """
    return _vast_bedrag(p, t, p.bedrag_per_inwoner * p.inwoners)


def uitkomst(p: Invoer, t: Num) -> dict[str, Num]:
    """Payment for outcomes: betaling(t) = B·v(k)·(1 − w/100) + bonus · V(t)  [€/year].

    A share w of the fixed budget is at stake; each prevented case earns the bonus. Admin: the
    reports of a fixed budget plus one outcome measurement per client in demand G(t).
    """
    uren = uren_zorg(p, t)
    return _jaar(
        p,
        t,
        betaling=herijkt_budget(p, t) * (1 - p.uitkomstdeel / 100)
        + p.uitkomstbonus * voorkomen(p, t),
        uren=uren,
        gemeente_preventie=0,
        aanbieder_preventie=p.preventie_investering,
        handelingen=p.rapportages_per_jaar * p.aanbieders * p.domeinen + vraag(p, t),
        opbrengst_extra_uur=0,
        opbrengst_voorkomen_geval=p.uitkomstbonus,
        gemeente_extra_client=0,
        uren_per_client=p.uren_per_client,
    )


def ontschot(p: Invoer, t: Num) -> dict[str, Num]:
    """One budget across domains: hours H(t)·(1 − d/100); betaling = B·v(k)·(1 − d/100·min(1,k)).

    Removing duplicate work (d % of hours) saves the provider money within the first contract;
    later contracts are re-based on the lower volume. One budget means one set of reports per
    provider instead of one per domain: admin R · N_a.
    """
    besparing = p.dubbel_werk / 100
    uren_per_client = p.uren_per_client * (1 - besparing)
    return _jaar(
        p,
        t,
        betaling=herijkt_budget(p, t, besparing),
        uren=uren_zorg(p, t) * (1 - besparing),
        gemeente_preventie=0,
        aanbieder_preventie=p.preventie_investering,
        handelingen=p.rapportages_per_jaar * p.aanbieders,
        opbrengst_extra_uur=0,
        opbrengst_voorkomen_geval=0,
        gemeente_extra_client=0,
        uren_per_client=uren_per_client,
    )


@dataclass(frozen=True)
class Model:
    id: str
    naam: str
    functie: Callable[[Invoer, Num], dict[str, Num]]
    volumerisico: str
    kort: str


MODELLEN: dict[str, Model] = {
    m.id: m
    for m in (
        Model("pxq", "P×Q per uur", pxq, "gemeente", "Betalen per geleverd uur."),
        Model(
            "traject",
            "Per traject",
            traject,
            "gedeeld: gemeente het aantal cliënten, aanbieder de zwaarte",
            "Betalen per cliënt, los van het aantal uren.",
        ),
        Model(
            "lumpsum",
            "Lumpsum per taak",
            lumpsum,
            "aanbieder binnen het contract, daarna de gemeente",
            "Een vast budget dat bij elk nieuw contract opnieuw wordt vastgesteld.",
        ),
        Model(
            "populatie",
            "Per inwoner",
            populatie,
            "aanbieder",
            "Een bedrag per inwoner, of die nu zorg gebruikt of niet.",
        ),
        Model(
            "uitkomst",
            "Voor uitkomsten",
            uitkomst,
            "aanbieder",
            "Een deel van het vaste budget plus een bonus per voorkomen geval.",
        ),
        Model(
            "ontschot",
            "Eén budget (ontschot)",
            ontschot,
            "aanbieder binnen het contract, daarna de gemeente",
            "Eén vast budget voor alle domeinen samen; dubbel werk valt weg.",
        ),
    )
}


# --------------------------------------------------------------------------------------
# Multi-year comparison
# --------------------------------------------------------------------------------------

#: Amounts within half a cent count as equal when deciding a break-even year.
TOLERANTIE = 0.005


def controleer_jaren(jaren: Any) -> int:
    try:
        getal = float(jaren)
    except (TypeError, ValueError):
        getal = float("nan")
    if not (math.isfinite(getal) and getal.is_integer() and 1 <= getal <= MAX_JAREN):
        raise InvoerFout(
            f"Aantal jaren (jaren) moet een geheel getal tussen 1 en {MAX_JAREN} zijn; "
            f"je gaf {jaren!r}."
        )
    return int(getal)


def omslagjaar(voordeel_per_jaar: list[float]) -> int | None:
    """First year from which the cumulative advantage stays above zero until the end.

    Years are 1-based; ``None`` when the advantage is not positive in the last year.
    Same rule as the chart: one year after the last year with a cumulative sum ≤ 0.
    """
    totaal = 0.0
    laatste_niet = 0
    for jaar, waarde in enumerate(voordeel_per_jaar, start=1):
        totaal += waarde
        if totaal <= TOLERANTIE:
            laatste_niet = jaar
    return None if laatste_niet >= len(voordeel_per_jaar) else laatste_niet + 1


def reeks(p: Invoer, model: str, jaren: int) -> list[dict[str, float]]:
    """Outputs of one model for years 1..jaren (no input check: see :func:`vergelijk`)."""
    functie = MODELLEN[model].functie
    return [functie(p, float(t)) for t in range(1, jaren + 1)]


@dataclass(frozen=True)
class Samenvatting:
    """One model over the whole period; None for a break-even year means 'not within it'."""

    model: str
    totaal_gemeente: float
    totaal_marge: float
    totaal_handelingen: float
    verschil_met_pxq: float  # cumulative municipal cost of P×Q minus this model (€)
    goedkoper_dan_pxq_vanaf: int | None
    terugverdiend_gemeente: int | None
    terugverdiend_aanbieder: int | None
    terugverdiend_samenleving: int | None


@dataclass(frozen=True)
class Vergelijking:
    invoer: Invoer
    jaren: int
    reeksen: dict[str, list[dict[str, float]]]
    zonder_preventie: dict[str, list[dict[str, float]]]
    samenvatting: dict[str, Samenvatting]


def _samenvatten(
    model: str,
    met: list[dict[str, float]],
    zonder: list[dict[str, float]],
    basis: list[dict[str, float]],
) -> Samenvatting:
    def som(rijen: list[dict[str, float]], key: str) -> float:
        return sum(r[key] for r in rijen)

    gemeente_winst = [
        z["gemeente_kosten"] - m["gemeente_kosten"] for m, z in zip(met, zonder, strict=True)
    ]
    aanbieder_winst = [m["marge"] - z["marge"] for m, z in zip(met, zonder, strict=True)]
    samenleving_winst = [g + a for g, a in zip(gemeente_winst, aanbieder_winst, strict=True)]
    tov_pxq = [b["gemeente_kosten"] - m["gemeente_kosten"] for m, b in zip(met, basis, strict=True)]
    return Samenvatting(
        model=model,
        totaal_gemeente=som(met, "gemeente_kosten"),
        totaal_marge=som(met, "marge"),
        totaal_handelingen=som(met, "handelingen"),
        verschil_met_pxq=sum(tov_pxq),
        goedkoper_dan_pxq_vanaf=None if model == "pxq" else omslagjaar(tov_pxq),
        terugverdiend_gemeente=omslagjaar(gemeente_winst),
        terugverdiend_aanbieder=omslagjaar(aanbieder_winst),
        terugverdiend_samenleving=omslagjaar(samenleving_winst),
    )


def vergelijk(p: Invoer, jaren: int = 10) -> Vergelijking:
    """All models over ``jaren`` years, with and without prevention, and their summaries.

    Prevention pays back for a party from the first year after which its cumulative gain
    (cost saved by the municipality, margin gained by the provider, or both together for
    society) stays above zero.
    """
    p.controleer()
    jaren = controleer_jaren(jaren)
    p0 = p.zonder_preventie()
    met = {m: reeks(p, m, jaren) for m in MODELLEN}
    zonder = {m: reeks(p0, m, jaren) for m in MODELLEN}
    samenvatting = {m: _samenvatten(m, met[m], zonder[m], met["pxq"]) for m in MODELLEN}
    return Vergelijking(p, jaren, met, zonder, samenvatting)


def bereken(p: Invoer, model: str, jaar: int) -> dict[str, float]:
    """Checked outputs of one model in one year (1..MAX_JAREN)."""
    if model not in MODELLEN:
        raise InvoerFout(f"Onbekend model '{model}'. Kies uit: {', '.join(MODELLEN)}.")
    p.controleer()
    jaar = controleer_jaren(jaar)
    return dict(MODELLEN[model].functie(p, float(jaar)))


def tabel_rijen(vergelijking: Vergelijking) -> list[dict[str, str]]:
    """Dutch table rows (text) for the CLI, the widget and the page's text alternative."""
    rijen = []
    for model, s in vergelijking.samenvatting.items():
        eerste = vergelijking.reeksen[model][0]
        rijen.append(
            {
                "Model": MODELLEN[model].naam,
                "Kosten gemeente (totaal)": euro(s.totaal_gemeente),
                "Marge aanbieder (totaal)": euro(s.totaal_marge),
                "Verschil met P×Q": euro(s.verschil_met_pxq),
                "Handelingen (totaal)": _nl_getal(round(s.totaal_handelingen)),
                "Eén uur meer": euro(eerste["marge_extra_uur"]),
                "Eén geval voorkomen": euro(eerste["marge_voorkomen_geval"]),
                "Volumerisico": MODELLEN[model].volumerisico,
                "Preventie terug (gemeente)": jaar_tekst(s.terugverdiend_gemeente),
                "Preventie terug (aanbieder)": jaar_tekst(s.terugverdiend_aanbieder),
            }
        )
    return rijen


def euro(bedrag: float) -> str:
    """€ 1.234.567 (rounded to whole euros), with a real minus sign."""
    afgerond = round(bedrag)
    teken = "−" if afgerond < 0 else ""
    return f"{teken}€ {_nl_getal(abs(afgerond))}"


def jaar_tekst(jaar: int | None) -> str:
    return "niet binnen de periode" if jaar is None else f"jaar {jaar}"
