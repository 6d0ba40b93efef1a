"""Unit tests for the chapter 4 and 5 figures: hand-checked facts from the sources."""

from __future__ import annotations

import json

import pytest

from leerlab.errors import InvoerFout
from leerlab.views.figuren.h04 import beslist_mee, betrokken, route_tabel, routes_figuur
from leerlab.views.figuren.h05 import (
    LABELS,
    categorie_figuur,
    misser_aantal,
    telling,
    uitkomst,
)


def test_only_new_route_lets_environment_decide() -> None:
    assert beslist_mee("Oude route") == ["Hulpverlening"]
    assert beslist_mee("Doodlopende route") == ["Hulpverlening", "Zorgvrager"]
    assert beslist_mee("Nieuwe Route") == ["Hulpverlening", "Zorgvrager", "Omgeving"]


def test_dead_end_route_uses_environment_as_executor() -> None:
    assert betrokken("Oude route", "Plan uitvoeren", "Omgeving") == "nee"
    assert betrokken("Doodlopende route", "Plan uitvoeren", "Omgeving") == "ja"
    assert betrokken("Nieuwe Route", "Plan uitvoeren", "Hulpverlening") == "waar nodig"


def test_unknown_route_is_named_in_error() -> None:
    with pytest.raises(KeyError, match="Snelle route"):
        betrokken("Snelle route", "Plan maken", "Omgeving")


def test_routes_chart_has_table_and_text_alternative() -> None:
    assert len(route_tabel()) == 3 * 2 * 3
    figuur = routes_figuur()
    spec = json.dumps(figuur.spec(), ensure_ascii=False)
    assert "facet" in spec and "Doodlopende route" in spec
    assert "Alleen in de Nieuwe Route" in figuur.beschrijving
    assert 'id="h04-drie-routes"' in figuur.html()


def test_outcome_codes_by_hand() -> None:
    # score 3, network 0: needs help but a threshold of 5 keeps them out -> code 1
    assert uitkomst(3, 0, 5) == 1
    # score 9, network 8: the network carries it, yet the rule gives help -> code 2
    assert uitkomst(9, 8, 5) == 2
    assert uitkomst(7, 2, 5) == 3
    assert uitkomst(1, 0, 5) == 0


def test_counts_at_threshold_five() -> None:
    t = telling(5)
    assert t == {LABELS[0]: 8, LABELS[1]: 2, LABELS[2]: 3, LABELS[3]: 8}
    assert misser_aantal(5) == 5
    assert min(misser_aantal(d) for d in range(11)) > 0


def test_in_page_formula_matches_python() -> None:
    spec = categorie_figuur().spec()
    formule = spec["layer"][0]["transform"][0]["calculate"]
    assert (
        formule == "(((datum.score >= drempel) * 2) + (((datum.score - datum.netwerk) >= 2) * 1))"
    )
    assert spec["params"][0]["name"] == "drempel"


def test_threshold_out_of_range_gives_dutch_error() -> None:
    with pytest.raises(InvoerFout, match="tussen 0 en 10"):
        telling(11)


@pytest.mark.browser
def test_slider_in_book_matches_python_model(open_page) -> None:
    """The in-page outcome per person equals the Python formula for several thresholds."""
    visit = open_page("chapters/05a-regels-en-verandering.html")
    page = visit.page
    slider = page.locator("#h05-categorie-regel input[type=range]")
    assert slider.count() == 1
    for drempel in (0, 3, 5, 8, 10):
        slider.fill(str(drempel))
        rows = page.evaluate(
            "async () => { const v = document.getElementById('h05-categorie-regel-vis')"
            ".__leerlabView; await v.runAsync(); return v.data('data_0'); }"
        )
        assert len(rows) == 21
        for row in rows:
            assert row["uitkomst"] == uitkomst(row["score"], row["netwerk"], drempel), row
        counts = [sum(1 for r in rows if r["uitkomst"] == code) for code in range(4)]
        assert counts == [telling(drempel)[label] for label in LABELS]
    assert not visit.page_errors and not visit.console_errors
