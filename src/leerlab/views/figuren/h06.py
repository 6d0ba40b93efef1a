"""Figures for chapter 6 (Geld en sturing): how the way of paying shapes a provider's budget.

The sources name the models (P×Q, lump sum, population-based funding) but give no amounts.
The figure therefore uses made-up round numbers and says so in its text alternative; the
calculators in chapter 6a are the place to try other numbers.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.errors import InvoerFout
from leerlab.views.charts import Figuur, toon

#: Illustrative defaults (not from the sources): euro per trajectory, fixed budget,
#: euro per inhabitant and number of inhabitants.
PRIJS = 2_000
VAST_BUDGET = 250_000
PER_INWONER = 15
INWONERS = 10_000
MAX_TRAJECTEN = 200

MODELLEN = ("P×Q (prijs keer aantal)", "Lump sum (vast budget)", "Populatiegebonden")


def euro_tekst(bedrag: float) -> str:
    """Whole amount with Dutch thousands separators: 400000 -> '400.000'."""
    return f"{bedrag:,.0f}".replace(",", ".")


def budget_pxq(prijs: float, aantal: float) -> float:
    """P×Q: the budget grows with every product delivered."""
    return prijs * aantal


def budget_populatie(per_inwoner: float, inwoners: float) -> float:
    """Population-based: an amount per inhabitant, whether or not people use care."""
    return per_inwoner * inwoners


def budget_per_model(
    aantal: float,
    prijs: float = PRIJS,
    vast_budget: float = VAST_BUDGET,
    per_inwoner: float = PER_INWONER,
    inwoners: float = INWONERS,
) -> dict[str, float]:
    """Budget of one provider under each model for ``aantal`` trajectories."""
    if aantal < 0:
        raise InvoerFout(f"Het aantal trajecten kan niet negatief zijn; je gaf {aantal}.")
    return {
        MODELLEN[0]: budget_pxq(prijs, aantal),
        MODELLEN[1]: float(vast_budget),
        MODELLEN[2]: budget_populatie(per_inwoner, inwoners),
    }


def budget_tabel(max_trajecten: int = MAX_TRAJECTEN, stap: int = 10) -> pd.DataFrame:
    """Long table (trajecten, model, budget) for the chart."""
    if max_trajecten <= 0 or stap <= 0:
        raise InvoerFout("Het aantal trajecten en de stap moeten groter dan 0 zijn.")
    rows = [
        {"trajecten": q, "model": model, "budget": budget}
        for q in range(0, max_trajecten + 1, stap)
        for model, budget in budget_per_model(q).items()
    ]
    return pd.DataFrame(rows)


def bekostiging_figuur() -> Figuur:
    """Three lines: only under P×Q does more production mean more money."""
    data = budget_tabel()
    chart = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=alt.X("trajecten:Q", title="Aantal trajecten dat de aanbieder levert"),
            y=alt.Y("budget:Q", title="Budget van de aanbieder (euro)"),
            color=alt.Color(
                "model:N",
                title="Manier van betalen",
                sort=list(MODELLEN),
                scale=alt.Scale(range=["#b03a2e", "#1f5f8b", "#1e7d4f"]),
            ),
            strokeDash=alt.StrokeDash("model:N", sort=list(MODELLEN), legend=None),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("trajecten:Q", title="Trajecten"),
                alt.Tooltip("budget:Q", title="Budget (euro)", format=",.0f"),
            ],
        )
        .properties(
            width=460, height=280, title="Meer leveren, meer geld? Het hangt af van het model"
        )
    )
    hoog = budget_per_model(MAX_TRAJECTEN)
    eu = euro_tekst
    beschrijving = (
        "Een lijngrafiek met drie manieren van betalen. Op de horizontale as staat het aantal "
        f"trajecten, van 0 tot {MAX_TRAJECTEN}. Op de verticale as staat het budget van de "
        "aanbieder. De bedragen zijn verzonnen: de bronnen noemen geen bedragen. "
        f"Bij P×Q stijgt de lijn recht omhoog: elk traject levert {eu(PRIJS)} euro op. Bij "
        f"{MAX_TRAJECTEN} trajecten is het budget dus {eu(hoog[MODELLEN[0]])} euro. "
        f"Bij lump sum blijft de lijn vlak op {eu(VAST_BUDGET)} euro. "
        f"Bij populatiegebonden bekostiging blijft de lijn ook vlak: {PER_INWONER} euro per "
        f"inwoner keer {eu(INWONERS)} inwoners is {eu(hoog[MODELLEN[2]])} euro. Dat geldt "
        "hoeveel zorg er ook wordt geleverd. Alleen bij P×Q levert meer productie meer geld op."
    )
    return toon(chart, beschrijving, naam="h06-drie-modellen")
