"""The kernel-free self-assessment page: a plain HTML form plus a small inline script.

The form (fieldsets, legends, labelled radio buttons) works with the keyboard and a
screen reader before any script runs. The script (``web/ladder.js``) and its settings
(:func:`leerlab.models.ladder.browser_config`) are inlined, so the page needs no network and
no kernel. The chart spec comes from :mod:`leerlab.views.ladder_charts`.
"""

from __future__ import annotations

import html
import os
from importlib import resources
from typing import Any

from leerlab.models.ladder import PERSPECTIEF_LABEL, PERSPECTIEVEN, browser_config, laad_trap
from leerlab.views.charts import BOOK_BUILD_FLAG, CHART_MARKER, json_script
from leerlab.views.ladder_charts import DATA_NAAM, trap_grafiek, trap_rijen, uitslag_beschrijving

_STYLE = """
.leerlab-trap fieldset { border: 1px solid #767676; border-radius: 4px; padding: 0.5rem 0.9rem;
  margin: 0 0 0.8rem 0; }
.leerlab-trap legend { font-weight: 600; padding: 0 0.3rem; float: none; width: auto;
  font-size: 1rem; margin-bottom: 0.3rem; }
.leerlab-trap .trap-opties { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
.leerlab-trap .trap-opties label, .leerlab-trap .trap-keuze label { display: inline-flex;
  gap: 0.35rem; align-items: center; cursor: pointer; }
.leerlab-trap .trap-veld { margin-bottom: 0.8rem; }
.leerlab-trap .trap-veld input { display: block; width: 100%; max-width: 28rem;
  padding: 0.3rem; border: 1px solid #767676; border-radius: 4px; }
.leerlab-trap .trap-fout { color: #a4000f; font-weight: 600; }
.leerlab-trap .trap-knoppen { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 0.8rem 0; }
.leerlab-trap button { padding: 0.35rem 0.9rem; border: 1px solid #1f5f8b; border-radius: 4px;
  background: #ffffff; color: #1f5f8b; font-weight: 600; }
.leerlab-trap button:hover { background: #e8f1f8; }
.leerlab-trap .trap-melding { font-weight: 600; }
.leerlab-trap table.trap-tabel { border-collapse: collapse; margin: 0.5rem 0; }
.leerlab-trap table.trap-tabel th, .leerlab-trap table.trap-tabel td {
  border: 1px solid #b0b0b0; padding: 0.2rem 0.6rem; text-align: left; }
@media print {
  .leerlab-trap .trap-knoppen, .leerlab-trap button { display: none; }
}
"""


def _radio(name: str, value: str, label: str, checked: bool = False) -> str:
    state = " checked" if checked else ""
    return (
        f'<label><input type="radio" name="{name}" value="{html.escape(value)}"{state}> '
        f"{html.escape(label)}</label>"
    )


def _item_fieldset(number: int, item_id: str, text: str) -> str:
    trap = laad_trap()
    options = "".join(_radio(f"trap-{item_id}", str(o.waarde), o.label) for o in trap.schaal)
    options += _radio(f"trap-{item_id}", "", "Weet ik niet")
    return (
        f'<fieldset class="trap-item" data-item="{item_id}">'
        f"<legend>{number}. {html.escape(text)}</legend>"
        f'<div class="trap-opties">{options}</div></fieldset>'
    )


def _items_block(perspectief: str) -> str:
    items = laad_trap().vragenlijst(perspectief)
    fieldsets = "".join(
        _item_fieldset(n, item.id, item.tekst) for n, item in enumerate(items, start=1)
    )
    hidden = "" if perspectief == PERSPECTIEVEN[0] else " hidden"
    return f'<div data-perspectief="{perspectief}"{hidden}>{fieldsets}</div>'


