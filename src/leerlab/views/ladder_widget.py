"""The self-assessment in JupyterLab: ipywidgets over the same model as the book page.

Every change recomputes :func:`leerlab.models.ladder.score` and redraws the chart, so the
notebook and the book give the same result for the same answers.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from leerlab.models.ladder import (
    PERSPECTIEF_LABEL,
    PERSPECTIEVEN,
    Uitslag,
    laad_trap,
    melding,
    naar_csv,
    naar_json,
    score,
)
from leerlab.views.ladder_charts import uitslag_figuur

ONBEKEND = "Weet ik niet"


class ZelftestWidget:
    """A form with one radio group per statement, a result text and the chart."""

    def __init__(self) -> None:
        trap = laad_trap()
        self.situatie = widgets.Text(
            description="Situatie", placeholder="bijvoorbeeld: nieuw plan voor ons buurthuis"
        )
        self.perspectief = widgets.ToggleButtons(
            options=[(PERSPECTIEF_LABEL[p], p) for p in PERSPECTIEVEN],
            description="Perspectief",
        )
        options = [(o.label, o.waarde) for o in trap.schaal] + [(ONBEKEND, None)]
        self.keuzes: dict[str, widgets.RadioButtons] = {
            item.id: widgets.RadioButtons(options=options, value=None, layout={"width": "auto"})
            for item in trap.items
        }
        self.blokken = {
            p: widgets.VBox(
                [
                    widgets.VBox(
                        [
                            widgets.HTML(f"<b>{n}. {item.tekst}</b>"),
                            self.keuzes[item.id],
                        ]
                    )
                    for n, item in enumerate(trap.vragenlijst(p), start=1)
                ]
            )
            for p in PERSPECTIEVEN
        }
        self.uitvoer = widgets.Output()
        self.melding = widgets.HTML()
        self.bewaar_json = widgets.Button(description="Bewaar als JSON")
        self.bewaar_csv = widgets.Button(description="Bewaar als CSV")
        self.bewaard = widgets.HTML()
        self.bewaar_json.on_click(lambda _: self.bewaar("json"))
        self.bewaar_csv.on_click(lambda _: self.bewaar("csv"))
        for control in (self.perspectief, *self.keuzes.values()):
            control.observe(lambda _: self.ververs(), names="value")
        self.ververs()

    def antwoorden(self) -> dict[str, int | None]:
        """Answers of the current perspective: item id → 0..4 or None."""
        return {
            item.id: self.keuzes[item.id].value
            for item in laad_trap().items_van(self.perspectief.value)
        }

    def uitslag(self) -> Uitslag:
        return score(self.antwoorden(), self.perspectief.value)

    def ververs(self) -> None:
        uitslag = self.uitslag()
        self.melding.value = f"<p><b>{melding(uitslag)}</b></p>"
        self.uitvoer.clear_output(wait=True)
        with self.uitvoer:
            figuur = uitslag_figuur(uitslag)
            figuur.met_svg = False  # redrawn on every answer; JupyterLab draws Vega-Lite
            display(figuur)

    def bewaar(self, soort: str, map: Path | None = None) -> Path | None:
        """Write the result next to the notebook (or in ``map``); returns the file."""
        naam = self.situatie.value.strip()
        if not naam:
            self.bewaard.value = "Geef de situatie eerst een naam."
            return None
        slug = "".join(c if c.isalnum() else "-" for c in naam.lower()).strip("-")[:40]
        path = (map or Path.cwd()) / f"trap-{slug}-{self.perspectief.value}.{soort}"
        maker = naar_json if soort == "json" else naar_csv
        path.write_text(maker(naam, self.perspectief.value, self.antwoorden()), encoding="utf-8")
        self.bewaard.value = f"Bewaard: {path.name}"
        return path

    def widget(self) -> widgets.VBox:
        stack = widgets.Stack(
            [self.blokken[p] for p in PERSPECTIEVEN],
            selected_index=0,
        )
        widgets.jslink((self.perspectief, "index"), (stack, "selected_index"))
        knoppen = widgets.HBox([self.bewaar_json, self.bewaar_csv])
        return widgets.VBox(
            [
                self.situatie,
                self.perspectief,
                stack,
                self.melding,
                self.uitvoer,
                knoppen,
                self.bewaard,
            ]
        )


def zelftest_widget() -> widgets.VBox:
    """The ipywidgets self-assessment, ready to display in JupyterLab."""
    return ZelftestWidget().widget()
