"""The funding simulator page: controls beside the charts, presets, state in the address.

The HTML is rendered here from parameters.csv and scenarios.yaml; the numbers are computed in the
browser by the JavaScript port of the model (:mod:`leerlab.views.bekostiging_js`), proven equal
to Python by tests/test_bekostiging_browser.py. Charts are Vega-Lite specs built with Altair
whose named datasets the page script fills; the text alternative and tables follow the inputs.
Without JavaScript the reader sees the Python figures of the default preset.
"""

from __future__ import annotations

import html
import json
import os
from typing import Any

import altair as alt

from leerlab.models import bekostiging as bk
from leerlab.views.bekostiging_js import model_js
from leerlab.views.charts import BOOK_BUILD_FLAG, CHART_MARKER

ID = "bekostiging-simulator"

#: Inputs with a slider beside their number field, and the slider's range.
SCHUIVEN: dict[str, tuple[float, float]] = {
    "jaren": (1, 30),
    "contractduur": (1, 15),
    "prijsindexatie": (0, 100),
    "demografische_indexatie": (0, 100),
    "ontschotting": (0, 100),
    "verliesruimte": (0, 20),
    "preventie_effect": (0, 50),
    "preventie_kosten": (0, 5_000_000),
    "gemeente_preventie": (0, 100),
    "reactie": (0, 100),
    "gedeelde_besparing": (0, 100),
    "urenkorting": (0, 50),
}
#: Groups shown open; the others are folded (<details>).
OPEN_GROEPEN = ("Contract", "Preventie")
GROEP_VOLGORDE = (
    "Contract",
    "Preventie",
    "Gemeente",
    "Jeugd",
    "Wmo",
    "Participatiewet",
    "Administratie",
)

#: What the chart can show: key → (heading, field, cumulative allowed).
TOON = {
    "gemeente_kosten": "Kosten voor de gemeente",
    "tekort": "Tekort van de gemeente (uitgaven min rijksbijdrage)",
    "marge": "Marge van de aanbieders",
    "onvervuld": "Zorg die nodig was maar niet geleverd is (euro, kostprijs)",
    "administratie": "Kosten van administratie",
    "preventie_effect": "Deel van de vraag dat preventie voorkomt",
}

BRONNAMEN = {
    "alternatievenlab2021": "Alternatieven-lab",
    "deboer2016": "Leertraject De Boer en Peltenburg",
    "siegers-tijdperk": "Siegers, tijdperk",
    "siegers-nieuweroute": "Siegers, De Nieuwe Route",
    "rmo2014": "RMO-advies",
}

KLEUREN = ["#1f5f8b", "#b3541e", "#2e7d32", "#6a3d9a", "#8a6d00"]
STREPEN = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4]]
VORMEN = ["circle", "square", "triangle-up", "diamond", "cross"]
NL_GETALLEN = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€ ", ""],
    "minus": "−",
}


def herkomst_tekst(w: bk.Waarde) -> str:
    if w.bron is None:
        return "illustratief"
    regels = w.bron.regels
    woord = "regels" if "-" in regels else "regel"
    return f"bron: {BRONNAMEN.get(w.bron.document, w.bron.document)}, {woord} {regels}"


def pagina_data() -> dict[str, Any]:
    """Everything the page script needs: parameters, presets with provenance, names."""
    presets = {}
    for sid, s in bk.scenarios().items():
        herkomst = bk.herkomst(sid)
        presets[sid] = {
            "titel": s.titel,
            "uitleg": s.uitleg,
            "waarden": bk.preset(sid).als_dict(),
            "herkomst": {n: herkomst_tekst(w) for n, w in herkomst.items()},
        }
    return {
        "parameters": {n: p.model_dump() for n, p in bk.parameters().items()},
        "presets": presets,
        "modellen": bk.MODEL_NAMEN,
        "domeinen": bk.DOMEIN_NAMEN,
        "toon": TOON,
    }


def _kleur() -> alt.Color:
    namen = [bk.MODEL_NAMEN[m] for m in bk.MODEL_IDS]
    return alt.Color(
        "modelnaam:N",
        title=None,
        sort=namen,
        scale=alt.Scale(domain=namen, range=KLEUREN),
        legend=_legenda(),
    )


def _legenda() -> alt.Legend:
    """One legend for colour, dash and point shape (same field, title and order: merged)."""
    return alt.Legend(orient="bottom", columns=1, labelLimit=400, symbolStrokeWidth=2)


AS_BEDRAG = (
    "abs(datum.value) >= 1e7 ? format(datum.value / 1e6, ',.0f') + ' mln' : "
    "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',.1f') + ' mln' : "
    "format(datum.value, ',.0f')"
)
#: A little room around each chart.
PADDING = {"left": 5, "right": 15, "top": 5, "bottom": 5}


