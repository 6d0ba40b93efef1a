"""The facilitator kit: briefing data, numbers from the model, the built page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from leerlab.live.kitpagina import (
    boog_html,
    briefing_html,
    evaluatie_html,
    gebruikt_trap,
    gemengd_html,
    getallen_lezen,
)
from leerlab.live.printbaar import kaarten_html, poster_html
from leerlab.models.kit import Advies, briefings, gemengde_groep, kaarten
from leerlab.models.ladder import laad_trap


def test_briefing_for_session_three_is_complete() -> None:
    b = briefings()[3]
    assert len(b.kernideeen) >= 3 and b.verwachte_antwoorden and len(b.valkuilen) >= 3
    assert {v.document for v in b.verwijzingen} == {"siegers-tijdperk"}


def test_reading_the_numbers_follows_the_model() -> None:
    text = " ".join(getallen_lezen())
    # 0.75 and 0.5 in leerlab.models.ladder, and MIN_GROEP 3.
    assert "bereikt vanaf 75%" in text and "deels bereikt vanaf 50%" in text
    assert "minder dan 3 mensen" in text


def test_arc_lists_the_eight_sessions() -> None:
    soup = BeautifulSoup(boog_html(), "html.parser")
    links = [a["href"] for a in soup.find_all("a")]
    assert links == [f"sessie-{n:02d}.html" for n in range(1, 9)]
    assert "Een volgende stap per positie" in briefing_html(3)
    assert evaluatie_html().count("<tr>") == 6


@pytest.mark.build
def test_kit_page_is_built(site: Path) -> None:
    page = site / "book/sessies/begeleiderskit.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    for idea in briefings()[3].kernideeen:
        assert " ".join(idea.split()[:6]) in " ".join(text.split())
    for n in range(1, 9):
        assert (site / f"book/sessies/sessie-{n:02d}.html").is_file()


def test_every_session_has_a_briefing_with_references() -> None:
    found = briefings()
    assert sorted(found) == list(range(1, 9))
    for n, b in found.items():
        assert b.verwijzingen and set(b.bronnen) == {v.document for v in b.verwijzingen}, n


def test_numbers_section_follows_the_tool_of_the_plan() -> None:
    # Sessions 3, 4, 7 and 8 use the ladder pages; 1 and 6 explain their own tool; 2 and 5
    # use no numbers at all.
    assert [n for n in range(1, 9) if gebruikt_trap(n)] == [3, 4, 7, 8]
    assert "Een volgende stap per positie" not in briefing_html(6)
    assert "Terugverdiend" in briefing_html(6) and "helft" in briefing_html(6)
    assert "geen getallen" in briefing_html(2) and "geen getallen" in briefing_html(5)
    soup = BeautifulSoup(briefing_html(1, niveau=4), "html.parser")
    assert [h.name for h in soup.find_all(["h3", "h4"])] == ["h4"] * 5


def test_mixed_group_guidance_marks_what_is_advice() -> None:
    advice = gemengde_groep()
    assert {a.herkomst for a in advice} == {"bron", "advies"}
    text = gemengd_html()
    assert text.count("Advies van Leerlab") == sum(a.herkomst == "advies" for a in advice)
    assert text.count("Uit de bronnen") == sum(a.herkomst == "bron" for a in advice)
    with pytest.raises(ValidationError):
        Advies(kop="Iets", tekst="Een bewering zonder bron erbij.", herkomst="bron")
    with pytest.raises(ValidationError):
        Advies(
            kop="Iets",
            tekst="Eigen advies dat toch een bron noemt.",
            herkomst="advies",
            bronnen=["rmo2014"],
            verwijzingen=[{"document": "rmo2014", "regels": "1"}],
        )


def test_route_cards_hold_three_steps_per_route() -> None:
    cards = kaarten("route")
    routes = [k.label.split(" · ")[0] for k in cards]
    assert routes == ["Oude route"] * 3 + ["Doodlopende route"] * 3 + ["Nieuwe Route"] * 3
    assert len(kaarten("frictie")) == 3
    soup = BeautifulSoup(kaarten_html("frictie"), "html.parser")
    assert (
        len(soup.select("li.leerlab-kaart")) == 3 and len(soup.select(".leerlab-kaart-vraag")) == 3
    )
    with pytest.raises(ValueError, match="geen kaarten"):
        kaarten_html("onbekend")


def test_poster_is_drawn_from_the_ladder_model() -> None:
    trap = laad_trap()
    soup = BeautifulSoup(poster_html(), "html.parser")
    rungs = soup.select("li.leerlab-poster-trede")
    assert [int(li["value"]) for li in rungs] == [5, 4, 3, 2, 1]
    html_text = poster_html()
    assert html_text.count("<span") == html_text.count("</span>")
    numbers = [li.select_one(".leerlab-poster-nummer").get_text() for li in rungs]
    assert numbers == [f"Trede {n}" for n in (5, 4, 3, 2, 1)]
    for li in rungs:
        trede = trap.trede(int(li["value"]))
        text = " ".join(li.get_text(" ").split())
        assert trede.systeemwereld in text and trede.leefwereld in text
        assert trap.effect_bij(trede.nummer).naam in text


@pytest.mark.build
def test_printables_page_is_built(site: Path) -> None:
    page = site / "book/sessies/printbaar.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("li.leerlab-kaart")) == 12
    assert len(soup.select("li.leerlab-poster-trede")) == 5
    css = (site / "_static/print.css").read_text(encoding="utf-8")
    assert "size: A3" in css and "page: poster" in css
