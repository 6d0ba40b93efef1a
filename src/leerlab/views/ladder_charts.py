"""Charts of the Trap van Eigenaarschap: one reader's position and profile, and a group.

The single-reader chart reads a named data set ("trap") with one row per rung, so the
book page can redraw it in the browser by swapping those five rows; the rows are built
here (:func:`trap_rijen`) and by the page script from the same result fields.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from leerlab.models.ladder import (
    MIN_GROEP,
    PERSPECTIEF_LABEL,
    STATUS_LABEL,
    Groepsprofiel,
    Uitslag,
    laad_trap,
    melding,
)
from leerlab.views.charts import Figuur, toon

#: Rung status label → colour (position stands out; "not reached" stays light).
STATUS_KLEUR: dict[str, str] = {
    STATUS_LABEL["positie"]: "#b35900",
    STATUS_LABEL["bereikt"]: "#1f5f8b",
    STATUS_LABEL["deels"]: "#8db7d5",
    STATUS_LABEL["niet"]: "#d4d4d4",
    STATUS_LABEL["onbekend"]: "#f4f4f4",
}
GROEP_KLEUR: dict[str, str] = {
    "Iedereen": "#555555",
    PERSPECTIEF_LABEL["professional"]: "#1f5f8b",
    PERSPECTIEF_LABEL["bewoner"]: "#b35900",
}
DATA_NAAM = "trap"


def trap_rijen(uitslag: Uitslag | None) -> list[dict[str, Any]]:
    """One row per rung: name, score in percent (or None) and status label."""
    rows = []
    for trede in laad_trap().treden:
        n = trede.nummer
        rows.append(
            {
                "trede": n,
                "naam": trede.naam,
                "score": None if uitslag is None else uitslag.procent(n),
                "status": STATUS_LABEL["onbekend" if uitslag is None else uitslag.status[n]],
            }
        )
    return rows


def _treden_as() -> alt.Y:
    """The rungs on the y axis, in ladder order, with room for their long names."""
    return alt.Y(
        "naam:N", title=None, sort=alt.EncodingSortField("trede"), axis=alt.Axis(labelLimit=320)
    )


def trap_grafiek(rijen: list[dict[str, Any]]) -> alt.HConcatChart:
    """The ladder with the position highlighted, beside the profile across the rungs.

    Marks are hidden from screen readers (``aria=False``): the caption and the score table
    next to the chart say the same in words, and empty marks would be unlabelled images.
    """
    color = alt.Color(
        "status:N",
        title="Trede",
        scale=alt.Scale(domain=list(STATUS_KLEUR), range=list(STATUS_KLEUR.values())),
    )
    tooltip = [
        alt.Tooltip("naam:N", title="Trede"),
        alt.Tooltip("score:Q", title="Score (%)"),
        alt.Tooltip("status:N", title="Status"),
    ]
    steps = (
        alt.Chart()
        .mark_bar(stroke="#444444", strokeWidth=1, aria=False)
        .encode(
            x=alt.X("trede:O", title="Trede", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("trede:Q", title=None, scale=alt.Scale(domain=[0, 5.6]), axis=None, stack=None),
            color=color,
            tooltip=tooltip,
        )
    )
    here = (
        alt.Chart()
        .mark_text(dy=-8, fontWeight="bold", color="#000000", aria=False)
        .encode(x="trede:O", y="trede:Q", text=alt.value("hier"))
        .transform_filter(alt.datum.status == STATUS_LABEL["positie"])
    )
    ladder = alt.layer(steps, here).properties(width=150, height=200, title="De trap")
    bars = (
        alt.Chart()
        .mark_bar(stroke="#444444", strokeWidth=1, aria=False)
        .encode(
            y=_treden_as(),
            x=alt.X("score:Q", title="Score (%)", scale=alt.Scale(domain=[0, 100])),
            color=color,
            tooltip=tooltip,
        )
    )
    thresholds = (
        alt.Chart(pd.DataFrame({"drempel": [50, 75]}))
        .mark_rule(strokeDash=[4, 3], color="#000000", aria=False)
        .encode(x="drempel:Q")
    )
    profile = alt.layer(bars, thresholds).properties(width=180, height=200, title="Score per trede")
    return alt.hconcat(
        ladder, profile, data=alt.InlineData(values=rijen, name=DATA_NAAM)
    ).configure_legend(orient="bottom", columns=3)


def uitslag_beschrijving(uitslag: Uitslag | None) -> str:
    """The chart in words: position, then each rung's score and status."""
    if uitslag is None:
        return (
            "De trap met vijf treden, van informeren (1) tot kaderstellen en regievoeren (5). "
            "Er is nog niets ingevuld."
        )
    parts = [
        f"trede {row['naam']}: "
        + ("geen score" if row["score"] is None else f"{row['score']} procent")
        + f", {row['status']}"
        for row in trap_rijen(uitslag)
    ]
    return f"{melding(uitslag)} Scores per trede: " + "; ".join(parts) + "."


def uitslag_figuur(uitslag: Uitslag | None, naam: str = "trap-uitslag") -> Figuur:
    return toon(trap_grafiek(trap_rijen(uitslag)), uitslag_beschrijving(uitslag), naam=naam)