def grafiek_specs() -> dict[str, dict[str, Any]]:
    """Vega-Lite specs with named data the page script fills ('reeks', 'domeinen')."""
    namen = [bk.MODEL_NAMEN[m] for m in bk.MODEL_IDS]
    lijn = (
        alt.Chart(alt.Data(name="reeks"))
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), strokeWidth=2)
        .encode(
            x=alt.X("jaar:Q", title="Jaar", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("waarde:Q", title=None, axis=alt.Axis(labelExpr="datum.label_tekst")),
            color=_kleur(),
            strokeDash=alt.StrokeDash(
                "modelnaam:N",
                title=None,
                sort=namen,
                legend=_legenda(),
                scale=alt.Scale(domain=namen, range=STREPEN),
            ),
            shape=alt.Shape(
                "modelnaam:N",
                title=None,
                sort=namen,
                legend=_legenda(),
                scale=alt.Scale(domain=namen, range=VORMEN),
            ),
            tooltip=[
                alt.Tooltip("modelnaam:N", title="Model"),
                alt.Tooltip("jaar:Q", title="Jaar"),
                alt.Tooltip("tekst:N", title="Waarde"),
            ],
        )
        .properties(width=400, height=280)
    )
    domein = (
        alt.Chart(alt.Data(name="domeinen"))
        .mark_bar()
        .encode(
            y=alt.Y("domein:N", title=None, sort=list(bk.DOMEIN_NAMEN.values())),
            yOffset=alt.YOffset("soort:N", sort=["Uitgaven gemeente", "Rijksbijdrage"]),
            x=alt.X("bedrag:Q", title="Opgeteld over de periode (euro)"),
            color=alt.Color(
                "soort:N",
                title=None,
                sort=["Uitgaven gemeente", "Rijksbijdrage"],
                scale=alt.Scale(range=["#b3541e", "#1f5f8b"]),
                legend=alt.Legend(orient="bottom", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("domein:N", title="Domein"),
                alt.Tooltip("soort:N", title="Wat"),
                alt.Tooltip("tekst:N", title="Bedrag"),
            ],
        )
        .properties(width=400, height=200)
    )
    specs = {}
    beschrijving = {
        "lijn": "Lijngrafiek: per model de gekozen uitkomst over de jaren. "
        "De tabellen en de tekst eronder geven dezelfde getallen.",
        "domein": "Staafgrafiek: per domein de uitgaven van de gemeente naast de rijksbijdrage.",
    }
    for naam, chart in (("lijn", lijn), ("domein", domein)):
        chart = chart.properties(description=beschrijving[naam])
        spec = (
            chart.configure(locale={"number": NL_GETALLEN})
            .configure_view(strokeWidth=0)
            .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=200)
            .configure_legend(labelFontSize=12)
            .to_dict()
        )
        spec["padding"] = PADDING
        # The data arrive after embedding: lay out again on every update (axis labels, legend).
        spec["autosize"] = {"type": "pad", "resize": True}
        specs[naam] = spec
    # The y axis of the line chart gets Dutch amounts ("1,5 mln") from the label expression.
    specs["lijn"]["encoding"]["y"]["axis"]["labelExpr"] = AS_BEDRAG
    specs["domein"]["encoding"]["x"]["axis"] = {"labelExpr": AS_BEDRAG}
    return specs


# --------------------------------------------------------------------------------------
# Text that follows the inputs (mirrored in the page script as tekstAlternatief)
# --------------------------------------------------------------------------------------


