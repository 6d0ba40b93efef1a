"""Printables of the facilitator kit: route cards, friction cards and the A3 ladder poster.

The cards come from data/sessies/kaarten/*.yaml; the poster is drawn from the ladder model
(:func:`leerlab.models.ladder.laad_trap`), so it always shows the same rungs, roles and
effects as the self-test. book/_static/print.css cuts the cards and sizes the poster.
"""

from __future__ import annotations

import html

from leerlab.models.kit import Kaart, kaarten
from leerlab.models.ladder import laad_trap

e = html.escape


def _kaart(k: Kaart) -> str:
    vraag = f'<p class="leerlab-kaart-vraag">{e(k.vraag)}</p>' if k.vraag else ""
    return (
        f'<li class="leerlab-kaart leerlab-kaart-{k.stapel}">'
        f'<p class="leerlab-kaart-titel">{e(k.titel)}</p><p>{e(k.tekst)}</p>{vraag}'
        f'<p class="leerlab-kaart-label">{e(k.label)}</p></li>'
    )


def kaarten_html(stapel: str) -> str:
    """One deck as a list of cards, nine to an A4 page when printed."""
    cards = kaarten(stapel)
    if not cards:
        raise ValueError(f"geen kaarten in de stapel '{stapel}'")
    label = {"route": "Route-kaarten", "frictie": "Frictie-kaarten"}[stapel]
    return (
        f'<ul class="leerlab-kaarten" aria-label="{label}">'
        + "".join(_kaart(k) for k in cards)
        + "</ul>"
    )


def poster_html() -> str:
    """The Trap van Eigenaarschap as a poster: rung 5 on top, as one climbs a ladder."""
    trap = laad_trap()
    rows = []
    for trede in reversed(trap.treden):
        effect = trap.effect_bij(trede.nummer)
        rows.append(
            f'<li class="leerlab-poster-trede" value="{trede.nummer}">'
            '<span class="leerlab-poster-nummer"><span class="visually-hidden">Trede </span>'
            f"{trede.nummer}</span>"
            f'<span class="leerlab-poster-cel"><span class="leerlab-poster-kop">Organisatie'
            f"</span> {e(trede.systeemwereld)}</span>"
            f'<span class="leerlab-poster-cel"><span class="leerlab-poster-kop">Bewoner'
            f"</span> {e(trede.leefwereld)}</span>"
            f'<span class="leerlab-poster-cel"><span class="leerlab-poster-kop">Effect'
            f"</span> {e(effect.naam)}</span></li>"
        )
    return (
        '<div class="leerlab-poster">'
        '<p class="leerlab-poster-titel">Trap van Eigenaarschap</p>'
        '<p class="leerlab-poster-ondertitel">Eigenaarschap = regie + verantwoordelijkheid</p>'
        f'<ol class="leerlab-poster-trap" reversed>{"".join(rows)}</ol>'
        '<p class="leerlab-poster-bron">Naar Anke Siegers, Transformatie in een verandering '
        "van tijdperk. Leerlab, CC BY 4.0.</p></div>"
    )
