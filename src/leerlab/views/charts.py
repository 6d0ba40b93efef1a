"""Show Altair charts so they work offline in the book and natively in JupyterLab.

:func:`toon` wraps a chart with a text alternative. In the built book the HTML form
is used: a <figure> whose caption describes the chart in words, and a script that
calls the vendored ``vegaEmbed``. JupyterLab picks the Vega-Lite form of the same bundle.
"""

from __future__ import annotations

import html
import json
import os
import uuid
from typing import Any

import altair as alt

#: Class on every chart's <figure>: the book adds the vendored vega scripts to pages with it.
CHART_MARKER = "leerlab-chart"
VEGALITE_MIME = "application/vnd.vegalite.v6+json"
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

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """HTML with the vendored vegaEmbed in the book build, native Vega-Lite elsewhere."""
        bundle: dict[str, Any] = {"text/plain": f"Grafiek: {self.beschrijving}"}
        if os.environ.get(BOOK_BUILD_FLAG):
            bundle["text/html"] = self.html()
        else:
            bundle[VEGALITE_MIME] = self.spec()
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
