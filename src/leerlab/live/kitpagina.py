"""The facilitator kit page: the arc of the series, a briefing, an evaluation form.

The arc comes from the session plans (data/sessies/NN.yaml), the briefing from
data/sessies/kit/NN.yaml, and "how to read the numbers" from the ladder model, so a
changed threshold changes the briefing too.
"""

from __future__ import annotations

import html

from leerlab.models.kit import briefings
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


def briefing_html(hoofdstuk: int) -> str:
    b = briefings()[hoofdstuk]
    expected = "".join(
        f"<dt>{e(v.vraag)}</dt><dd>{e(v.verwacht)}</dd>" for v in b.verwachte_antwoorden
    )
    steps = "".join(
        f'<tr><th scope="row">{d.positie}. {e(d.titel)}</th><td>{e(d.volgende_stap)}</td></tr>'
        for d in laad_trap().duidingen
    )
    return (
        f"<h3>Kernideeën</h3>{_list(b.kernideeen)}"
        f"<h3>Antwoorden die je kunt verwachten</h3><dl>{expected}</dl>"
        f"<h3>Valkuilen</h3>{_list(b.valkuilen)}"
        f"<h3>Zo lees je de getallen</h3>{_list(getallen_lezen())}"
        '<table class="table leerlab-tabel"><caption>Een volgende stap per positie '
        '(dezelfde tekst als in de zelftest)</caption><thead><tr><th scope="col">Positie</th>'
        f'<th scope="col">Een volgende stap</th></tr></thead><tbody>{steps}</tbody></table>'
        f"<h3>Als bewoners en professionals samen zitten</h3>{_list(b.gemengde_groep)}"
    )


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