def tekst_alternatief(v: bk.Vergelijking) -> str:
    """Dutch summary: cheapest and dearest model, deficit, unmet care, who prevents."""
    jaren = int(v.invoer.jaren)
    u = v.uitslagen
    volgorde = sorted(bk.MODEL_IDS, key=lambda m: (u[m].totaal["gemeente_kosten"], m))
    goedkoop, duur = volgorde[0], volgorde[-1]
    delen = [
        f"Over {jaren} jaar is '{bk.MODEL_NAMEN[goedkoop]}' voor de gemeente het goedkoopst "
        f"({bk.euro(u[goedkoop].totaal['gemeente_kosten'])}) en "
        f"'{bk.MODEL_NAMEN[duur]}' het duurst ({bk.euro(u[duur].totaal['gemeente_kosten'])})."
    ]
    tekorten = [m for m in bk.MODEL_IDS if u[m].totaal["tekort"] > 0.5]
    if tekorten:
        delen.append(
            "De gemeente heeft een tekort bij "
            + ", ".join(f"{bk.MODEL_NAMEN[m]} ({bk.euro(u[m].totaal['tekort'])})" for m in tekorten)
            + "."
        )
    else:
        delen.append("De rijksbijdrage dekt de uitgaven in elk model.")
    onvervuld = [m for m in bk.MODEL_IDS if u[m].totaal["onvervuld"] > 0.5]
    if onvervuld:
        delen.append(
            "Zorg die nodig was maar niet geleverd werd: "
            + ", ".join(
                f"{bk.MODEL_NAMEN[m]} {bk.euro(u[m].totaal['onvervuld'])}" for m in onvervuld
            )
            + "."
        )
    else:
        delen.append("In geen enkel model blijft nodige zorg liggen.")
    aanbieder = [m for m in bk.MODEL_IDS if u[m].totaal["aanbieder_preventie"] > 0]
    if aanbieder:
        delen.append(
            "Aanbieders investeren zelf in preventie bij: "
            + ", ".join(bk.MODEL_NAMEN[m] for m in aanbieder)
            + "."
        )
    else:
        delen.append("Geen enkele aanbieder investeert zelf in preventie.")
    return " ".join(delen)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def _invoerveld(naam: str, spec: bk.Parameter, waarde: float, herkomst: str) -> str:
    e = html.escape
    veld_id = f"bk-{naam}"
    hulp_id = f"bk-{naam}-hulp"
    fout_id = f"bk-{naam}-fout"
    stap = f"{spec.stap:g}"
    omschrijving = f'aria-describedby="{hulp_id} {fout_id}"'
    if naam == "herijking":
        opties = "".join(
            f'<option value="{w}"{" selected" if waarde == w else ""}>{t}</option>'
            for w, t in ((1, "ja"), (0, "nee"))
        )
        invoer = f'<select id="{veld_id}" name="{naam}" {omschrijving}>{opties}</select>'
    else:
        invoer = (
            f'<input type="number" id="{veld_id}" name="{naam}" value="{waarde:g}" '
            f'min="{spec.min:g}" max="{spec.max:g}" step="{stap}" inputmode="decimal" '
            f"{omschrijving}>"
        )
    schuif = ""
    if naam in SCHUIVEN:
        lo, hi = SCHUIVEN[naam]
        schuif = (
            f'<input type="range" class="bk-schuif" data-voor="{naam}" '
            f'aria-label="{e(spec.label)} (schuif)" min="{lo:g}" max="{hi:g}" step="{stap}" '
            f'value="{waarde:g}">'
        )
    return (
        f'<div class="bk-veld"><label for="{veld_id}">{e(spec.label)} '
        f'<span class="bk-eenheid">({e(spec.eenheid)})</span></label>'
        f'<div class="bk-invoer">{schuif}{invoer}</div>'
        f'<small id="{hulp_id}" class="bk-hulp">{e(spec.uitleg)} '
        f'<span class="bk-herkomst" data-herkomst="{naam}">Standaardwaarde: {e(herkomst)}.</span>'
        f'</small><small id="{fout_id}" class="bk-fout" role="alert"></small></div>'
    )


def _tabel(kolommen: list[str], rijen: list[list[str]], caption: str, tbody_id: str) -> str:
    e = html.escape
    kop = "".join(f'<th scope="col">{e(k)}</th>' for k in kolommen)
    body = "".join(
        f'<tr><th scope="row">{e(r[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rijen
    )
    return (
        f'<div class="bk-tabel" role="region" tabindex="0" aria-label="{e(caption)}">'
        f"<table><caption>{e(caption)}</caption><thead><tr>{kop}</tr></thead>"
        f'<tbody id="{tbody_id}">{body}</tbody></table></div>'
    )


TOTAAL_KOLOMMEN = [
    "Model",
    "Kosten gemeente",
    "Tekort gemeente",
    "Marge aanbieders",
    "Zorg niet geleverd",
    "Administratie",
]
PREVENTIE_KOLOMMEN = [
    "Model",
    "Wie investeert",
    "Winst gemeente",
    "Winst aanbieders",
    "Terug (gemeente)",
    "Terug (aanbieders)",
    "Terug (samen)",
    "Half effect: winst gemeente",
    "Half effect: terug (samen)",
]


def totaal_rijen(v: bk.Vergelijking) -> list[list[str]]:
    rijen = []
    for m in bk.MODEL_IDS:
        t = v.uitslagen[m].totaal
        rijen.append(
            [bk.MODEL_NAMEN[m]]
            + [
                bk.euro(t[k])
                for k in ("gemeente_kosten", "tekort", "marge", "onvervuld", "administratie")
            ]
        )
    return rijen


def wie_investeert(totaal: dict[str, float]) -> str:
    g, a = totaal["gemeente_preventie"] > 0, totaal["aanbieder_preventie"] > 0
    return {(True, True): "gemeente en aanbieders", (False, True): "aanbieders",
            (True, False): "gemeente", (False, False): "niemand"}[(g, a)]  # fmt: skip


def preventie_rijen(v: bk.Vergelijking) -> list[list[str]]:
    rijen = []
    for m in bk.MODEL_IDS:
        u = v.uitslagen[m]
        rijen.append(
            [
                bk.MODEL_NAMEN[m],
                wie_investeert(u.totaal),
                bk.euro(u.winst_gemeente),
                bk.euro(u.winst_aanbieder),
                bk.jaar_tekst(u.terug_gemeente),
                bk.jaar_tekst(u.terug_aanbieder),
                bk.jaar_tekst(u.terug_samenleving),
                bk.euro(u.half_winst_gemeente),
                bk.jaar_tekst(u.half_terug_samenleving),
            ]
        )
    return rijen


