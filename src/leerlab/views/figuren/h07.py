"""Figures for chapter 7 (De gemeente als partner): the building blocks of the ten municipalities.

The harvest document (De Boer & Peltenburg, 2016) names ten municipalities but links only six
of them to a building block; the chart shows that gap on purpose instead of hiding it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.views.charts import Figuur, toon

#: The ten participating municipalities, alphabetical as in the source (footnote 1).
GEMEENTEN: tuple[str, ...] = (
    "Almere",
    "Apeldoorn",
    "Assen",
    "Enschede",
    "Haarlem",
    "Haarlemmermeer",
    "Utrecht",
    "Zaanstad",
    "Zoetermeer",
    "Zwolle",
)

#: Building block number → (title, example municipality) as in part II of the source.
BOUWSTENEN: dict[int, tuple[str, str]] = {
    1: ("De organisatie", "Almere"),
    2: ("Leren vanuit de praktijk", "Zaanstad"),
    3: ("Financiering", "Utrecht"),
    4: ("Duurzaamheid in de uitvoering, ook bij incidenten", "Zoetermeer"),
    5: ("Zorgvernieuwing", "Zoetermeer"),
    6: ("Wijkteams in een sleutelrol", "Enschede"),
    7: ("Vertrouwen in professionals", "Haarlemmermeer"),
}


def bouwsteen_label(nummer: int) -> str:
    titel, _ = BOUWSTENEN[nummer]
    return f"{nummer}. {titel}"


def bouwstenen_tabel() -> pd.DataFrame:
    """One row per (municipality, building block); voorbeeld marks the pairs the source makes."""
    rows = [
        {
            "gemeente": gemeente,
            "bouwsteen": bouwsteen_label(nummer),
            "voorbeeld": voorbeeld == gemeente,
        }
        for gemeente in GEMEENTEN
        for nummer, (_, voorbeeld) in BOUWSTENEN.items()
    ]
    return pd.DataFrame(rows)


def gemeenten_zonder_bouwsteen() -> list[str]:
    """Participants the harvest document never uses as an example."""
    met = {voorbeeld for _, voorbeeld in BOUWSTENEN.values()}
    return [g for g in GEMEENTEN if g not in met]


def bouwstenen_figuur() -> Figuur:
    """A grid: municipalities by building block, a dot where a municipality is the example."""
    data = bouwstenen_tabel()
    volgorde = [bouwsteen_label(n) for n in BOUWSTENEN]
    basis = alt.Chart(data).encode(
        x=alt.X(
            "bouwsteen:N",
            sort=volgorde,
            title="Bouwsteen",
            axis=alt.Axis(labelAngle=-35, labelLimit=260),
        ),
        y=alt.Y("gemeente:N", sort=list(GEMEENTEN), title="Deelnemende gemeente"),
    )
    raster = basis.mark_rect(stroke="#999999", strokeWidth=0.5, color="#ffffff")
    punten = (
        basis.transform_filter(alt.datum.voorbeeld)
        .mark_circle(size=260, color="#1f5f8b", opacity=1)
        .encode(tooltip=[alt.Tooltip("gemeente:N"), alt.Tooltip("bouwsteen:N")])
    )
    chart = (raster + punten).properties(
        width=420, height=300, title="Welke gemeente is het voorbeeld bij welke bouwsteen?"
    )
    koppels = "; ".join(
        f"bouwsteen {n} ({titel}): {voorbeeld}" for n, (titel, voorbeeld) in BOUWSTENEN.items()
    )
    zonder = gemeenten_zonder_bouwsteen()
    beschrijving = (
        f"Een raster met de {len(GEMEENTEN)} gemeenten van het leertraject en de "
        f"{len(BOUWSTENEN)} bouwstenen. Een stip betekent: deze gemeente is het voorbeeld bij "
        f"deze bouwsteen. De koppels zijn: {koppels}. Zoetermeer is twee keer het voorbeeld. "
        f"{len(zonder)} gemeenten zijn nergens het voorbeeld: {', '.join(zonder[:-1])} en "
        f"{zonder[-1]}."
    )
    return toon(chart, beschrijving, naam="h07-bouwstenen")