# --------------------------------------------------------------------------- group


def _label(groep: str) -> str:
    return "Iedereen" if groep == "iedereen" else PERSPECTIEF_LABEL[groep]


def groep_rijen(profiel: Groepsprofiel) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tidy tables: counts per position and mean score per rung, per shown group."""
    trap = laad_trap()
    counts = pd.DataFrame(
        [
            {
                "groep": _label(g),
                "positie": p,
                "positie_naam": trap.duiding(p).titel,
                "aantal": n,
            }
            for g, dist in profiel.verdeling.items()
            for p, n in dist.items()
        ]
    )
    means = pd.DataFrame(
        [
            {
                "groep": _label(g),
                "trede": n,
                "naam": trap.trede(n).naam,
                "score": round(100 * s),
            }
            for g, scores in profiel.profiel.items()
            for n, s in scores.items()
        ]
    )
    return counts, means


def groep_grafiek(profiel: Groepsprofiel) -> alt.VConcatChart:
    """Distribution over positions and mean profile per rung, per (shown) perspective."""
    counts, means = groep_rijen(profiel)
    groups = list(dict.fromkeys(counts["groep"]))
    color = alt.Color(
        "groep:N",
        title="Groep",
        scale=alt.Scale(domain=groups, range=[GROEP_KLEUR[g] for g in groups]),
    )
    dist = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X(
                "positie:O",
                title="Positie op de trap (0 = nog niet op de trap)",
                axis=alt.Axis(labelAngle=0),
            ),
            xOffset=alt.XOffset("groep:N", sort=groups),
            y=alt.Y("aantal:Q", title="Aantal deelnemers", axis=alt.Axis(tickMinStep=1)),
            color=color,
            tooltip=["groep:N", "positie_naam:N", "aantal:Q"],
        )
        .properties(width=380, height=200, title="Verdeling over de trap")
    )
    prof = (
        alt.Chart(means)
        .mark_bar()
        .encode(
            y=_treden_as(),
            yOffset=alt.YOffset("groep:N", sort=groups),
            x=alt.X("score:Q", title="Gemiddelde score (%)", scale=alt.Scale(domain=[0, 100])),
            color=color,
            tooltip=["groep:N", "naam:N", "score:Q"],
        )
        .properties(width=300, height=240, title="Gemiddelde score per trede")
    )
    return alt.vconcat(dist, prof).configure_legend(orient="bottom")


def niet_apart_reden(profiel: Groepsprofiel, groep: str) -> str:
    """Why a perspective is not shown apart: too few people, or it would give the other away."""
    if profiel.per_perspectief[groep] < MIN_GROEP:
        return f"minder dan {MIN_GROEP} deelnemers, daarom niet apart getoond."
    return (
        f"niet apart getoond, want de andere groep heeft minder dan {MIN_GROEP} deelnemers. "
        "Anders kun je hun antwoorden uit het totaal afleiden."
    )


def groep_beschrijving(profiel: Groepsprofiel) -> str:
    """The group chart in words (also the text summary of `leerlab ladder groep`)."""
    trap = laad_trap()
    lines = [
        f"Groepsprofiel van {profiel.aantal} deelnemers "
        f"({profiel.per_perspectief['professional']} professionals, "
        f"{profiel.per_perspectief['bewoner']} bewoners of cliënten)."
    ]
    for groep, dist in profiel.verdeling.items():
        spread = ", ".join(f"trede {p}: {n}" for p, n in dist.items() if n)
        lines.append(
            f"{_label(groep)}: gemiddelde positie {profiel.gemiddelde_positie[groep]:.1f}; "
            f"verdeling {spread}."
        )
    for groep, scores in profiel.profiel.items():
        text = ", ".join(f"trede {n} {round(100 * s)}%" for n, s in scores.items())
        lines.append(f"Gemiddelde score {_label(groep).lower()}: {text}.")
    if profiel.kloof is not None and profiel.kloof_positie is not None:
        biggest = max(profiel.kloof, key=lambda n: abs(profiel.kloof[n]))  # type: ignore[index]
        lines.append(
            f"Verschil tussen de perspectieven: professionals zetten de situatie gemiddeld "
            f"{profiel.kloof_positie:+.1f} trede hoger dan bewoners. Het grootste verschil zit "
            f"bij trede {trap.trede(biggest).naam} "
            f"({round(100 * profiel.kloof[biggest]):+d} procentpunt)."
        )
    for groep in profiel.verborgen:
        lines.append(f"{PERSPECTIEF_LABEL[groep]}: {niet_apart_reden(profiel, groep)}")
    if profiel.onvolledig:
        lines.append(f"{profiel.onvolledig} resultaten waren te onvolledig om mee te tellen.")
    if profiel.situaties > 1:
        lines.append(
            f"Let op: de resultaten gaan over {profiel.situaties} verschillende situaties."
        )
    return " ".join(lines)


def groep_figuur(profiel: Groepsprofiel, naam: str = "trap-groep") -> Figuur:
    return toon(groep_grafiek(profiel), groep_beschrijving(profiel), naam=naam)
