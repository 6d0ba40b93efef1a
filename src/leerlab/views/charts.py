"""Show Altair charts so they work offline in the book, in JupyterLab, VS Code and exported HTML.

:func:`toon` wraps a chart with a text alternative. In the built book the HTML form
is used: a <figure> whose caption describes the chart in words, and a script that
calls the vendored ``vegaEmbed``. Outside the book the bundle holds the same spec as
Vega-Lite 5 (the newest version JupyterLab 4 and VS Code render natively; Altair 6
writes v6, which they show as text), a static SVG drawn by vl-convert for front ends
without a Vega renderer (exported HTML, GitHub), and the description as plain text.
No form needs a CDN.
"""

from __future__ import annotations

import html
import json
import os
import sys
import uuid
from typing import Any

import altair as alt

#: Class on every chart's <figure>: the book adds the vendored vega scripts to pages with it.
CHART_MARKER = "leerlab-chart"
#: The Vega-Lite version JupyterLab 4 (v3-v5 only) and VS Code render; the specs compile under it
#: (tests/test_charts_notebook.py compiles every figure with vl-convert's Vega-Lite 5).
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
SVG_MIME = "image/svg+xml"
#: Set by leerlab.boek.bouw while the book is built (the kernel inherits it).
BOOK_BUILD_FLAG = "LEERLAB_BOOK"

_EMBED_JS = """
(function () {{
  var el = document.getElementById("{vis_id}");
  var spec = {spec};
  function fail(msg) {{
    el.textContent = "De grafiek kan hier niet getoond worden (" + msg + "). " +
      "De beschrijving hieronder geeft dezelfde informatie.";
  }}
  if (typeof vegaEmbed === "undefined") {{ fail("vega ontbreekt"); return; }}
  vegaEmbed(el, spec, {{actions: false, renderer: "svg"}})
    .then(function (result) {{ el.__leerlabView = result.view; el.dataset.ready = "1"; }})
    .catch(function (err) {{ fail(String(err)); }});
}})();
"""


class Figuur:
    """A chart plus the words that say what it shows (its text alternative)."""

    def __init__(self, chart: alt.TopLevelMixin, beschrijving: str, naam: str | None = None):
        if not beschrijving.strip():
            raise ValueError("Elke grafiek heeft een beschrijving in woorden nodig.")
        self.chart = chart
        self.beschrijving = beschrijving.strip()
        self.naam = naam or f"grafiek-{uuid.uuid4().hex[:8]}"
        #: Add the static SVG (about 0.2-0.9 s per chart); widgets that redraw on every
        #: change switch it off, since JupyterLab draws the Vega-Lite form anyway.
        self.met_svg = True

    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = self.chart.to_dict()
        spec.setdefault("description", self.beschrijving)
        return spec

    def html(self) -> str:
        vis_id = f"{self.naam}-vis"
        caption_id = f"{self.naam}-tekst"
        spec = json.dumps(self.spec(), ensure_ascii=False).replace("</", "<\\/")
        script = _EMBED_JS.format(vis_id=vis_id, spec=spec)
        return (
            f'<figure class="{CHART_MARKER}" id="{self.naam}">'
            f'<div id="{vis_id}" class="leerlab-vis"></div>'
            f'<figcaption id="{caption_id}" class="leerlab-alt">'
            f"<strong>Grafiek in woorden:</strong> {html.escape(self.beschrijving)}"
            f"</figcaption><script>{script}</script></figure>"
        )

    def spec_v5(self) -> dict[str, Any]:
        """The spec labelled as Vega-Lite 5, for JupyterLab's and VS Code's renderers."""
        return {**self.spec(), "$schema": VEGALITE_SCHEMA}

    def svg(self) -> str:
        """A static drawing of the chart (no script, no network), made by vl-convert."""
        import vl_convert

        svg: str = vl_convert.vegalite_to_svg(self.spec())
        return svg

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """HTML with the vendored vegaEmbed in the book build; Vega-Lite 5 plus SVG elsewhere.

        No text/html outside the book: JupyterLab ranks HTML above Vega-Lite and would
        show a script it does not run.
        """
        bundle: dict[str, Any] = {"text/plain": f"Grafiek: {self.beschrijving}"}
        if os.environ.get(BOOK_BUILD_FLAG):
            bundle["text/html"] = self.html()
        elif sys.platform == "emscripten":
            # In the browser (JupyterLite) vl-convert does not exist: no static SVG; the
            # lab's Vega renderer draws the chart as SVG instead (text alternative kept).
            bundle[VEGALITE_MIME] = self.spec_v5()
            options = {"embed_options": {"renderer": "svg", "actions": False}}
            return bundle, {VEGALITE_MIME: options}  # type: ignore[return-value]
        else:
            bundle[VEGALITE_MIME] = self.spec_v5()
            if self.met_svg:
                bundle[SVG_MIME] = self.svg()
        return bundle


def toon(chart: alt.TopLevelMixin, beschrijving: str, naam: str | None = None) -> Figuur:
    """Return a displayable chart with a text alternative; the last line of a cell shows it."""
    return Figuur(chart, beschrijving, naam)


def vega_expr(value: Any) -> str:
    """The Vega expression text of a formula evaluated on Altair parameters.

    Python formulas written with plain arithmetic return Altair expression objects when
    fed ``alt.param`` objects; this turns the result into the string ``calculate`` needs.
    """
    if hasattr(value, "to_dict"):
        as_dict = value.to_dict()
        if isinstance(as_dict, dict) and "expr" in as_dict:
            return str(as_dict["expr"])
        return str(as_dict)
    return repr(value)


def json_script(css_class: str, data: Any) -> str:
    """Data for a page script, embedded as JSON; "</" is escaped so no value can end the tag."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" class="{css_class}">{text}</script>'
