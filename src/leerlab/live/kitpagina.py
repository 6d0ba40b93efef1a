"""The facilitator kit page: the arc of the series, a briefing, an evaluation form.

The arc comes from the session plans (data/sessies/NN.yaml), the briefing from
data/sessies/kit/NN.yaml, and "how to read the numbers" from the ladder model, so a
changed threshold changes the briefing too.
"""

from __future__ import annotations

import html

from leerlab.models.kit import briefings, gemengde_groep
from leerlab.models.ladder import DREMPEL_BEREIKT, DREMPEL_DEELS, MIN_GROEP, laad_trap
from leerlab.models.sessies import sessies

e = html.escape


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def boog_html() -> str:
    rows = "".join(
        f'<tr><th scope="row">{s.hoofdstuk}</th><td><a href="sessie-{s.code}.html">'
        f"{e(s.titel)}</a></td><td>{e(s.doel)}</td></tr>"
        for s in sorted(sessies(), key=lambda s: s.hoofdstuk)
    )
    return (
        '<table class="table leerlab-tabel"><caption>De acht sessies van de reeks</caption>'
        '<thead><tr><th scope="col">Sessie</th><th scope="col">Onderwerp</th>'
        f'<th scope="col">Doel</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def getallen_lezen() -> list[str]:
    """How to read the ladder tool's numbers, written from the model's constants."""
    bereikt = round(100 * DREMPEL_BEREIKT)
    deels = round(100 * DREMPEL_DEELS)
    return [
        f"De score van een trede is een percentage: 100% betekent dat iedereen 'klopt "
        f"helemaal' koos. Een trede is bereikt vanaf {bereikt}% en deels bereikt vanaf "
        f"{deels}%.",
        "De positie is de hoogste trede die bereikt is. Positie 0 betekent: nog niet op de trap.",
        "Een gemengd beeld betekent: een hogere trede is bereikt, maar een lagere niet. Vraag "
        "de groep wat daar gebeurt.",
        "Het verschil staat in procentpunten: professionals min bewoners. Een plus betekent "
        "dat professionals die trede meer zien dan bewoners.",
        f"Een groep of perspectief met minder dan {MIN_GROEP} mensen wordt niet apart "
        "getoond. Dat is geen fout, maar bescherming van de deelnemers.",
    ]


def gebruikt_trap(hoofdstuk: int) -> bool:
    """Whether the session's plan uses the ladder self-test or group profile (chapter 3)."""
    plan = {s.hoofdstuk: s for s in sessies()}[hoofdstuk]
    return any(h.pagina.startswith("chapters/03") for h in plan.hulpmiddelen)


def _trap_getallen() -> str:
    steps = "".join(
        f'<tr><th scope="row">{d.positie}. {e(d.titel)}</th><td>{e(d.volgende_stap)}</td></tr>'
        for d in laad_trap().duidingen
    )
    return (
        f"{_list(getallen_lezen())}"
        '<table class="table leerlab-tabel"><caption>Een volgende stap per positie '
        '(dezelfde tekst als in de zelftest)</caption><thead><tr><th scope="col">Positie</th>'
        f'<th scope="col">Een volgende stap</th></tr></thead><tbody>{steps}</tbody></table>'
    )


def briefing_html(hoofdstuk: int, niveau: int = 3) -> str:
    b = briefings()[hoofdstuk]
    h = f"h{niveau}"
    numbers = (_list(b.getallen) if b.getallen else "") + (
        _trap_getallen() if gebruikt_trap(hoofdstuk) else ""
    )
    if not numbers:
        numbers = "<p>Deze sessie gebruikt geen getallen uit een hulpmiddel van het boek.</p>"
    expected = "".join(
        f"<dt>{e(v.vraag)}</dt><dd>{e(v.verwacht)}</dd>" for v in b.verwachte_antwoorden
    )
    return (
        f"<{h}>Kernideeën</{h}>{_list(b.kernideeen)}"
        f"<{h}>Antwoorden die je kunt verwachten</{h}><dl>{expected}</dl>"
        f"<{h}>Valkuilen</{h}>{_list(b.valkuilen)}"
        f"<{h}>Zo lees je de getallen</{h}>{numbers}"
        f"<{h}>Als bewoners en professionals samen zitten</{h}>{_list(b.gemengde_groep)}"
    )


def gemengd_html() -> str:
    """The guidance for mixed groups; the course's own advice is marked as such."""
    items = []
    for a in gemengde_groep():
        if a.herkomst == "bron":
            where = "; ".join(f"{v.document}, {v.label()}" for v in a.verwijzingen)
            mark = f'<span class="leerlab-herkomst">Uit de bronnen ({e(where)})</span>'
        else:
            mark = '<span class="leerlab-herkomst">Advies van Leerlab (niet uit de bronnen)</span>'
        items.append(f"<dt>{e(a.kop)}</dt><dd>{e(a.tekst)} {mark}</dd>")
    return f'<dl class="leerlab-gemengd">{"".join(items)}</dl>'


EVALUATIE = [
    "Ik weet nu beter wat eigenaarschap in mijn werk of buurt betekent.",
    "Ik kon zeggen wat ik vond, ook als dat anders was dan wat anderen vonden.",
    "Het groepsprofiel hielp ons om over de verschillen te praten.",
    "Ik weet welke volgende stap ik zelf ga zetten.",
    "De sessie duurde niet te lang en niet te kort.",
]


def evaluatie_html() -> str:
    head = "".join(f'<th scope="col">{n}</th>' for n in range(1, 6))
    rows = "".join(
        f'<tr><th scope="row">{e(s)}</th>' + "<td>☐</td>" * 5 + "</tr>" for s in EVALUATIE
    )
    return (
        '<table class="table leerlab-tabel"><caption>Evaluatie: 1 = helemaal niet mee eens, '
        "5 = helemaal mee eens</caption>"
        f'<thead><tr><th scope="col">Stelling</th>{head}</tr></thead><tbody>{rows}</tbody>'
        "</table>"
        "<p>Wat neem je mee uit deze sessie? ............................................</p>"
        "<p>Wat kan de volgende keer beter? ..............................................</p>"
        "<p>Schrijf geen naam op dit formulier.</p>"
    )
