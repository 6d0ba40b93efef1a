"""Figures for chapter 7 (De gemeente als partner): the building blocks of the ten municipalities.

The harvest document (De Boer & Peltenburg, 2016) names ten municipalities but links only six
of them to a building block; the chart shows that gap on purpose instead of hiding it.

The second figure puts the Alternatieven-lab's questions and answers on one page (HTML, see
:mod:`.beeld`), from data/figuren/lab-*.yaml: each answer with its line in the report and the
course page that explains it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from leerlab.errors import DataFout
from leerlab.models.overzichten import LabAntwoord, LabVraag, lab_antwoorden, lab_vragen
from leerlab.views.charts import Figuur, toon
from leerlab.views.figuren.beeld import Beeld, e, verborgen

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


# ------------------------------------------------------------ the lab's answers on one page
#: Chapter pages the answers point to → their title (tests check these against the chapters).
PAGINATITELS: dict[str, str] = {
    "06-bekostiging": "Geld en sturing: bekostigen en contracteren",
    "06b-contracteren": "Contracten en voorbeelden uit de praktijk",
    "07b-maatwerk": "Maatwerk en lef",
    "07c-alternatievenlab": "Voorwaarden voor lef",
    "08a-leren": "Leren en opschalen",
}


def pagina_kort(pagina: str) -> str:
    """'07b-maatwerk' → '7b', as the figure names a page."""
    return pagina.split("-", 1)[0].lstrip("0")


def hoofdstuk(pagina: str) -> int:
    """'07b-maatwerk' → 7: the chapter, which gives the page's badge its colour."""
    return int(pagina[:2])


def _titel(pagina: str) -> str:
    try:
        return PAGINATITELS[pagina]
    except KeyError as err:
        raise DataFout(
            "data/figuren/lab-antwoorden.yaml",
            f"pagina '{pagina}' is onbekend; voeg haar toe aan "
            "leerlab.views.figuren.h07.PAGINATITELS.",
        ) from err


def lab_beschrijving(
    vragen: list[LabVraag] | None = None, antwoorden: list[LabAntwoord] | None = None
) -> str:
    """Text alternative: every question and answer, with its line and its page in the course."""
    vragen = vragen if vragen is not None else lab_vragen()
    antwoorden = antwoorden if antwoorden is not None else lab_antwoorden()
    tellingen = [sum(1 for a in antwoorden if a.vraag == v.nummer) for v in vragen]
    zinnen = [
        f"Een overzicht in {len(vragen)} kolommen, één per centrale vraag van de werksessies. "
        f"Samen {len(antwoorden)} antwoorden: "
        + ", ".join(f"{t} bij vraag {v.nummer}" for v, t in zip(vragen, tellingen, strict=True))
        + ". Achter elk antwoord staan de regel in het verslag en de pagina van deze cursus "
        "met de uitleg."
    ]
    for v in vragen:
        delen = [
            f"{a.nummer}. {a.titel} (regel {a.verwijzing.regels}, pagina {pagina_kort(a.pagina)})"
            for a in antwoorden
            if a.vraag == v.nummer
        ]
        zinnen.append(f"Vraag {v.nummer}: {v.vraag} Antwoorden: " + "; ".join(delen) + ".")
    paginas = sorted({a.pagina for a in antwoorden})
    zinnen.append(
        "De pagina's: " + "; ".join(f"{pagina_kort(p)} is {_titel(p)}" for p in paginas) + "."
    )
    return " ".join(zinnen)


def lab_beeld(
    vragen: list[LabVraag] | None = None, antwoorden: list[LabAntwoord] | None = None
) -> Beeld:
    """The lab's questions and answers as three columns on one page: answer → line → page."""
    vragen = vragen if vragen is not None else lab_vragen()
    antwoorden = antwoorden if antwoorden is not None else lab_antwoorden()
    kolommen = []
    for v in vragen:
        regels = " en ".join(r.regels for r in v.verwijzingen)
        items = "".join(
            f'<li class="leerlab-lab-antwoord" value="{a.nummer}"><span class="leerlab-lab-rij">'
            f'<span class="leerlab-lab-titel">{e(a.titel)}</span>'
            f'<span class="leerlab-lab-waar">'
            f'<span class="leerlab-lab-regel">{verborgen("Verslag, ")}r. {e(a.verwijzing.regels)}'
            "</span> "
            f'<a href="{e(a.pagina)}.html#{e(a.anker)}" '
            f'class="leerlab-lab-pagina leerlab-lab-h{hoofdstuk(a.pagina)}">'
            f"{verborgen('Uitleg in de cursus: pagina ')}{e(pagina_kort(a.pagina))}</a>"
            "</span></span></li>"
            for a in antwoorden
            if a.vraag == v.nummer
        )
        aantal = sum(1 for a in antwoorden if a.vraag == v.nummer)
        kolommen.append(
            f'<section class="leerlab-lab-vraag" aria-labelledby="lab-vraag-{v.nummer}">'
            f'<p class="leerlab-lab-kop" id="lab-vraag-{v.nummer}">'
            f'<span class="leerlab-lab-nummer">Vraag {v.nummer}</span> {e(v.vraag)}</p>'
            f'<p class="leerlab-lab-bron">{aantal} antwoorden · verslag, regels {e(regels)}</p>'
            f'<ol class="leerlab-lab-lijst">{items}</ol></section>'
        )
    paginas = sorted({a.pagina for a in antwoorden})
    legenda = (
        '<p class="leerlab-lab-legenda">Achter elk antwoord: <strong>r.</strong> = regel in '
        "het verslag van het Alternatieven-lab (2021); het blokje = de pagina in deze cursus "
        "met de uitleg, met een kleur per hoofdstuk: "
        + "; ".join(
            f'<span class="leerlab-lab-pagina leerlab-lab-h{hoofdstuk(p)}">{pagina_kort(p)}</span> '
            f"{e(_titel(p))}"
            for p in paginas
        )
        + ".</p>"
    )
    inhoud = f'<div class="leerlab-lab-kolommen">{"".join(kolommen)}</div>{legenda}'
    return Beeld(
        "h07-lab-antwoorden",
        f"Het Alternatieven-lab op één pagina: {len(vragen)} vragen, {len(antwoorden)} antwoorden",
        inhoud,
        lab_beschrijving(vragen, antwoorden),
        soort="lab",
    )
