"""Every built page works offline in headless Chromium: no errors, charts draw, sliders act."""

from __future__ import annotations

import pytest

from leerlab.models.verandering import effect

from .conftest import page_entries

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", page_entries())
def test_page_loads_offline_without_errors(open_page, path: str) -> None:
    visit = open_page(path)
    assert visit.blocked == [], "pagina wil iets van buiten de site laden"
    assert visit.missing == [], "pagina verwijst naar bestanden die niet bestaan"
    assert visit.page_errors == []
    assert visit.console_errors == []
    charts = visit.page.locator("figure.leerlab-chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator(".leerlab-vis svg, .leerlab-vis canvas").count() >= 1, (
            f"grafiek {i + 1} op {path} is niet getekend"
        )
        assert chart.locator("figcaption").inner_text().strip(), "grafiek zonder tekstalternatief"


def effect_shown(page) -> float:
    return page.evaluate(
        """() => document.querySelector('#effect-k-maal-a .leerlab-vis')
              .__leerlabView.data('data_0')[0].effect"""
    )


def bar_width(page) -> float:
    return page.evaluate(
        """() => document.querySelector('#effect-k-maal-a .leerlab-vis svg .mark-rect path')
              .getBBox().width"""
    )


def test_slider_changes_chart_and_matches_python(open_page) -> None:
    page = open_page("chapters/01b-overheid.html").page  # E = K x A moved there (issue 18)
    assert effect_shown(page) == effect(8, 3)
    before = bar_width(page)
    slider = page.get_by_label("Acceptatie (A)")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # keyboard only: 3 → 7
    page.wait_for_function(
        "() => document.querySelector('#effect-k-maal-a .leerlab-vis')"
        ".__leerlabView.data('data_0')[0].effect !== 24"
    )
    assert effect_shown(page) == effect(8, 7)
    assert bar_width(page) > before