def _result_table() -> str:
    rows = "".join(
        f'<tr data-trede="{t.nummer}"><th scope="row">{html.escape(t.naam)}</th>'
        '<td class="trap-score">-</td><td class="trap-status">-</td></tr>'
        for t in laad_trap().treden
    )
    return (
        '<table class="trap-tabel"><caption>Score per trede</caption><thead><tr>'
        '<th scope="col">Trede</th><th scope="col">Score</th><th scope="col">Status</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def script_text() -> str:
    """The page script, shipped as package data in leerlab/views/web/."""
    return (resources.files("leerlab.views") / "web" / "ladder.js").read_text(encoding="utf-8")


def zelftest_html() -> str:
    """The whole self-assessment as one HTML fragment (form, result, chart, script)."""
    perspectives = "".join(
        _radio("trap-perspectief", p, PERSPECTIEF_LABEL[p], checked=(i == 0))
        for i, p in enumerate(PERSPECTIEVEN)
    )
    form = (
        '<form class="trap-form" aria-label="Zelftest Trap van Eigenaarschap">'
        '<div class="trap-veld"><label for="trap-situatie">Naam van de situatie '
        "(bijvoorbeeld: nieuw plan voor ons buurthuis)</label>"
        '<input id="trap-situatie" class="trap-situatie" type="text" maxlength="200" '
        'autocomplete="off" aria-describedby="trap-fout">'
        '<p id="trap-fout" class="trap-fout" aria-live="assertive"></p></div>'
        '<fieldset class="trap-keuze"><legend>Vanuit wie kijk je naar de situatie?</legend>'
        f'<div class="trap-opties">{perspectives}</div></fieldset>'
        + "".join(_items_block(p) for p in PERSPECTIEVEN)
        + '<div class="trap-knoppen"><button type="reset">Alle antwoorden wissen</button></div>'
        "</form>"
    )
    figure = (
        f'<figure class="{CHART_MARKER}" id="trap-figuur">'
        '<div id="trap-figuur-vis" class="leerlab-vis"></div>'
        "<figcaption><strong>Grafiek in woorden:</strong> "
        f'<span id="trap-grafiek-tekst" class="trap-grafiek-tekst">'
        f"{html.escape(uitslag_beschrijving(None))}</span></figcaption></figure>"
    )
    result = (
        '<section class="trap-uitslag" aria-labelledby="trap-uitslag-kop">'
        '<h3 id="trap-uitslag-kop">Jouw uitslag</h3>'
        '<p class="trap-melding" aria-live="polite" data-positie="">'
        "Vul de stellingen in. De uitslag verschijnt hier.</p>"
        "<dl>"
        '<dt>Positie</dt><dd class="trap-positie">nog geen uitslag</dd>'
        '<dt>Effect op mensen</dt><dd class="trap-effect">-</dd>'
        '<dt>Wat betekent dit?</dt><dd class="trap-duiding">-</dd>'
        '<dt>Een volgende stap</dt><dd class="trap-stap">-</dd>'
        "</dl>"
        f"{figure}{_result_table()}"
        '<div class="trap-knoppen">'
        '<button type="button" class="trap-json">Download als JSON</button>'
        '<button type="button" class="trap-csv">Download als CSV</button>'
        '<button type="button" class="trap-print">Print de uitslag</button></div>'
        '<p class="trap-status-download" aria-live="polite"></p>'
        "<p>Je antwoorden blijven in deze pagina op jouw apparaat. Er wordt niets verstuurd "
        "of bewaard. Een download maakt alleen een bestand op je eigen computer.</p>"
        "</section>"
    )
    spec = trap_grafiek(trap_rijen(None)).to_dict()
    return (
        '<div class="leerlab-trap" data-leerlab-script="ladder">'
        f"<style>{_STYLE}</style>{form}{result}"
        f"{json_script('trap-config', browser_config() | {'dataNaam': DATA_NAAM})}"
        f"{json_script('trap-spec', spec)}"
        f"<script>{script_text()}</script></div>"
    )


class Tabel:
    """A small accessible HTML table (caption, column and row headers) for the chapters."""

    def __init__(self, bijschrift: str, kolommen: list[str], rijen: list[list[Any]]) -> None:
        self.bijschrift = bijschrift
        self.kolommen = kolommen
        self.rijen = rijen

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(str(k))}</th>' for k in self.kolommen)
        body = "".join(
            f'<tr><th scope="row">{html.escape(str(row[0]))}</th>'
            + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row[1:])
            + "</tr>"
            for row in self.rijen
        )
        return (
            f'<table class="table leerlab-tabel"><caption>{html.escape(self.bijschrift)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def tabel(bijschrift: str, kolommen: list[str], rijen: list[list[Any]]) -> Tabel:
    """Show rows as an HTML table in the book (Markdown tables are not rendered from cells)."""
    return Tabel(bijschrift, kolommen, rijen)


class Zelftest:
    """Displayable self-assessment: the HTML form in the book only.

    In JupyterLab the chapter shows the ipywidgets version (the next cell) instead; the HTML
    form would appear a second time there, without its chart.
    """

    def _repr_html_(self) -> str:
        return zelftest_html()

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        if os.environ.get(BOOK_BUILD_FLAG):
            display(HTML(self._repr_html_()))


def zelftest() -> Zelftest:
    return Zelftest()
