"""A static chart of the funding simulator for notebooks (JupyterLab, VS Code) and downloads.

The book page itself is interactive (:mod:`leerlab.views.bekostiging_pagina`); this chart shows
one scenario's cumulative municipal cost per model, computed by the Python model.
"""

from __future__ import annotations

import altair as alt

from leerlab.models import bekostiging as bk
from leerlab.views.charts import Figuur, toon

KLEUREN = ["#1f5f8b", "#b3541e", "#2e7d32", "#6a3d9a", "#8a6d00"]
STREPEN = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4]]


def rekenmodel_grafiek(scenario: str = "standaard", **wijzigingen: float) -> Figuur:
    """Cumulative cost for the municipality per model over the years of one scenario."""
    p = bk.preset(scenario, **wijzigingen)
    v = bk.vergelijk(p)
    rijen = []
    for m in bk.MODEL_IDS:
        som = 0.0
        for jaar, rij in enumerate(v.reeksen[m], start=1):
            som += rij["gemeente_kosten"]
            rijen.append({"modelnaam": bk.MODEL_NAMEN[m], "jaar": jaar, "opgeteld": som})
    namen = [bk.MODEL_NAMEN[m] for m in bk.MODEL_IDS]
    chart = (
        alt.Chart(alt.Data(values=rijen))
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("jaar:Q", title="Jaar", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("opgeteld:Q", title="Kosten gemeente, opgeteld (euro)"),
            color=alt.Color(
                "modelnaam:N",
                title=None,
                sort=namen,
                scale=alt.Scale(domain=namen, range=KLEUREN),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=400),
            ),
            strokeDash=alt.StrokeDash(
                "modelnaam:N", legend=None, scale=alt.Scale(domain=namen, range=STREPEN)
            ),
        )
        .properties(width=480, height=280)
    )
    return toon(chart, _beschrijving(v, scenario), naam="rekenmodel-bekostiging")


def _beschrijving(v: bk.Vergelijking, scenario: str) -> str:
    from leerlab.views.bekostiging_pagina import tekst_alternatief

    titel = bk.scenarios()[scenario].titel
    return f"Lijngrafiek van het scenario '{titel}'. {tekst_alternatief(v)}"
