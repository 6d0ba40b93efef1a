"""Figures for chapter 3 (Eigenaarschap en de Trap van Eigenaarschap).

The rungs come from data/ladder/ (via :mod:`leerlab.models.ladder`), the same data the
self-assessment uses, so the chapter and the test never disagree. The four effects are
shown in the source's own order and deliberately *not* tied to rungs: the source puts
four effects next to five rungs without saying which goes where.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.models.ladder import Trede, laad_trap
from leerlab.views.charts import Figuur, toon

#: The four effects as the slide lists them, from the top of the ladder down.
EFFECTEN_BRON: tuple[str, ...] = (
    "eigenaarschap",
    "verantwoordelijkheid",
    "onzekerheid",
    "afhankelijkheid",
)


def trap_tabel(treden: tuple[Trede, ...] | None = None) -> pd.DataFrame:
    """One row per rung, bottom (1) to top (5), with both columns of the ladder."""
    treden = treden if treden is not None else laad_trap().treden
    return pd.DataFrame(
        {
            "trede": [t.nummer for t in treden],
            "systeemwereld": [t.systeemwereld for t in treden],
            "leefwereld": [t.leefwereld for t in treden],
            # line break after a comma keeps the long top label inside the chart
            "systeem_tekst": [t.systeemwereld.replace(", ", ",\n") for t in treden],
            # Vega draws extra lines below the first one, so lift multi-line labels
            "label_y": [t.nummer + 0.1 + 0.35 * t.systeemwereld.count(", ") for t in treden],
        }
    )


def trap_beschrijving(treden: tuple[Trede, ...] | None = None) -> str:
    """Text alternative: every rung in order, and the four effects as the source lists them."""
    tabel = trap_tabel(treden)
    rungs = "; ".join(
        f"trede {r.trede}: de systeemwereld {r.systeemwereld}, de leefwereld {r.leefwereld}"
        for r in tabel.itertuples()
    )
    return (
        f"Een trap met {len(tabel)} treden die van links naar rechts oplopen. {rungs}. "
        "Naast de trap staan de vier effecten op mensen, van boven naar beneden: "
        + ", ".join(EFFECTEN_BRON)
        + ". De bron koppelt die vier effecten niet aan de vijf treden."
    )


def trap_figuur() -> Figuur:
    """The ladder as five rising steps, labelled with activity and role."""
    tabel = trap_tabel()
    basis = alt.Chart(tabel).encode(
        x=alt.X("trede:O", title="Trede (1 = laag, 5 = hoog)", axis=alt.Axis(labelAngle=0)),
    )
    treden = basis.mark_bar(color="#1f5f8b", size=96).encode(
        y=alt.Y("trede:Q", title="Hoogte op de trap", stack=None, scale=alt.Scale(domain=[0, 7])),
        tooltip=[
            alt.Tooltip("trede:O", title="Trede"),
            alt.Tooltip("systeemwereld:N", title="Systeemwereld (activiteit)"),
            alt.Tooltip("leefwereld:N", title="Leefwereld (rol)"),
        ],
    )
    systeem = basis.mark_text(
        fontSize=12, color="#1a1a1a", lineBreak="\n", baseline="bottom"
    ).encode(y="label_y:Q", text="systeem_tekst:N")
    leef = basis.mark_text(
        dy=6, fontSize=12, fontStyle="italic", color="white", baseline="top"
    ).encode(y="trede:Q", text="leefwereld:N")
    chart = (
        alt.layer(treden, systeem, leef)
        .properties(
            width=680,
            height=320,
            title=alt.TitleParams(
                "De Trap van Eigenaarschap",
                subtitle=[
                    "Boven elke trede: wat de systeemwereld doet. In de trede: de rol "
                    "van de leefwereld (schuin).",
                    "Effecten volgens de bron, van hoog naar laag: "
                    + ", ".join(EFFECTEN_BRON)
                    + ".",
                ],
            ),
        )
        .configure_view(stroke=None)
    )
    return toon(chart, trap_beschrijving(), naam="trap-van-eigenaarschap")