def simulator_html(scenario: str = "standaard") -> str:
    """The whole simulator: controls, charts, tables and text, for the book page."""
    e = html.escape
    p = bk.preset(scenario)
    waarden = p.als_dict()
    herkomst = {n: herkomst_tekst(w) for n, w in bk.herkomst(scenario).items()}
    v = bk.vergelijk(p)
    groepen: dict[str, list[str]] = {g: [] for g in GROEP_VOLGORDE}
    for naam, spec in bk.parameters().items():
        groepen.setdefault(spec.groep, []).append(
            _invoerveld(naam, spec, waarden[naam], herkomst[naam])
        )
    velden = []
    for groep, inhoud in groepen.items():
        if not inhoud:
            continue
        open_ = " open" if groep in OPEN_GROEPEN else ""
        velden.append(
            f'<details class="bk-groep"{open_}><summary>{e(groep)}</summary>'
            f'<fieldset><legend class="bk-verborgen">{e(groep)}</legend>{"".join(inhoud)}'
            "</fieldset></details>"
        )
    presets = "".join(
        f'<option value="{e(sid)}"{" selected" if sid == scenario else ""}>{e(s.titel)}</option>'
        for sid, s in bk.scenarios().items()
    )
    toon = "".join(f'<option value="{k}">{e(t)}</option>' for k, t in TOON.items())
    modellen = "".join(
        f'<option value="{m}"{" selected" if m == "lumpsum" else ""}>'
        f"{e(bk.MODEL_NAMEN[m])}</option>"
        for m in bk.MODEL_IDS
    )
    data = json.dumps(
        {**pagina_data(), "specs": grafiek_specs(), "start": scenario}, ensure_ascii=False
    ).replace("</", "<\\/")
    uitleg = e(bk.scenarios()[scenario].uitleg)
    return f"""
<div id="{ID}" class="{CHART_MARKER} bk-sim">
<style>{CSS}</style>
<div class="bk-kop">
  <div class="bk-veld"><label for="bk-preset">Scenario</label>
    <select id="bk-preset" aria-describedby="bk-preset-uitleg">{presets}</select>
    <small id="bk-preset-uitleg" class="bk-hulp">{uitleg}</small></div>
  <div class="bk-veld"><label for="bk-link">Link naar dit scenario (kopieer en deel)</label>
    <input id="bk-link" type="text" readonly value=""></div>
  <div class="bk-knoppen">
    <button type="button" id="bk-download">Download scenario</button>
    <label class="bk-upload" for="bk-bestand">Open een scenariobestand</label>
    <input type="file" id="bk-bestand" accept=".json,application/json">
  </div>
  <p id="bk-melding" role="status" aria-live="polite"></p>
</div>
<div class="bk-raster">
  <form class="bk-invoer" aria-label="Invoer van de simulator" onsubmit="return false;">
    {"".join(velden)}
  </form>
  <div class="bk-uitvoer">
    <div class="bk-veld bk-rij"><label for="bk-toon">Wat wil je zien?</label>
      <select id="bk-toon">{toon}</select>
      <label class="bk-vink"><input type="checkbox" id="bk-opgeteld" checked> opgeteld over de jaren</label>
    </div>
    <h3 id="bk-lijn-titel" class="bk-titel">Kosten voor de gemeente, opgeteld</h3>
    <figure class="bk-figuur" aria-labelledby="bk-lijn-titel" aria-describedby="bk-tekst">
      <div id="bk-lijn" class="leerlab-vis bk-vis"></div></figure>
    {_tabel(TOTAAL_KOLOMMEN, totaal_rijen(v), "Opgeteld over de periode", "bk-totalen")}
    <div class="bk-veld bk-rij"><label for="bk-domeinmodel">Uitgaven per domein bij</label>
      <select id="bk-domeinmodel">{modellen}</select></div>
    <h3 id="bk-domein-titel" class="bk-titel">Uitgaven per domein naast de rijksbijdrage</h3>
    <figure class="bk-figuur" aria-labelledby="bk-domein-titel" aria-describedby="bk-tekst">
      <div id="bk-domein" class="leerlab-vis bk-vis"></div></figure>
    <h3 class="bk-titel">Preventie: wie investeert, wie verdient het terug?</h3>
    {_tabel(PREVENTIE_KOLOMMEN, preventie_rijen(v), "Preventie per model", "bk-preventie")}
    <p class="bk-tekst-kop"><strong>De uitkomst in woorden:</strong></p>
    <p id="bk-tekst" aria-live="polite">{e(tekst_alternatief(v))}</p>
  </div>
</div>
<script type="application/json" id="bk-data">{data}</script>
<script>{model_js()}</script>
<script>{PAGINA_JS}</script>
</div>
"""  # noqa: E501


