"""The facilitator kit: briefing data, numbers from the model, the built page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leerlab.live.kitpagina import boog_html, briefing_html, evaluatie_html, getallen_lezen
from leerlab.models.kit import briefings


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
