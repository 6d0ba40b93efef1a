"""A small table of the cases a page tells, so every chapter page opens as a notebook with a
code cell and the reader sees at a glance whose story the page follows.

The rows come from data/casussen (models.naslag); the page only names the case ids.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from leerlab.models import naslag


@dataclass(frozen=True)
class CasusRij:
    titel: str
    plaats: str
    betrokkenen: str


class CasussenTabel:
    """An accessible HTML table (caption, column headers) of the given cases, in the given order."""

    def __init__(self, rijen: list[CasusRij], bijschrift: str):
        self.rijen = rijen
        self.bijschrift = bijschrift

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{k}</th>' for k in ("Casus", "Plaats", "Betrokkenen"))
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(v)}</td>" for v in (r.titel, r.plaats, r.betrokkenen))
            + "</tr>"
            for r in self.rijen
        )
        return (
            f'<table class="leerlab-casussen"><caption>{html.escape(self.bijschrift)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def casussen_tabel(*ids: str, bijschrift: str = "De casussen op deze pagina") -> CasussenTabel:
    """The table for these case ids; an unknown id is refused with a Dutch message."""
    if not ids:
        raise ValueError("Noem minstens één casus voor de tabel.")
    bekend = {c.id: c for c in naslag.casussen()}
    onbekend = [i for i in ids if i not in bekend]
    if onbekend:
        raise ValueError(f"Onbekende casus: {', '.join(onbekend)}. Kijk in data/casussen/.")
    rijen = [CasusRij(bekend[i].titel, bekend[i].plaats, ", ".join(bekend[i].actoren)) for i in ids]
    return CasussenTabel(rijen, bijschrift)
