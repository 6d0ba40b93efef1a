"""Paper versions for rooms without Wi-Fi: the self-test and a tally sheet.

Items, answer scale and the counting rule come from :mod:`leerlab.models.ladder`, so the
paper test gives the same position as the page and the phones. The rule for two items
per rung is written out as sums of points ("reached from 6 of 8 points").
"""

from __future__ import annotations

import html
import math

from leerlab.models.ladder import (
    DREMPEL_BEREIKT,
    DREMPEL_DEELS,
    MAX_ANTWOORD,
    MIN_GROEP,
    PERSPECTIEF_LABEL,
    PERSPECTIEVEN,
    laad_trap,
)

e = html.escape


def drempels(aantal: int) -> tuple[int, int]:
    """Points needed for 'bereikt' and 'deels' when ``aantal`` items of a rung are answered."""
    most = aantal * MAX_ANTWOORD
    return math.ceil(DREMPEL_BEREIKT * most), math.ceil(DREMPEL_DEELS * most)


def zelftest_papier_html(perspectief: str) -> str:
    trap = laad_trap()
    scale = "".join(f'<th scope="col">{o.waarde}<br>{e(o.label)}</th>' for o in trap.schaal)
    rows = "".join(
        f'<tr><th scope="row">{n}. {e(item.tekst)} <span class="code">(trede {item.trede})'
        "</span></th>" + "<td>☐</td>" * (len(trap.schaal) + 1) + "</tr>"
        for n, item in enumerate(trap.items_van(perspectief), start=1)
    )
    two_reached, two_partly = drempels(2)
    one_reached, one_partly = drempels(1)
    count_rows = "".join(
        f'<tr><th scope="row">{e(t.naam)}</th><td></td><td></td></tr>' for t in trap.treden
    )
    label = PERSPECTIEF_LABEL[perspectief]
    return (
        f'<section class="papier" aria-label="Zelftest op papier: {e(label)}">'
        f"<h3>Zelftest op papier: {e(label.lower())}</h3>"
        "<p>Situatie: ..............................................................</p>"
        '<table class="table leerlab-tabel"><caption>Zet bij elke stelling één kruisje.'
        "</caption>"
        f'<thead><tr><th scope="col">Stelling</th>{scale}<th scope="col">Weet ik niet</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<p><strong>Zo tel je.</strong> Tel per trede de cijfers van je kruisjes op. 'Weet ik "
        f"niet' telt niet mee. Heb je beide stellingen van een trede ingevuld? Dan is de trede "
        f"<em>bereikt</em> vanaf {two_reached} punten en <em>deels bereikt</em> vanaf "
        f"{two_partly} punten. Heb je er maar één ingevuld? Dan is dat vanaf {one_reached} en "
        f"{one_partly} punten. Je positie is de hoogste trede die bereikt is. Is er geen enkele "
        "bereikt? Dan staat de situatie nog niet op de trap (positie 0). Heb je bij een trede "
        "niets ingevuld? Dan is er nog geen uitslag.</p>"
        '<table class="table leerlab-tabel"><caption>Jouw telling</caption><thead><tr>'
        '<th scope="col">Trede</th><th scope="col">Punten</th><th scope="col">Bereikt?</th>'
        f"</tr></thead><tbody>{count_rows}</tbody></table>"
        "<p>Mijn positie: ........</p></section>"
    )


def turflijst_html() -> str:
    trap = laad_trap()
    head = "".join(f'<th scope="col">{e(PERSPECTIEF_LABEL[p])}</th>' for p in PERSPECTIEVEN)
    rows = "".join(
        f'<tr><th scope="row">{e(d.titel if d.positie == 0 else f"Trede {d.positie}: {d.titel}")}'
        "</th>" + "<td></td>" * len(PERSPECTIEVEN) + "</tr>"
        for d in trap.duidingen
    )
    return (
        '<section class="papier" aria-label="Turflijst">'
        "<h3>Turflijst voor de begeleider</h3>"
        "<p>Haal de papieren op zonder namen. Zet per papier een streepje bij de positie en het "
        "perspectief. Tel daarna de streepjes op.</p>"
        '<table class="table leerlab-tabel"><caption>Posities in de groep</caption>'
        f'<thead><tr><th scope="col">Positie</th>{head}</tr></thead><tbody>{rows}</tbody>'
        "</table>"
        f"<p><strong>Laat een kolom alleen zien als er minstens {MIN_GROEP} streepjes in "
        f"staan.</strong> Heeft één perspectief er minder dan {MIN_GROEP}? Laat dan alleen het "
        "totaal van alle papieren zien, anders kan iemand uitrekenen wat die ene persoon "
        "antwoordde. Dat is dezelfde regel als in de live sessie.</p></section>"
    )
