"""Unit tests for the figures of chapters 6-8: hand-checked values from the sources."""

from __future__ import annotations

import pytest

from leerlab.errors import InvoerFout
from leerlab.views.figuren.h06 import (
    MODELLEN,
    bekostiging_figuur,
    budget_per_model,
    budget_populatie,
    budget_pxq,
    budget_tabel,
    euro_tekst,
)
from leerlab.views.figuren.h07 import (
    BOUWSTENEN,
    GEMEENTEN,
    bouwstenen_figuur,
    bouwstenen_tabel,
    gemeenten_zonder_bouwsteen,
)

# --- chapter 6 -------------------------------------------------------------------------


def test_pxq_is_price_times_quantity() -> None:
    assert budget_pxq(2_000, 35) == 70_000
    assert budget_pxq(2_000, 0) == 0


def test_population_budget_ignores_use() -> None:
    low = budget_per_model(0, per_inwoner=15, inwoners=10_000)
    high = budget_per_model(500, per_inwoner=15, inwoners=10_000)
    assert low[MODELLEN[2]] == high[MODELLEN[2]] == budget_populatie(15, 10_000) == 150_000


def test_only_pxq_grows_with_production() -> None:
    table = budget_tabel(max_trajecten=100, stap=50)
    per_model = table.groupby("model")["budget"].agg(["min", "max"])
    assert per_model.loc[MODELLEN[0], "max"] > per_model.loc[MODELLEN[0], "min"]
    for flat in MODELLEN[1:]:
        assert per_model.loc[flat, "max"] == per_model.loc[flat, "min"]


def test_negative_quantity_is_a_dutch_error() -> None:
    with pytest.raises(InvoerFout, match="negatief"):
        budget_per_model(-1)


def test_euro_text_uses_dutch_separators() -> None:
    assert euro_tekst(400_000) == "400.000"


def test_h06_figure_says_amounts_are_invented() -> None:
    figuur = bekostiging_figuur()
    assert "verzonnen" in figuur.beschrijving
    assert "400.000 euro" in figuur.beschrijving
    assert figuur.spec()["description"] == figuur.beschrijving


# --- chapter 7 -------------------------------------------------------------------------


def test_ten_municipalities_seven_building_blocks() -> None:
    assert len(GEMEENTEN) == 10
    assert len(BOUWSTENEN) == 7
    assert BOUWSTENEN[3] == ("Financiering", "Utrecht")
    assert BOUWSTENEN[7][1] == "Haarlemmermeer"


def test_grid_marks_exactly_the_source_examples() -> None:
    table = bouwstenen_tabel()
    assert len(table) == 70
    examples = table[table["voorbeeld"]]
    assert len(examples) == 7
    assert (examples["gemeente"] == "Zoetermeer").sum() == 2


def test_four_municipalities_without_example() -> None:
    assert gemeenten_zonder_bouwsteen() == ["Apeldoorn", "Assen", "Haarlem", "Zwolle"]
    assert "Apeldoorn, Assen, Haarlem en Zwolle" in bouwstenen_figuur().beschrijving


# --- chapter 8 -------------------------------------------------------------------------


def test_timeline_is_in_time_order_with_source_dates() -> None:
    from leerlab.views.figuren.h08 import BRONNEN, TIJDLIJN, tijdlijn_tabel

    jaren = [g.jaar for g in TIJDLIJN]
    assert jaren == sorted(jaren)
    assert {g.bron for g in TIJDLIJN} == set(BRONNEN)
    wanneer = {g.wanneer for g in TIJDLIJN}
    assert {"2011", "medio 2015", "28 januari 2021"} <= wanneer
    assert len(tijdlijn_tabel()) == len(TIJDLIJN)


def test_timeline_text_alternative_names_every_event() -> None:
    from leerlab.views.figuren.h08 import TIJDLIJN, tijdlijn_figuur

    tekst = tijdlijn_figuur().beschrijving
    for g in TIJDLIJN:
        assert g.wat in tekst
