"""Figures for chapter 3 (Eigenaarschap en de Trap van Eigenaarschap).

Two figures: the ladder (Altair) and the shift in who decides (HTML, :mod:`.beeld`), drawn
from data/figuren/wie-beslist.yaml: five sources, each cell with its own line references.

The rungs come from data/ladder/ (via :mod:`leerlab.models.ladder`), the same data the
self-assessment uses, so the chapter and the test never disagree. The four effects are
shown in the source's own order and deliberately *not* tied to rungs: the source puts
four effects next to five rungs without saying which goes where.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.models.bronnen import Verwijzing
from leerlab.models.ladder import Trede, laad_trap
from leerlab.models.overzichten import KANT_LABEL, KANTEN, Stand, Verschuiving, verschuivingen
from leerlab.views.charts import Figuur, toon
from leerlab.views.figuren.beeld import Beeld, e, verborgen

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


# --------------------------------------------------------------- the shift in who decides
#: How the figure names each source (the book's bibliography has the full titles).
BRON_LABEL: dict[str, str] = {
    "siegers-tijdperk": "Siegers, dia's",
    "siegers-nieuweroute": "Siegers, De Nieuwe Route",
    "deboer2016": "De Boer en Peltenburg 2016",
    "rmo2014": "RMO 2014",
    "alternatievenlab2021": "Alternatieven-lab 2021",
}
KOP_EERST = "Eerst beslist"
KOP_DAARNA = "Na de kanteling beslist"
KOP_BLIJFT = "De overheid of hulpverlening houdt"


def regels_tekst(refs: list[Verwijzing]) -> str:
    """'regels 113-125 en 160-172' for the references of one cell (one source per row)."""
    delen = [r.regels for r in refs]
    woord = "regel" if len(delen) == 1 and "-" not in delen[0] else "regels"
    lijst = " en ".join([", ".join(delen[:-1]), delen[-1]]) if len(delen) > 1 else delen[0]
    return f"{woord} {lijst}"


def met_regels(uitleg: str, refs: list[Verwijzing]) -> str:
    """The sentence(s) of a cell with its lines before the final full stop."""
    tekst = uitleg.strip()
    slot = tekst[-1] if tekst[-1] in ".?!" else "."
    kern = tekst[:-1] if tekst[-1] in ".?!" else tekst
    return f"{kern} ({regels_tekst(refs)}){slot}"


def wie_beslist_beschrijving(rijen: list[Verschuiving] | None = None) -> str:
    """Text alternative: every row and cell, with its source and lines."""
    rijen = rijen if rijen is not None else verschuivingen()
    zinnen = [
        f"Een overzicht in {len(rijen)} rijen. Elke rij is één terrein, zoals één bron het "
        f"beschrijft. Per rij drie vakken: {KOP_EERST.lower()}, {KOP_DAARNA.lower()}, en wat "
        "de overheid of hulpverlening houdt. De kleur zegt wie beslist: de systeemwereld, de "
        "leefwereld, of beide samen."
    ]
    for n, r in enumerate(rijen, start=1):
        bron = BRON_LABEL[r.bron]
        zinnen.append(
            f"Rij {n}, {r.terrein} ({bron}). "
            f"Eerst: {r.eerst.wie} ({KANT_LABEL[r.eerst.kant]}). "
            f"{met_regels(r.eerst.uitleg, r.eerst.verwijzingen)} "
            f"Na de kanteling: {r.daarna.wie} ({KANT_LABEL[r.daarna.kant]}). "
            f"{met_regels(r.daarna.uitleg, r.daarna.verwijzingen)} "
            f"Wat blijft: {r.blijft.kort}. {met_regels(r.blijft.uitleg, r.blijft.verwijzingen)}"
        )
    zinnen.append(patroon(rijen))
    noten = [r for r in rijen if r.vaag]
    if noten:
        zinnen.append("Waar de bron iets open laat:")
        zinnen += [f"noot {i} ({r.terrein}): {r.vaag}" for i, r in enumerate(noten, start=1)]
    return " ".join(zinnen)


def patroon(rijen: list[Verschuiving]) -> str:
    """What the rows share, said only when the data bear it out."""
    delen = []
    if all(r.eerst.kant == "systeem" for r in rijen):
        delen.append("In elke rij beslist eerst de systeemwereld.")
    if all(r.daarna.kant != "systeem" for r in rijen):
        delen.append("Na de kanteling beslist de leefwereld, of beslissen beide samen.")
    if all(r.blijft.kort for r in rijen):
        delen.append("In geen enkele rij verdwijnt de rol van de overheid of hulpverlening.")
    return " ".join(delen)


def _regels(refs: list[Verwijzing]) -> str:
    return f'<span class="leerlab-wie-regels">{e(regels_tekst(refs))}</span>'


def _cel(kop: str, stand: Stand) -> str:
    kant = KANT_LABEL[stand.kant]
    return (
        f'<p class="leerlab-wie-cel leerlab-kant-{stand.kant}">{verborgen(kop + ": ")}'
        f"<strong>{e(stand.wie)}</strong>"
        f'<span class="leerlab-wie-tag">{e(kant)}</span>{_regels(stand.verwijzingen)}</p>'
    )


def wie_beslist_beeld(rijen: list[Verschuiving] | None = None) -> Beeld:
    """Before and after: who decides, per field and source, and what the system keeps."""
    rijen = rijen if rijen is not None else verschuivingen()
    kop = (
        '<div class="leerlab-wie-kop" aria-hidden="true"><span>Terrein en bron</span>'
        f"<span>{KOP_EERST}</span><span></span><span>{KOP_DAARNA}</span>"
        f"<span>{KOP_BLIJFT}</span></div>"
    )
    items = []
    vaag: list[str] = []
    for r in rijen:
        ster = ""
        if r.vaag:
            ster = f'<sup class="leerlab-wie-ster">{verborgen("Zie noot ")}{len(vaag) + 1}</sup>'
            vaag.append(f"<li>{e(r.terrein)}: {e(r.vaag)}</li>")
        items.append(
            f'<li class="leerlab-wie-rij" data-rij="{e(r.id)}">'
            f'<p class="leerlab-wie-terrein"><span><strong>{e(r.terrein)}</strong>{ster}</span>'
            f'<span class="leerlab-wie-bron">{e(BRON_LABEL[r.bron])}</span></p>'
            + _cel(KOP_EERST, r.eerst)
            + '<span class="leerlab-wie-pijl" aria-hidden="true">→</span>'
            + _cel(KOP_DAARNA, r.daarna)
            + f'<p class="leerlab-wie-blijft">{verborgen(KOP_BLIJFT + ": ")}'
            f"{e(r.blijft.kort)}{_regels(r.blijft.verwijzingen)}</p></li>"
        )
    legenda = (
        '<p class="leerlab-wie-legenda">Kleur van het vak: '
        + ", ".join(
            f'<span class="leerlab-wie-tag leerlab-kant-{k}">{e(KANT_LABEL[k])}</span>'
            for k in KANTEN
        )
        + ". De regelnummers horen bij de bron van de rij.</p>"
    )
    noten = (
        '<div class="leerlab-wie-noten"><p>Waar de bron iets open laat:</p>'
        f"<ol>{''.join(vaag)}</ol></div>"
        if vaag
        else ""
    )
    inhoud = f'{kop}<ol class="leerlab-wie-rijen">{"".join(items)}</ol>{legenda}{noten}'
    return Beeld(
        "h03-wie-beslist",
        f"Wie beslist? Eerst en na de kanteling, op {len(rijen)} terreinen uit de bronnen",
        inhoud,
        wie_beslist_beschrijving(rijen),
        soort="wie",
    )
