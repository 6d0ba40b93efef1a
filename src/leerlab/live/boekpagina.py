"""The book's no-install fallback: a group profile from exported files, in the browser.

The facilitator drops the participants' exported files (JSON or CSV) on the page; the
script (``web/groep.js``) reads them locally and shows the same profile as the live app
and `leerlab ladder groep`. Nothing is uploaded: the page has no server to send to.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from leerlab.models.ladder import MIN_GROEP, browser_config
from leerlab.views.charts import json_script

_STYLE = """
.leerlab-groep .groep-zone { border: 2px dashed #767676; border-radius: 6px; padding: 1rem;
  margin: 0.8rem 0; }
.leerlab-groep .groep-zone.actief { border-color: #1f5f8b; background: #e8f1f8; }
.leerlab-groep label { font-weight: 600; display: block; margin-bottom: 0.4rem; }
.leerlab-groep button { padding: 0.35rem 0.9rem; border: 1px solid #1f5f8b; border-radius: 4px;
  background: #ffffff; color: #1f5f8b; font-weight: 600; }
.leerlab-groep .groep-melding { font-weight: 600; }
"""


def config() -> dict[str, Any]:
    """What the script needs, all derived from the Python model."""
    return browser_config() | {"minGroep": MIN_GROEP}


def script_text() -> str:
    return (resources.files("leerlab.live") / "web" / "groep.js").read_text(encoding="utf-8")


def groep_inlezen_html() -> str:
    return (
        '<div class="leerlab-groep" data-leerlab-script="groep">'
        f"<style>{_STYLE}</style>"
        '<div class="groep-zone">'
        '<label for="groep-bestanden">Kies de bestanden van de deelnemers (.json of .csv). '
        "Je mag ze ook hierheen slepen.</label>"
        '<input id="groep-bestanden" type="file" multiple accept=".json,.csv">'
        "<p>De bestanden blijven op deze computer. De pagina stuurt niets weg.</p></div>"
        '<section aria-labelledby="groep-kop"><h3 id="groep-kop">Het groepsprofiel</h3>'
        '<p class="groep-melding" aria-live="polite">Nog geen bestanden gekozen.</p>'
        '<ul class="groep-problemen"></ul><div class="groep-tabellen"></div>'
        '<button type="button" class="groep-download" hidden>Download als JSON</button>'
        "</section>"
        f"{json_script('groep-config', config())}"
        f"<script>{script_text()}</script></div>"
    )


class GroepInlezen:
    def _repr_html_(self) -> str:
        return groep_inlezen_html()


def groep_inlezen() -> GroepInlezen:
    return GroepInlezen()
