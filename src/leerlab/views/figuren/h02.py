"""Figures for chapter 2 (Werken vanuit de bedoeling).

The learning network of De Boer & Peltenburg (2016) contrasts two cycles: the
PDCA cycle (Plan-Do-Check-Act) and the 4 D's (Doen, Delen, Dialoog, Duiden). The source
gives only the names and the order of the steps; the chapter says so.
"""

from __future__ import annotations

from typing import NamedTuple

import altair as alt
import pandas as pd

from leerlab.views.charts import Figuur, toon


class Cyclus(NamedTuple):
    naam: str
    stappen: tuple[str, ...]
    begint_met: str


PDCA = Cyclus(
    "PDCA-cyclus",
    ("Plan (plannen)", "Do (uitvoeren)", "Check (controleren)", "Act (bijsturen)"),
    "begint met een plan",
)
VIER_DS = Cyclus("De 4 D's", ("Doen", "Delen", "Dialoog", "Duiden"), "begint met doen")
CYCLI: tuple[Cyclus, ...] = (PDCA, VIER_DS)


def cyclus_tabel(cyclus: Cyclus) -> pd.DataFrame:
    """One row per step; equal slices so the ring shows order, not size."""
    return pd.DataFrame(
        {
            "cyclus": cyclus.naam,
            "volgorde": range(1, len(cyclus.stappen) + 1),
            "stap": [f"{i}. {s}" for i, s in enumerate(cyclus.stappen, start=1)],
            "deel": 1,
        }
    )


def cycli_beschrijving() -> str:
    """Text alternative naming both cycles and their steps in order."""
    delen = [
        f"Links de {PDCA.naam}: {', '.join(PDCA.stappen)}. Deze cyclus {PDCA.begint_met}.",
        f"Rechts {VIER_DS.naam}: {', '.join(VIER_DS.stappen)}. Deze cyclus {VIER_DS.begint_met}.",
        "Beide cirkels lopen met de klok mee en beginnen bovenaan.",
    ]
    return " ".join(delen)


def _ring(cyclus: Cyclus, kleuren: list[str]) -> alt.LayerChart | alt.FacetChart:
    basis = alt.Chart(cyclus_tabel(cyclus)).encode(
        theta=alt.Theta("deel:Q", stack=True),
        order=alt.Order("volgorde:Q"),
    )
    ring = basis.mark_arc(innerRadius=40, outerRadius=85, stroke="white").encode(
        color=alt.Color("stap:N", scale=alt.Scale(range=kleuren), legend=None),
        tooltip=[alt.Tooltip("stap:N", title="Stap")],
    )
    labels = basis.mark_text(radius=125, fontSize=13, color="#1a1a1a").encode(text="stap:N")
    return alt.layer(ring, labels).properties(
        width=330, height=290, title=f"{cyclus.naam}: {cyclus.begint_met}"
    )


def cycli_figuur() -> Figuur:
    """PDCA next to the 4 D's, as two rings of four equal steps."""
    chart = (
        alt.hconcat(
            _ring(PDCA, ["#5b5b5b", "#7a7a7a", "#999999", "#b8b8b8"]),
            _ring(VIER_DS, ["#1f5f8b", "#2f7fb3", "#4f9ccc", "#7fb8dd"]),
        )
        .resolve_scale(color="independent")
        .configure_view(stroke=None)
    )
    return toon(chart, cycli_beschrijving(), naam="pdca-en-vier-ds")
