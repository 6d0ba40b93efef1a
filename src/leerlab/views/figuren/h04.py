"""Figures for chapter 4 (De Nieuwe Route): who makes and who carries out the plan.

Siegers' slides describe three routes in three steps (vraag, plan maken, plan
uitvoeren). The table here is the single record of those steps; the chart and the
tests read it, so the picture cannot drift from the text of the source.
"""

from __future__ import annotations

from typing import Literal

import altair as alt
import pandas as pd

from leerlab.views.charts import Figuur, toon

Rol = Literal["ja", "nee", "waar nodig"]

ROUTES = ("Oude route", "Doodlopende route", "Nieuwe Route")
STAPPEN = ("Plan maken", "Plan uitvoeren")
ACTOREN = ("Hulpverlening", "Zorgvrager", "Omgeving")

#: (route, stap) -> role of each actor, as on the slides (002, lines 212-377).
_BETROKKENHEID: dict[tuple[str, str], dict[str, Rol]] = {
    ("Oude route", "Plan maken"): {"Hulpverlening": "ja", "Zorgvrager": "nee", "Omgeving": "nee"},
    ("Oude route", "Plan uitvoeren"): {
        "Hulpverlening": "ja",
        "Zorgvrager": "ja",
        "Omgeving": "nee",
    },
    ("Doodlopende route", "Plan maken"): {
        "Hulpverlening": "ja",
        "Zorgvrager": "ja",
        "Omgeving": "nee",
    },
    ("Doodlopende route", "Plan uitvoeren"): {
        "Hulpverlening": "ja",
        "Zorgvrager": "ja",
        "Omgeving": "ja",
    },
    ("Nieuwe Route", "Plan maken"): {"Hulpverlening": "ja", "Zorgvrager": "ja", "Omgeving": "ja"},
    ("Nieuwe Route", "Plan uitvoeren"): {
        "Hulpverlening": "waar nodig",
        "Zorgvrager": "ja",
        "Omgeving": "ja",
    },
}


def betrokken(route: str, stap: str, actor: str) -> Rol:
    """Role of one actor in one step of one route ('ja', 'nee' or 'waar nodig')."""
    try:
        return _BETROKKENHEID[(route, stap)][actor]
    except KeyError as err:
        raise KeyError(f"Onbekende combinatie: {route} / {stap} / {actor}") from err


def route_tabel() -> pd.DataFrame:
    """One row per route, step and actor: the data behind the chart."""
    rows = [
        {"route": r, "stap": s, "actor": a, "rol": betrokken(r, s, a)}
        for r in ROUTES
        for s in STAPPEN
        for a in ACTOREN
    ]
    return pd.DataFrame(rows)


def beslist_mee(route: str) -> list[str]:
    """Actors that help make the plan in a route (and so share in the decision)."""
    return [a for a in ACTOREN if betrokken(route, "Plan maken", a) != "nee"]


def routes_beschrijving() -> str:
    """Text alternative for the routes chart, generated from the same table."""
    delen = []
    for r in ROUTES:
        maken = ", ".join(beslist_mee(r)).lower()
        uitvoeren = ", ".join(
            a.lower()
            + (" (waar nodig)" if betrokken(r, "Plan uitvoeren", a) == "waar nodig" else "")
            for a in ACTOREN
            if betrokken(r, "Plan uitvoeren", a) != "nee"
        )
        delen.append(f"{r}: het plan maken doet {maken}; het plan uitvoeren doet {uitvoeren}.")
    return (
        "Drie rasters naast elkaar, één per route. Elke route begint met een vraag. "
        + " ".join(delen)
        + " Alleen in de Nieuwe Route maakt de omgeving het plan mee."
    )


def routes_figuur() -> Figuur:
    """Three small grids: which actor takes part in making and in carrying out the plan."""
    kleuren = alt.Scale(domain=["ja", "waar nodig", "nee"], range=["#1f5f8b", "#8fb8d6", "#eeeeee"])
    basis = alt.Chart().encode(
        x=alt.X("stap:N", sort=list(STAPPEN), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("actor:N", sort=list(ACTOREN), title=None),
    )
    vlak = basis.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "rol:N", scale=kleuren, title="Doet mee?", legend=alt.Legend(orient="bottom")
        ),
        tooltip=[
            alt.Tooltip("route:N", title="Route"),
            alt.Tooltip("stap:N", title="Stap"),
            alt.Tooltip("actor:N", title="Wie"),
            alt.Tooltip("rol:N", title="Doet mee?"),
        ],
    )
    tekst = basis.mark_text(fontSize=11).encode(
        text="rol:N",
        color=alt.condition("datum.rol == 'ja'", alt.value("white"), alt.value("#222222")),
    )
    chart = (
        alt.layer(vlak, tekst, data=route_tabel())
        .properties(width=130, height=120)
        .facet(column=alt.Column("route:N", sort=list(ROUTES), title=None))
        .properties(title="Wie maakt het plan, en wie voert het uit?")
    )
    return toon(chart, routes_beschrijving(), naam="h04-drie-routes")
