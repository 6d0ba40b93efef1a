"""Figures drawn in HTML and CSS instead of Vega: overviews made of words in coloured boxes.

A chart of sentences reads badly as an SVG (the text cannot wrap and shrinks on a phone). These
figures are real text: they wrap, stack on a narrow screen, print on paper with
book/_static/leerlab.css and need no script. Like :class:`leerlab.views.charts.Figuur` every
one has a text alternative, here in a fold-out part of the caption, and shows in the book,
in JupyterLab and in exported HTML alike.
"""

from __future__ import annotations

import html
from typing import Any

#: Class on every figure of this kind (the stylesheet and the tests find them by it).
BEELD_MARKER = "leerlab-beeld"

e = html.escape


class Beeld:
    """An HTML figure with a title and a text alternative (``beschrijving``)."""

    def __init__(self, naam: str, titel: str, inhoud: str, beschrijving: str, soort: str):
        if not beschrijving.strip():
            raise ValueError("Elke figuur heeft een beschrijving in woorden nodig.")
        self.naam = naam
        self.titel = titel
        self.inhoud = inhoud
        self.beschrijving = beschrijving.strip()
        self.soort = soort

    def html(self) -> str:
        titel_id = f"{self.naam}-titel"
        return (
            f'<figure class="{BEELD_MARKER} leerlab-{self.soort}" id="{self.naam}" '
            f'aria-labelledby="{titel_id}">'
            f'<p class="leerlab-beeld-titel" id="{titel_id}">{e(self.titel)}</p>'
            f"{self.inhoud}"
            f'<figcaption class="leerlab-alt"><details><summary>Figuur in woorden</summary>'
            f'<p id="{self.naam}-tekst">{e(self.beschrijving)}</p></details></figcaption>'
            "</figure>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.html(), "text/plain": f"Figuur: {self.beschrijving}"}


def verborgen(tekst: str) -> str:
    """Words only a screen reader says (a label the layout shows by position)."""
    return f'<span class="visually-hidden">{e(tekst)}</span>'
