"""The E = K × A chart: a bar that follows two sliders in the book and in JupyterLab."""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.models.verandering import check_score, effect
from leerlab.views.charts import Figuur, toon, vega_expr


def effect_figuur(kwaliteit: float = 8, acceptatie: float = 3) -> Figuur:
    """Bar chart of E = K × A with two sliders; the bar moves as the reader slides."""
    check_score("Kwaliteit", kwaliteit)
    check_score("Acceptatie", acceptatie)
    k = alt.param(
        name="kwaliteit",
        value=kwaliteit,
        bind=alt.binding_range(min=0, max=10, step=1, name="Kwaliteit (K) "),
    )
    a = alt.param(
        name="acceptatie",
        value=acceptatie,
        bind=alt.binding_range(min=0, max=10, step=1, name="Acceptatie (A) "),
    )
    base = pd.DataFrame({"maat": ["Effect (E = K × A)"]})
    chart = (
        alt.Chart(base)
        .mark_bar(color="#1f5f8b")
        .encode(
            x=alt.X("effect:Q", scale=alt.Scale(domain=[0, 100]), title="Effect (0 tot 100)"),
            y=alt.Y("maat:N", title=None),
            tooltip=[alt.Tooltip("effect:Q", title="Effect")],
        )
        .transform_calculate(effect=vega_expr(effect(k, a)))
        .add_params(k, a)
        .properties(width=420, height=60, title="Effect van een verandering")
    )
    beschrijving = (
        "Een staaf laat het effect van een verandering zien, van 0 tot 100. "
        "Het effect is kwaliteit keer acceptatie. Met de standaardwaarden "
        f"(kwaliteit {kwaliteit:g}, acceptatie {acceptatie:g}) is het effect "
        f"{effect(kwaliteit, acceptatie):g}. Een goed plan dat weinig mensen steunen, "
        "heeft dus weinig effect."
    )
    return toon(chart, beschrijving, naam="effect-k-maal-a")