class Simulator:
    """What the chapter cell shows: the interactive page in the book; in JupyterLab (where a
    page script would act on the Lab itself) the static chart of the same model instead."""

    def __init__(self, scenario: str = "standaard") -> None:
        self.scenario = scenario

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if os.environ.get(BOOK_BUILD_FLAG):
            return {
                "text/html": simulator_html(self.scenario),
                "text/plain": "De simulator voor bekostiging (werkt in de browser).",
            }
        from leerlab.views.bekostiging_charts import rekenmodel_grafiek

        bundle: dict[str, Any] = rekenmodel_grafiek(self.scenario)._repr_mimebundle_()
        return bundle


def simulator(scenario: str = "standaard") -> Simulator:
    return Simulator(scenario)


CSS = """
.bk-sim{--bk-rand:#767676;font-size:0.95rem}
.bk-sim .bk-kop{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-bottom:1rem}
.bk-sim .bk-kop .bk-veld{flex:1 1 16rem;min-width:0}
.bk-sim{overflow-wrap:anywhere}
.bk-sim select,.bk-sim input[type=number],.bk-sim input[type=text]{max-width:100%;
 border:1px solid var(--bk-rand);border-radius:3px;padding:.2rem .3rem;background:#fff;color:#111}
.bk-sim #bk-link,.bk-sim #bk-preset{width:100%}
.bk-sim .bk-knoppen{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.bk-sim button,.bk-sim .bk-upload{border:1px solid #1f5f8b;background:#fff;color:#1f5f8b;
 border-radius:3px;padding:.25rem .6rem;cursor:pointer}
.bk-sim #bk-bestand{position:absolute;width:1px;height:1px;opacity:0}
.bk-sim #bk-bestand:focus + *, .bk-sim #bk-bestand:focus-visible{outline:2px solid #1f5f8b}
.bk-sim .bk-raster{display:grid;grid-template-columns:minmax(15rem,19rem) minmax(0,1fr);gap:1rem;
 align-items:start}
.bk-sim .bk-invoer{position:sticky;top:4rem;max-height:calc(100vh - 5rem);overflow-y:auto;
 border:1px solid #ddd;border-radius:4px;padding:.4rem}
.bk-sim fieldset{border:0;margin:0;padding:0}
.bk-sim .bk-verborgen{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.bk-sim summary{font-weight:600;cursor:pointer;padding:.2rem 0}
.bk-sim .bk-veld{margin:.35rem 0}
.bk-sim .bk-veld label{display:block;font-weight:500}
.bk-sim .bk-eenheid{font-weight:400;color:#444}
.bk-sim .bk-invoer input[type=number]{width:8.5rem}
.bk-sim .bk-invoer .bk-invoer{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.bk-sim .bk-schuif{flex:1 1 6rem;min-width:6rem}
.bk-sim .bk-hulp{display:block;color:#444;line-height:1.3}
.bk-sim .bk-herkomst{font-style:italic}
.bk-sim .bk-fout{display:block;color:#a00000;font-weight:600}
.bk-sim [aria-invalid=true]{border-color:#a00000;outline:2px solid #a00000}
.bk-sim .bk-rij{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.bk-sim .bk-rij label{display:inline}
.bk-sim .bk-titel{font-size:1.05rem;margin:.6rem 0 .2rem}
.bk-sim .bk-figuur{margin:0}
.bk-sim .bk-vis{width:100%;min-height:12rem}
.bk-sim .bk-tabel{overflow-x:auto;max-width:100%;margin:.5rem 0}
.bk-sim table{border-collapse:collapse;font-size:.85rem}
.bk-sim th,.bk-sim td{border:1px solid #ccc;padding:.15rem .35rem;text-align:right;
 white-space:nowrap}
.bk-sim th[scope=row],.bk-sim thead th{text-align:left}
.bk-sim caption{text-align:left;font-weight:600}
@media (max-width: 52rem){
 .bk-sim .bk-raster{grid-template-columns:minmax(0,1fr)}
 .bk-sim .bk-invoer{top:3.5rem;max-height:42vh;z-index:2;background:#fff}
}
"""

