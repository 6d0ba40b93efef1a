"""Figures for chapter 8 (Opschalen en leren): a timeline of the learning described in the sources.

Every event carries the source it comes from, so the chart shows how the three documents
follow one another: RMO (2014), the ten-municipality harvest (2016), the Alternatieven-lab (2021).
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from leerlab.views.charts import Figuur, toon


@dataclass(frozen=True)
class Gebeurtenis:
    jaar: float  # decimal year: 2015.5 = "medio 2015"
    wanneer: str  # the date as the source words it
    wat: str
    bron: str


#: Events from the sources, in time order (year as the source gives it).
TIJDLIJN: tuple[Gebeurtenis, ...] = (
    Gebeurtenis(2007.0, "1 januari 2007", "De Wmo treedt in werking", "RMO 2014"),
    Gebeurtenis(2011.0, "2011", "Tien medewerkers van JBRA beginnen met inrollen", "RMO 2014"),
    Gebeurtenis(2012.0, "2012", "Almere legt een waardegedreven visie vast", "De Boer 2016"),
    Gebeurtenis(2013.0, "2013", "Rotterdam Centrum koopt per gebied in", "RMO 2014"),
    Gebeurtenis(2014.0, "2014", "RMO-advies Leren innoveren", "RMO 2014"),
    Gebeurtenis(2015.0, "1 januari 2015", "Decentralisaties en nieuwe Wmo", "RMO 2014"),
    Gebeurtenis(2015.5, "medio 2015", "Start leertraject van tien gemeenten", "De Boer 2016"),
    Gebeurtenis(
        2015.9, "eind 2015", "Steden in het zuiden starten een soortgelijk traject", "De Boer 2016"
    ),
    Gebeurtenis(
        2016.5, "medio 2016", "Einde van de leerperiode in het oogstdocument", "De Boer 2016"
    ),
    Gebeurtenis(2018.9, "eind 2018", "Boek Écht doen wat nodig is", "Alternatieven-lab 2021"),
    Gebeurtenis(2021.1, "28 januari 2021", "Nationaal Alternatieven-lab", "Alternatieven-lab 2021"),
)

BRONNEN = ("RMO 2014", "De Boer 2016", "Alternatieven-lab 2021")


def tijdlijn_tabel() -> pd.DataFrame:
    """The timeline as a table; 'rij' staggers labels so they do not overlap."""
    rows = [
        {"jaar": g.jaar, "wanneer": g.wanneer, "wat": g.wat, "bron": g.bron, "rij": i % 4}
        for i, g in enumerate(TIJDLIJN)
    ]
    return pd.DataFrame(rows)


def tijdlijn_figuur() -> Figuur:
    """Dots on a time axis, coloured by source, each with a short label."""
    data = tijdlijn_tabel()
    kleur = alt.Color(
        "bron:N",
        title="Bron",
        sort=list(BRONNEN),
        scale=alt.Scale(range=["#1f5f8b", "#b03a2e", "#1e7d4f"]),
    )
    x = alt.X(
        "jaar:Q",
        title="Jaar",
        scale=alt.Scale(domain=[2006, 2022]),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    y = alt.Y("rij:O", axis=None)
    punten = (
        alt.Chart(data)
        .mark_circle(size=140, opacity=1)
        .encode(
            x=x,
            y=y,
            color=kleur,
            tooltip=[alt.Tooltip("wanneer:N", title="Wanneer"), alt.Tooltip("wat:N", title="Wat")],
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=8, fontSize=11, color="#222222")
        .encode(x=x, y=y, text="wat:N")
    )
    chart = (punten + labels).properties(
        width=620, height=180, title="Leren in het sociaal domein: een tijdlijn uit de bronnen"
    )
    zinnen = " ".join(f"{g.wanneer}: {g.wat} ({g.bron})." for g in TIJDLIJN)
    beschrijving = (
        f"Een tijdlijn van 2007 tot 2021 met {len(TIJDLIJN)} gebeurtenissen uit de drie bronnen. "
        + zinnen
    )
    return toon(chart, beschrijving, naam="h08-tijdlijn")
