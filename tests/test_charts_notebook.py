"""Charts outside the book: Vega-Lite 5 (JupyterLab 4, VS Code) plus a static SVG, no CDN."""

from __future__ import annotations

import importlib
import inspect
import json

import pytest
import vl_convert

from leerlab.views import charts
from leerlab.views.charts import BOOK_BUILD_FLAG, SVG_MIME, VEGALITE_MIME, Figuur

MODULES = [f"leerlab.views.figuren.h0{n}" for n in range(1, 9)]


def _figures() -> list[tuple[str, Figuur]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for fname, func in inspect.getmembers(module, inspect.isfunction):
            if fname.endswith("_figuur") and func.__module__ == name:
                params = inspect.signature(func).parameters.values()
                if all(p.default is not p.empty for p in params):
                    found.append((f"{name.rsplit('.', 1)[1]}.{fname}", func()))
    from leerlab.views.bekostiging_charts import rekenmodel_grafiek
    from leerlab.views.ladder_charts import uitslag_figuur
    from leerlab.views.verandering_charts import effect_figuur

    found += [
        ("ladder.uitslag_figuur", uitslag_figuur(None)),
        ("verandering.effect_figuur", effect_figuur()),
        ("bekostiging.rekenmodel_grafiek", rekenmodel_grafiek()),
    ]
    return found


FIGURES = _figures()


def test_every_chapter_has_figures() -> None:
    assert len(FIGURES) >= 8, [n for n, _ in FIGURES]


@pytest.mark.parametrize(("name", "figuur"), FIGURES, ids=[n for n, _ in FIGURES])
def test_spec_compiles_with_vega_lite_5(name: str, figuur: Figuur) -> None:
    """JupyterLab 4.6 renders Vega-Lite v3-v5 only: the spec must compile under v5."""
    vega = vl_convert.vegalite_to_vega(figuur.spec_v5(), vl_version="5.21")
    assert vega["marks"], f"{name}: geen marks na compileren met Vega-Lite 5"


def test_bundle_outside_the_book(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BOOK_BUILD_FLAG, raising=False)
    _, figuur = FIGURES[0]
    bundle = figuur._repr_mimebundle_()
    assert VEGALITE_MIME == "application/vnd.vegalite.v5+json"
    assert set(bundle) == {"text/plain", VEGALITE_MIME, SVG_MIME}
    assert bundle[VEGALITE_MIME]["$schema"].endswith("/vega-lite/v5.json")
    assert bundle[SVG_MIME].lstrip().startswith("<svg") and "<script" not in bundle[SVG_MIME]
    # The SVG draws marks (paths or rects), not an empty canvas.
    assert bundle[SVG_MIME].count("<path") + bundle[SVG_MIME].count("<rect") > 3
    assert "http" not in json.dumps(bundle[VEGALITE_MIME]).replace(
        bundle[VEGALITE_MIME]["$schema"], ""
    ), "de spec mag niets van buiten laden"


def test_bundle_in_the_book_uses_vendored_vega_embed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BOOK_BUILD_FLAG, "1")
    _, figuur = FIGURES[0]
    bundle = figuur._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert charts.CHART_MARKER in bundle["text/html"] and "vegaEmbed(" in bundle["text/html"]


def test_exported_html_notebook_shows_the_svg(monkeypatch: pytest.MonkeyPatch) -> None:
    """nbconvert's HTML export has no Vega renderer: it shows the static SVG instead."""
    import nbformat
    from nbconvert import HTMLExporter

    monkeypatch.delenv(BOOK_BUILD_FLAG, raising=False)
    _, figuur = FIGURES[0]
    cell = nbformat.v4.new_code_cell("figuur")
    cell.outputs = [nbformat.v4.new_output("display_data", data=figuur._repr_mimebundle_())]
    html, _ = HTMLExporter().from_notebook_node(nbformat.v4.new_notebook(cells=[cell]))
    output = html[html.index('data-mime-type="image/svg+xml"') :][:2000]
    assert "<svg" in output or "data:image/svg+xml" in output
    assert "vegaEmbed" not in html and "vega@" not in html


def test_widgets_can_leave_out_the_svg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BOOK_BUILD_FLAG, raising=False)
    figuur = Figuur(FIGURES[0][1].chart, "Een grafiek.")
    figuur.met_svg = False
    assert set(figuur._repr_mimebundle_()) == {"text/plain", VEGALITE_MIME}
