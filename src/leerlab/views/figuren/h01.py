"""Figures for chapter 1 (Een verandering van tijdperk).

The data are the four kinds of government that De Boer & Peltenburg (2016) take from
Van der Steen (2014). The source only names them and gives their order; the short
key words are the course's own gloss and are marked as such in the chapter.
"""

from __future__ import annotations

from typing import NamedTuple

import altair as alt
import pandas as pd

from leerlab.views.charts import Figuur, toon


class Overheidsrol(NamedTuple):
    stap: int
    naam: str
    kern: str


#: Van der Steen's four kinds of government, in the order the source gives.
OVERHEIDSROLLEN: tuple[Overheidsrol, ...] = (
    Overheidsrol(1, "Rechtmatige overheid", "regels en gelijke behandeling"),
    Overheidsrol(2, "Presterende overheid", "resultaten en diensten leveren"),
    Overheidsrol(3, "Netwerkende overheid", "samen met partners sturen"),
    Overheidsrol(4, "Participerende overheid", "meedoen met wat inwoners starten"),
)


def overheidsrollen_tabel() -> pd.DataFrame:
    """The four kinds as a table (one row per kind), in the source's order."""
    return pd.DataFrame([r._asdict() for r in OVERHEIDSROLLEN])


def overheidsrollen_beschrijving() -> str:
    """Text alternative: the same order and words as the chart."""
    delen = [f"{r.stap}. {r.naam} ({r.kern})" for r in OVERHEIDSROLLEN]
    return (
        "Een tijdlijn met vier stappen van links naar rechts. "
        + "; ".join(delen)
        + ". De pijl wijst van de rechtmatige naar de participerende overheid."
    )


def overheidsrollen_figuur() -> Figuur:
    """Timeline of the four kinds of government (Van der Steen 2014)."""
    data = overheidsrollen_tabel()
    x = alt.X("stap:Q", axis=None, scale=alt.Scale(domain=[0.5, 4.5]))
    basis = alt.Chart(data).encode(x=x)
    lijn = basis.mark_line(color="#1f5f8b", strokeWidth=3).encode(y=alt.datum(0))
    punten = basis.mark_circle(size=400, color="#1f5f8b", opacity=1).encode(
        y=alt.datum(0),
        tooltip=[
            alt.Tooltip("naam:N", title="Soort overheid"),
            alt.Tooltip("kern:N", title="Kern"),
        ],
    )
    nummers = basis.mark_text(color="white", fontWeight="bold", fontSize=13).encode(
        y=alt.datum(0), text="stap:N"
    )
    namen = basis.mark_text(dy=-26, fontSize=13, fontWeight="bold", color="#1a1a1a").encode(
        y=alt.datum(0), text="naam:N"
    )
    kernen = basis.mark_text(dy=28, fontSize=12, color="#333333").encode(
        y=alt.datum(0), text="kern:N"
    )
    chart = (
        alt.layer(lijn, punten, nummers, namen, kernen)
        .encode(y=alt.Y(scale=alt.Scale(domain=[-1, 1]), axis=None))
        .properties(width=640, height=110, title="Van rechtmatige naar participerende overheid")
        .configure_view(stroke=None)
    )
    return toon(chart, overheidsrollen_beschrijving(), naam="vier-soorten-overheid")
