"""The funding-model calculator for JupyterLab: ipywidgets sliders over the same Python model.

The sliders are the ones of the book's chart (column ``slider`` in parameters.csv), with
the same labels and ranges, so a reader gets the same figures in both front ends.
"""

from __future__ import annotations

import html
import os
from typing import Any

from leerlab.errors import LeerlabFout
from leerlab.models import bekostiging as bk
from leerlab.views.bekostiging_charts import (
    MAX_JAREN_GRAFIEK,
    STANDAARD_JAREN,
    slider_label,
    slider_parameters,
)
from leerlab.views.charts import BOOK_BUILD_FLAG


def tabel_html(vergelijking: bk.Vergelijking) -> str:
    """An HTML table of :func:`~leerlab.models.bekostiging.tabel_rijen`, with headers."""
    rijen = bk.tabel_rijen(vergelijking)
    kolommen = list(rijen[0])
    kop = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in kolommen)
    body = "".join(
        f'<tr><th scope="row">{html.escape(r[kolommen[0]])}</th>'
        + "".join(f"<td>{html.escape(r[k])}</td>" for k in kolommen[1:])
        + "</tr>"
        for r in rijen
    )
    return (
        f"<table><caption>Zes modellen over {vergelijking.jaren} jaar</caption>"
        f"<thead><tr>{kop}</tr></thead><tbody>{body}</tbody></table>"
    )


class Rekenhulp:
    """Sliders, a years slider and a result table; recomputes on every change."""

    def __init__(self, scenario: str = "standaard", jaren: int = STANDAARD_JAREN) -> None:
        import ipywidgets as widgets

        self.standaard = bk.standaard_invoer(scenario)
        self.sliders: dict[str, Any] = {}
        stijl = {"description_width": "initial"}
        opmaak = widgets.Layout(width="560px")
        for naam, spec in slider_parameters().items():
            soort = widgets.IntSlider if spec.geheel == "ja" else widgets.FloatSlider
            self.sliders[naam] = soort(
                value=getattr(self.standaard, naam),
                min=spec.slider_min,
                max=spec.slider_max,
                step=spec.stap,
                description=slider_label(spec).strip(),
                style=stijl,
                layout=opmaak,
                continuous_update=False,
            )
        self.jaren = widgets.IntSlider(
            value=bk.controleer_jaren(jaren),
            min=1,
            max=MAX_JAREN_GRAFIEK,
            description="Aantal jaren",
            style=stijl,
            layout=opmaak,
            continuous_update=False,
        )
        self.uitvoer = widgets.HTML()
        for slider in [*self.sliders.values(), self.jaren]:
            slider.observe(lambda _change: self.ververs(), names="value")
        self.widget = widgets.VBox([*self.sliders.values(), self.jaren, self.uitvoer])
        self.ververs()

    def invoer(self) -> bk.Invoer:
        return self.standaard.met(**{n: float(s.value) for n, s in self.sliders.items()})

    def vergelijking(self) -> bk.Vergelijking:
        return bk.vergelijk(self.invoer(), int(self.jaren.value))

    def ververs(self) -> None:
        try:
            self.uitvoer.value = tabel_html(self.vergelijking())
        except LeerlabFout as fout:
            self.uitvoer.value = f'<p role="alert">{html.escape(str(fout))}</p>'


def notebook_widget(scenario: str = "standaard") -> Any:
    """The calculator widget in JupyterLab; nothing during the book build (no kernel there).

    The book hides this cell; not creating widgets there keeps widget state (and the CDN
    scripts it would pull in) out of the published page.
    """
    if os.environ.get(BOOK_BUILD_FLAG):
        return None
    return Rekenhulp(scenario).widget
