"""Figures for chapter 5 (Fricties): why a rule based on one category misjudges people.

The RMO (2014) says that support handed out by category ignores context: some people
get professional help they might not need, others need it but fall just outside the
rule. This module makes that mechanism visible with a small, clearly fictional group.
One formula (:func:`uitkomst`) serves Python, the tests and the in-page slider.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from leerlab.errors import InvoerFout
from leerlab.views.charts import Figuur, toon, vega_expr

#: Gap between indicatiescore and netwerk from which a person truly needs professional help.
NODIG_VANAF = 2

#: Fictional people: (score the rule measures, what the own network can carry), both 0-10.
VOORBEELDGROEP: tuple[tuple[int, int], ...] = (
    (1, 0), (1, 3), (2, 1), (2, 5), (3, 0), (3, 2), (3, 6), (4, 1), (4, 4), (4, 8), (5, 0),
    (5, 2), (5, 4), (6, 1), (6, 3), (7, 2), (7, 6), (8, 1), (9, 3), (9, 8), (10, 5),
)  # fmt: skip

LABELS = (
    "Geen hulp, ook niet nodig",
    "Geen hulp, wel nodig (valt buiten de regel)",
    "Hulp, maar het netwerk kon het ook",
    "Hulp en ook nodig",
)


def krijgt_hulp(score: Any, drempel: Any) -> Any:
    """The category rule: help when the measured score reaches the threshold."""
    return score >= drempel


def heeft_hulp_nodig(score: Any, netwerk: Any) -> Any:
    """What the situation asks: help when the network cannot carry the need."""
    return (score - netwerk) >= NODIG_VANAF


def uitkomst(score: Any, netwerk: Any, drempel: Any) -> Any:
    """Code 0-3 (index in LABELS); works on numbers and on Altair expressions alike."""
    return krijgt_hulp(score, drempel) * 2 + heeft_hulp_nodig(score, netwerk) * 1


def check_drempel(drempel: float) -> float:
    if not 0 <= drempel <= 10:
        raise InvoerFout(f"De drempel moet tussen 0 en 10 liggen; je gaf {drempel}.")
    return drempel


def telling(drempel: float) -> dict[str, int]:
    """How many people of the example group land in each outcome for a threshold."""
    check_drempel(drempel)
    aantallen = dict.fromkeys(LABELS, 0)
    for score, netwerk in VOORBEELDGROEP:
        aantallen[LABELS[int(uitkomst(score, netwerk, drempel))]] += 1
    return aantallen


def misser_aantal(drempel: float) -> int:
    """People the rule gets wrong (help without need, or need without help)."""
    t = telling(drempel)
    return t[LABELS[1]] + t[LABELS[2]]


def categorie_beschrijving(drempel: float) -> str:
    t = telling(drempel)
    beste = min(range(11), key=misser_aantal)
    return (
        f"Een verzonnen groep van {len(VOORBEELDGROEP)} mensen. Elke stip is een persoon: "
        "links-rechts de score die de regel meet, onder-boven wat het eigen netwerk kan dragen. "
        f"Met een drempel van {drempel:g} krijgen {t[LABELS[3]]} mensen hulp die ze nodig hebben, "
        f"krijgen {t[LABELS[2]]} mensen hulp terwijl hun netwerk het ook kon, en vallen "
        f"{t[LABELS[1]]} mensen buiten de regel terwijl ze hulp nodig hebben. "
        "Bij geen enkele drempel zit de regel goed voor iedereen. Zelfs bij de beste drempel "
        f"({beste}) worden {misser_aantal(beste)} mensen verkeerd ingedeeld, omdat de regel "
        "het netwerk niet meeweegt. "
        "Met de schuif verander je de drempel."
    )


def categorie_figuur(drempel: float = 5) -> Figuur:
    """Scatter of the example group, coloured by outcome, with a threshold slider."""
    check_drempel(drempel)
    d = alt.param(
        name="drempel",
        value=drempel,
        bind=alt.binding_range(min=0, max=10, step=1, name="Drempel van de regel "),
    )
    data = pd.DataFrame(VOORBEELDGROEP, columns=["score", "netwerk"])
    formule = vega_expr(uitkomst(alt.datum.score, alt.datum.netwerk, d))
    labels_js = "[" + ",".join(f"'{label}'" for label in LABELS) + "]"
    kleur = alt.Color(
        "uitkomst:N",
        scale=alt.Scale(domain=[0, 1, 2, 3], range=["#bbbbbb", "#c0392b", "#e6a117", "#1f5f8b"]),
        legend=alt.Legend(
            title="Uitkomst",
            labelExpr=f"{labels_js}[datum.value]",
            orient="bottom",
            columns=2,
            labelLimit=320,
        ),
    )
    vorm = alt.Shape(
        "uitkomst:N",
        scale=alt.Scale(domain=[0, 1, 2, 3], range=["circle", "triangle-up", "diamond", "square"]),
        legend=None,
    )
    stippen = (
        alt.Chart(data)
        .transform_calculate(uitkomst=formule)
        .mark_point(filled=True, size=140, opacity=0.9)
        .encode(
            x=alt.X(
                "score:Q", scale=alt.Scale(domain=[0, 10.5]), title="Score die de regel meet (0-10)"
            ),
            y=alt.Y(
                "netwerk:Q",
                scale=alt.Scale(domain=[0, 10]),
                title="Wat het eigen netwerk kan dragen (0-10)",
            ),
            color=kleur,
            shape=vorm,
            tooltip=[
                alt.Tooltip("score:Q", title="Score"),
                alt.Tooltip("netwerk:Q", title="Netwerk"),
            ],
        )
    )
    lijn = (
        alt.Chart(pd.DataFrame({"x": [0]}))
        .transform_calculate(drempel="drempel")
        .mark_rule(strokeDash=[6, 4], color="#222222")
        .encode(x="drempel:Q")
    )
    chart = (
        alt.layer(stippen, lijn)
        .add_params(d)
        .properties(width=420, height=300, title="Eén regel voor iedereen: wie valt erbuiten?")
    )
    return toon(chart, categorie_beschrijving(drempel), naam="h05-categorie-regel")