PAGINA_JS = r"""
(function () {
  "use strict";
  var root = document.getElementById("bekostiging-simulator");
  var data = JSON.parse(document.getElementById("bk-data").textContent);
  var M = window.leerlabBekostiging;
  var P = data.parameters;
  var namen = Object.keys(P);
  var state = {scenario: data.start, invoer: Object.assign({}, data.presets[data.start].waarden)};
  var views = {};
  var versie = 0;
  function $(id) { return document.getElementById(id); }
  function veld(naam) { return root.querySelector('[name="' + naam + '"]'); }
  function schuif(naam) { return root.querySelector('.bk-schuif[data-voor="' + naam + '"]'); }
  function meld(tekst) { $("bk-melding").textContent = tekst; }

  function nl(x) {
    var s = String(Math.abs(x)).split(".");
    var heel = s[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (x < 0 ? "\u2212" : "") + heel + (s.length > 1 ? "," + s[1].slice(0, 2).replace(/0+$/, "") : "");
  }
  function bereik(spec) {
    return (spec.geheel === "ja" ? "een geheel getal" : "een getal") + " van " + nl(spec.min) +
      " tot en met " + nl(spec.max);
  }
  // Same rule as Parameter.controleer in Python: returns [number, null] or [null, message].
  function controleer(naam, ruw) {
    var spec = P[naam];
    var tekst = String(ruw).trim().replace(",", ".");
    var getal = tekst === "" ? NaN : Number(tekst);
    var goed = isFinite(getal) && getal >= spec.min && getal <= spec.max &&
      (spec.geheel !== "ja" || Number.isInteger(getal));
    if (goed) { return [getal, null]; }
    return [null, spec.label + " (" + naam + ") moet " + bereik(spec) + " zijn (" + spec.eenheid + ")."];
  }

  function zetVelden() {
    namen.forEach(function (naam) {
      var el = veld(naam);
      el.value = String(state.invoer[naam]);
      el.removeAttribute("aria-invalid");
      $("bk-" + naam + "-fout").textContent = "";
      var s = schuif(naam);
      if (s) { s.value = String(state.invoer[naam]); }
    });
    var pr = data.presets[state.scenario];
    root.querySelectorAll("[data-herkomst]").forEach(function (el) {
      el.textContent = "Standaardwaarde in dit scenario: " + pr.herkomst[el.dataset.herkomst] + ".";
    });
    $("bk-preset").value = state.scenario;
    $("bk-preset-uitleg").textContent = pr.uitleg;
  }

  function adres() {
    var pr = data.presets[state.scenario].waarden;
    var delen = ["scenario=" + encodeURIComponent(state.scenario)];
    namen.forEach(function (naam) {
      if (state.invoer[naam] !== pr[naam]) { delen.push(naam + "=" + state.invoer[naam]); }
    });
    delen.push("toon=" + $("bk-toon").value);
    if (!$("bk-opgeteld").checked) { delen.push("opgeteld=0"); }
    delen.push("domein=" + $("bk-domeinmodel").value);
    return "#" + delen.join("&");
  }
  function schrijfAdres() {
    if (window.jupyterapp) { return; }  // never rewrite JupyterLab's own address
    var hash = adres();
    if (window.location.hash !== hash) { history.replaceState(null, "", hash); }
    $("bk-link").value = window.location.href;
  }
  // Reads the address; unknown or bad values are reported and ignored, the rest applies.
  function leesAdres() {
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) { return; }
    var paren = hash.split("&").map(function (x) { var i = x.indexOf("="); return [decodeURIComponent(x.slice(0, i)), decodeURIComponent(x.slice(i + 1))]; });
    var fouten = [];
    var sc = paren.filter(function (x) { return x[0] === "scenario"; });
    if (sc.length) {
      if (data.presets[sc[0][1]]) { state.scenario = sc[0][1]; state.invoer = Object.assign({}, data.presets[sc[0][1]].waarden); }
      else { fouten.push("Onbekend scenario '" + sc[0][1] + "'."); }
    }
    paren.forEach(function (x) {
      var naam = x[0], waarde = x[1];
      if (naam === "scenario") { return; }
      if (naam === "toon") { if (data.toon[waarde]) { $("bk-toon").value = waarde; } return; }
      if (naam === "opgeteld") { $("bk-opgeteld").checked = waarde !== "0"; return; }
      if (naam === "domein") { if (data.modellen[waarde]) { $("bk-domeinmodel").value = waarde; } return; }
      if (!P[naam]) { fouten.push("Onbekende invoer '" + naam + "'."); return; }
      var c = controleer(naam, waarde);
      if (c[1]) { fouten.push(c[1]); } else { state.invoer[naam] = c[0]; }
    });
    if (fouten.length) { meld("Niet alles uit de link kon worden gebruikt: " + fouten.join(" ")); }
  }

  function bedragLabel(sleutel, x) {
    if (sleutel === "preventie_effect") { return nl(Math.round(x * 1000) / 10) + " %"; }
    return M.euro(x);
  }
  function rijen(v) {
    var sleutel = $("bk-toon").value, opgeteld = $("bk-opgeteld").checked && sleutel !== "preventie_effect";
    var uit = [];
    M.MODEL_IDS.forEach(function (m) {
      var som = 0;
      v.reeksen[m].forEach(function (r, i) {
        som += r[sleutel];
        var w = opgeteld ? som : r[sleutel];
        uit.push({model: m, modelnaam: data.modellen[m], jaar: i + 1, waarde: w, tekst: bedragLabel(sleutel, w)});
      });
    });
    return uit;
  }
  function domeinRijen(v) {
    var m = $("bk-domeinmodel").value, uit = [];
    M.DOMEINEN.forEach(function (d) {
      var uitgaven = 0, rijk = 0;
      v.reeksen[m].forEach(function (r) { uitgaven += r["betaling_" + d]; rijk += r["rijksbijdrage_" + d]; });
      uit.push({domein: data.domeinen[d], soort: "Uitgaven gemeente", bedrag: uitgaven, tekst: M.euro(uitgaven)});
      uit.push({domein: data.domeinen[d], soort: "Rijksbijdrage", bedrag: rijk, tekst: M.euro(rijk)});
    });
    return uit;
  }
  function wie(t) {
    var g = t.gemeente_preventie > 0, a = t.aanbieder_preventie > 0;
    return g && a ? "gemeente en aanbieders" : a ? "aanbieders" : g ? "gemeente" : "niemand";
  }
  function cel(tekst) { var td = document.createElement("td"); td.textContent = tekst; return td; }
  function vulTabel(id, rijenTekst) {
    var tbody = $(id);
    tbody.textContent = "";
    rijenTekst.forEach(function (r) {
      var tr = document.createElement("tr");
      var th = document.createElement("th"); th.scope = "row"; th.textContent = r[0]; tr.appendChild(th);
      r.slice(1).forEach(function (c) { tr.appendChild(cel(c)); });
      tbody.appendChild(tr);
    });
  }
  function lijstNamen(lijst) { return lijst.join(", "); }
  function tekstAlternatief(v) {
    var u = v.uitslagen, jaren = Math.trunc(state.invoer.jaren);
    var volgorde = M.MODEL_IDS.slice().sort(function (a, b) {
      var x = u[a].totaal.gemeente_kosten, y = u[b].totaal.gemeente_kosten;
      return x !== y ? x - y : (a < b ? -1 : 1);
    });
    var goedkoop = volgorde[0], duur = volgorde[volgorde.length - 1];
    var delen = ["Over " + jaren + " jaar is '" + data.modellen[goedkoop] + "' voor de gemeente het goedkoopst (" +
      M.euro(u[goedkoop].totaal.gemeente_kosten) + ") en '" + data.modellen[duur] + "' het duurst (" +
      M.euro(u[duur].totaal.gemeente_kosten) + ")."];
    var tekorten = M.MODEL_IDS.filter(function (m) { return u[m].totaal.tekort > 0.5; });
    delen.push(tekorten.length ? "De gemeente heeft een tekort bij " + lijstNamen(tekorten.map(function (m) {
      return data.modellen[m] + " (" + M.euro(u[m].totaal.tekort) + ")"; })) + "." :
      "De rijksbijdrage dekt de uitgaven in elk model.");
    var onv = M.MODEL_IDS.filter(function (m) { return u[m].totaal.onvervuld > 0.5; });
    delen.push(onv.length ? "Zorg die nodig was maar niet geleverd werd: " + lijstNamen(onv.map(function (m) {
      return data.modellen[m] + " " + M.euro(u[m].totaal.onvervuld); })) + "." :
      "In geen enkel model blijft nodige zorg liggen.");
    var aanb = M.MODEL_IDS.filter(function (m) { return u[m].totaal.aanbieder_preventie > 0; });
    delen.push(aanb.length ? "Aanbieders investeren zelf in preventie bij: " + lijstNamen(aanb.map(function (m) {
      return data.modellen[m]; })) + "." : "Geen enkele aanbieder investeert zelf in preventie.");
    return delen.join(" ");
  }

  function teken() {
    var start = performance.now();
    var v = M.vergelijk(state.invoer);
    var reeks = rijen(v), dom = domeinRijen(v);
    var sleutel = $("bk-toon").value, opgeteld = $("bk-opgeteld").checked && sleutel !== "preventie_effect";
    $("bk-lijn-titel").textContent = data.toon[sleutel] + (opgeteld ? ", opgeteld" : ", per jaar");
    vulTabel("bk-totalen", M.MODEL_IDS.map(function (m) {
      var t = v.uitslagen[m].totaal;
      return [data.modellen[m], M.euro(t.gemeente_kosten), M.euro(t.tekort), M.euro(t.marge), M.euro(t.onvervuld), M.euro(t.administratie)];
    }));
    vulTabel("bk-preventie", M.MODEL_IDS.map(function (m) {
      var u = v.uitslagen[m];
      return [data.modellen[m], wie(u.totaal), M.euro(u.winst_gemeente), M.euro(u.winst_aanbieder),
        M.jaarTekst(u.terug_gemeente), M.jaarTekst(u.terug_aanbieder), M.jaarTekst(u.terug_samenleving),
        M.euro(u.half_winst_gemeente), M.jaarTekst(u.half_terug_samenleving)];
    }));
    var tekst = tekstAlternatief(v);
    $("bk-tekst").textContent = tekst;
    schrijfAdres();
    versie += 1;
    root.__bkState = {invoer: Object.assign({}, state.invoer), scenario: state.scenario,
      vergelijking: v, reeks: reeks, domeinen: dom, tekst: tekst, versie: versie};
    var klaar = [];
    if (views.lijn) { klaar.push(views.lijn.data("reeks", reeks).runAsync()); }
    if (views.domein) { klaar.push(views.domein.data("domeinen", dom).runAsync()); }
    return Promise.all(klaar).then(function () {
      root.__bkState.ms = performance.now() - start;
      root.dataset.versie = String(versie);
    });
  }

  function wijzig(naam, ruw, bron) {
    var c = controleer(naam, ruw);
    var el = veld(naam);
    if (c[1]) {
      el.setAttribute("aria-invalid", "true");
      $("bk-" + naam + "-fout").textContent = c[1] + " De vorige waarde blijft gelden.";
      return;
    }
    el.removeAttribute("aria-invalid");
    $("bk-" + naam + "-fout").textContent = "";
    state.invoer[naam] = c[0];
    if (bron !== el) { el.value = String(c[0]); }
    var s = schuif(naam);
    if (s && bron !== s) { s.value = String(c[0]); }
    teken();
  }

  namen.forEach(function (naam) {
    var el = veld(naam);
    el.addEventListener(el.tagName === "SELECT" ? "change" : "input", function () { wijzig(naam, el.value, el); });
    var s = schuif(naam);
    if (s) { s.addEventListener("input", function () { wijzig(naam, s.value, s); }); }
  });
  $("bk-preset").addEventListener("change", function () {
    state.scenario = $("bk-preset").value;
    state.invoer = Object.assign({}, data.presets[state.scenario].waarden);
    zetVelden();
    meld("Scenario gekozen: " + data.presets[state.scenario].titel + ".");
    teken();
  });
  ["bk-toon", "bk-opgeteld", "bk-domeinmodel"].forEach(function (id) {
    $(id).addEventListener("change", function () { teken(); });
  });
  $("bk-download").addEventListener("click", function () {
    var inhoud = JSON.stringify(Object.assign({scenario: state.scenario}, state.invoer), null, 1);
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([inhoud], {type: "application/json"}));
    a.download = "scenario-bekostiging.json";
    document.body.appendChild(a); a.click(); a.remove();
    meld("Het scenario is gedownload als scenario-bekostiging.json.");
  });
  // Same rules as invoer_uit_dict in Python: all or nothing.
  function laadScenario(tekst) {
    var obj;
    try { obj = JSON.parse(tekst); } catch (e) { obj = null; }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
      meld("Dit bestand is geen scenario. Een scenariobestand bevat namen met getallen, zoals {\"jaren\": 10}. Er is niets veranderd.");
      return false;
    }
    var basis = obj.scenario === undefined ? "standaard" : String(obj.scenario);
    if (!data.presets[basis]) { meld("Onbekend scenario '" + basis + "'. Er is niets veranderd."); return false; }
    var nieuw = Object.assign({}, data.presets[basis].waarden), fouten = [];
    Object.keys(obj).forEach(function (naam) {
      if (naam === "scenario") { return; }
      if (!P[naam]) { fouten.push("Onbekende invoer: " + naam + "."); return; }
      var c = controleer(naam, obj[naam]);
      if (c[1]) { fouten.push(c[1]); } else { nieuw[naam] = c[0]; }
    });
    if (fouten.length) { meld(fouten.join(" ") + " Er is niets veranderd."); return false; }
    state.scenario = basis; state.invoer = nieuw;
    zetVelden(); teken();
    meld("Scenario geopend.");
    return true;
  }
  root.__bkLaad = laadScenario;
  $("bk-bestand").addEventListener("change", function () {
    var f = $("bk-bestand").files[0];
    if (!f) { return; }
    f.text().then(laadScenario);
    $("bk-bestand").value = "";
  });
  window.addEventListener("hashchange", function () { leesAdres(); zetVelden(); teken(); });

  leesAdres();
  zetVelden();
  function embed(id, spec) {
    if (typeof vegaEmbed === "undefined") { return Promise.resolve(null); }
    // Room for the y-axis labels and the legend's width is taken from the column itself.
    spec = Object.assign({}, spec, {width: Math.max(220, Math.min(640, $(id).clientWidth - 110))});
    return vegaEmbed($(id), spec, {actions: false, renderer: "svg"}).then(function (r) { return r.view; });
  }
  Promise.all([embed("bk-lijn", data.specs.lijn), embed("bk-domein", data.specs.domein)])
    .then(function (vs) { views.lijn = vs[0]; views.domein = vs[1]; return teken(); })
    .then(function () { root.dataset.ready = "1"; })
    .catch(function (err) { meld("De grafieken kunnen niet getoond worden (" + err + "). De tabellen en de tekst kloppen wel."); teken(); root.dataset.ready = "1"; });
})();
"""  # noqa: E501
