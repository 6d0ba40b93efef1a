"""The funding simulator for JupyterLab: ipywidgets over the same Python model.

A preset menu and one number field per input (grouped as on the book page), and the result
table of :func:`leerlab.models.bekostiging.tabel_rijen`; every change recomputes.
"""

from __future__ import annotations

import html
import os
from typing import Any

from leerlab.errors import LeerlabFout
from leerlab.models import bekostiging as bk
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
    jaren = int(vergelijking.invoer.jaren)
    return (
        f"<table><caption>Vijf manieren van betalen over {jaren} jaar (opgeteld)</caption>"
        f"<thead><tr>{kop}</tr></thead><tbody>{body}</tbody></table>"
    )


class Rekenhulp:
    """Preset menu, grouped number fields and a result table; recomputes on every change."""

    def __init__(self, scenario: str = "standaard") -> None:
        import ipywidgets as widgets

        self.keuze = widgets.Dropdown(
            options=[(s.titel, s.id) for s in bk.scenarios().values()],
            value=scenario,
            description="Scenario",
        )
        standaard = bk.preset(scenario).als_dict()
        self.velden: dict[str, Any] = {}
        groepen: dict[str, list[Any]] = {}
        stijl = {"description_width": "16em"}
        for naam, spec in bk.parameters().items():
            soort = widgets.BoundedIntText if spec.geheel == "ja" else widgets.BoundedFloatText
            veld = soort(
                value=standaard[naam],
                min=spec.min,
                max=spec.max,
                step=spec.stap,
                description=f"{spec.label} ({spec.eenheid})",
                style=stijl,
                layout=widgets.Layout(width="34em"),
            )
            self.velden[naam] = veld
            groepen.setdefault(spec.groep, []).append(veld)
        self.uitvoer = widgets.HTML()
        self._bezig = False
        for veld in self.velden.values():
            veld.observe(lambda _change: self.ververs(), names="value")
        self.keuze.observe(lambda change: self.kies(change["new"]), names="value")
        tabs = widgets.Accordion(children=[widgets.VBox(v) for v in groepen.values()])
        for i, titel in enumerate(groepen):
            tabs.set_title(i, titel)
        self.widget = widgets.VBox([self.keuze, tabs, self.uitvoer])
        self.ververs()

    def kies(self, scenario: str) -> None:
        waarden = bk.preset(scenario).als_dict()
        self._bezig = True
        for naam, veld in self.velden.items():
            veld.value = waarden[naam]
        self._bezig = False
        self.ververs()

    def invoer(self) -> bk.Invoer:
        return bk.preset(self.keuze.value).met(
            **{n: float(v.value) for n, v in self.velden.items()}
        )

    def ververs(self) -> None:
        if self._bezig:
            return
        try:
            self.uitvoer.value = tabel_html(bk.vergelijk(self.invoer()))
        except LeerlabFout as fout:
            self.uitvoer.value = f'<p role="alert">{html.escape(str(fout))}</p>'


def notebook_widget(scenario: str = "standaard") -> Any:
    """The simulator widget in JupyterLab; nothing during the book build (no kernel there)."""
    if os.environ.get(BOOK_BUILD_FLAG):
        return None
    return Rekenhulp(scenario).widget
