"""The harvest (oogst) as a form in the book: the one-page summary made in the browser.

The script (``web/oogst.js``) builds the same summary as ``leerlab sessie oogst``
(:func:`leerlab.models.sessies.oogst_html`) and offers the notes as a JSON file that the
command reads. Field names, limits, texts and styles come from the Python model; nothing is
sent anywhere.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from leerlab.models.sessies import OOGST_CSS, OOGST_TEKSTEN, OogstNotities, sessies
from leerlab.views.charts import json_script

_STYLE = """
.leerlab-oogst fieldset { border: 1px solid #767676; border-radius: 6px; margin: 0.8rem 0;
  padding: 0.6rem 0.8rem; min-width: 0; }
.leerlab-oogst legend { font-weight: 700; padding: 0 0.3rem; }
.leerlab-oogst label { font-weight: 600; display: block; margin: 0.5rem 0 0.2rem; }
.leerlab-oogst input, .leerlab-oogst textarea { width: 100%; max-width: 36rem;
  box-sizing: border-box; font: inherit; padding: 0.3rem; border: 1px solid #595959; }
.leerlab-oogst textarea { min-height: 4.5rem; }
.leerlab-oogst .oogst-hint { margin: 0.1rem 0; color: #333; font-size: 0.9rem; }
.leerlab-oogst button { padding: 0.35rem 0.9rem; border: 1px solid #1f5f8b; border-radius: 4px;
  background: #ffffff; color: #1f5f8b; font-weight: 600; margin: 0.3rem 0.3rem 0.3rem 0; }
.leerlab-oogst .oogst-fouten { color: #8b1a1a; font-weight: 600; }
.leerlab-oogst iframe { width: 100%; min-height: 40rem; border: 1px solid #767676; }
@media print { .leerlab-oogst { display: none; } }
"""

# Labels and hints of the form (the summary's own texts come from OOGST_TEKSTEN).
VELDEN: dict[str, tuple[str, str]] = {
    "sessie": ("Sessie (nummer)", ""),
    "datum": ("Datum", ""),
    "netwerk": ("Netwerk", "De naam van jullie netwerk."),
    "deelnemers": ("Aantal deelnemers", "Alleen een aantal, geen namen."),
    "gemeenten": ("Gemeenten", "Eén gemeente per regel."),
    "casus": ("Casus", "Waar ging het over?"),
    "hulpmiddel": ("Hulpmiddel en uitkomst", "Bijvoorbeeld het groepsprofiel of het scenario."),
    "goed": ("1. Wat gaat er goed?", "Eén punt per regel."),
    "kwetsbaar": ("2. Wat vind je kwetsbaar?", "Eén punt per regel."),
    "afwezig": ("3. Wat is opvallend afwezig?", "Eén punt per regel."),
    "inzichten": ("Wat hebben we geleerd?", "Eén inzicht per regel."),
    "beelden": ("Beelden en woorden die bleven hangen", "Eén per regel."),
    "vragen": ("Vragen voor de volgende keer", "Eén vraag per regel."),
}
AANTAL_ACTIES = 4


def config() -> dict[str, Any]:
    """What the script needs, all derived from the Python schema and texts."""
    schema = OogstNotities.model_json_schema()
    velden = {}
    for naam, spec in schema["properties"].items():
        if naam == "acties":
            continue
        soort = "lijst" if spec.get("type") == "array" else spec.get("type", "string")
        if "anyOf" in spec:
            soort = "string"
        if spec.get("format") == "date":
            soort = "datum"
        label, hint = VELDEN[naam]
        velden[naam] = {
            "soort": soort,
            "label": label,
            "hint": hint,
            "verplicht": naam in schema.get("required", []),
            "min": spec.get("minimum"),
            "max": spec.get("maximum"),
            "minLengte": spec.get("minLength"),
            "minItems": spec.get("minItems"),
        }
    actie = schema["$defs"]["Actie"]["properties"]
    return {
        "velden": velden,
        "actie": {k: v["minLength"] for k, v in actie.items()},
        "aantalActies": AANTAL_ACTIES,
        "teksten": OOGST_TEKSTEN,
        "css": OOGST_CSS,
        "titels": {str(s.hoofdstuk): s.titel for s in sessies()},
    }


def script_text() -> str:
    return (resources.files("leerlab.live") / "web" / "oogst.js").read_text(encoding="utf-8")


def oogst_formulier_html() -> str:
    return (
        '<div class="leerlab-oogst" data-leerlab-script="oogst">'
        f"<style>{_STYLE}</style>"
        '<form class="oogst-form" novalidate><p class="oogst-laden">Het formulier laadt…</p></form>'
        '<section aria-labelledby="oogst-kop"><h3 id="oogst-kop">De samenvatting</h3>'
        '<p class="oogst-melding" aria-live="polite">Vul het formulier in en kies '
        "<strong>Maak de samenvatting</strong>.</p>"
        '<ul class="oogst-fouten"></ul>'
        '<div class="oogst-knoppen" hidden>'
        '<button type="button" class="oogst-print">Print de samenvatting</button>'
        '<button type="button" class="oogst-download">Download de notities (JSON)</button>'
        "</div>"
        '<iframe class="oogst-uitvoer" title="Samenvatting van de oogst" hidden></iframe>'
        "</section>"
        f"{json_script('oogst-config', config())}"
        f"<script>{script_text()}</script></div>"
    )


class OogstFormulier:
    def _repr_html_(self) -> str:
        return oogst_formulier_html()


def oogst_formulier() -> OogstFormulier:
    return OogstFormulier()
