"""No-install fallbacks: the book page that combines exported files, and the paper test.

The page's script must give exactly what Python gives for the same files: the profile
JSON (same numbers as `leerlab ladder groep` and the live app), the sentence in words,
the table cells and the list of skipped files.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from leerlab.errors import LeerlabFout
from leerlab.live.paginas import profiel_html
from leerlab.live.papier import drempels
from leerlab.models.ladder import (
    groepsprofiel,
    laad_trap,
    lees_resultaten,
    naar_csv,
    naar_json,
    score,
)
from leerlab.views.ladder_charts import groep_beschrijving

PAGE = "book/sessies/live.html"


def random_group(rng: random.Random, folder: Path, number: int) -> list[Path]:
    """Exports as readers make them (JSON, CSV, one JSON list, a semicolon CSV), some bad."""
    trap = laad_trap()
    size = rng.choice([2, 3, 4, 5, 7, 12, 30])
    situations = ["Buurthuis De Linde", "buurthuis de linde ", "Wijkteam Noord"]
    paths: list[Path] = []
    bundle: list[dict] = []
    for i in range(size):
        perspectief = rng.choice(["professional", "bewoner", "bewoner"])
        empty = rng.random() < 0.15
        answers = {
            item.id: (None if rng.random() < (0.6 if empty else 0.1) else rng.randint(0, 4))
            for item in trap.items_van(perspectief)
        }
        situatie = rng.choice(situations[:2] if rng.random() < 0.8 else situations)
        kind = rng.choice(["json", "csv", "bundle", "semicolon"])
        stem = folder / f"g{number}-{i:02d}"
        if kind == "json":
            paths.append(stem.with_suffix(".json"))
            paths[-1].write_text(naar_json(situatie, perspectief, answers), encoding="utf-8")
        elif kind == "csv":
            paths.append(stem.with_suffix(".csv"))
            paths[-1].write_text(naar_csv(situatie, perspectief, answers), encoding="utf-8")
        elif kind == "semicolon":
            paths.append(stem.with_suffix(".csv"))
            text = naar_csv(situatie, perspectief, answers).replace(",", ";")
            paths[-1].write_text("\ufeff" + text, encoding="utf-8")
        else:
            bundle.append(json.loads(naar_json(situatie, perspectief, answers)))
    if bundle:
        paths.append(folder / f"g{number}-bundel.json")
        paths[-1].write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    if rng.random() < 0.4:
        bad = rng.choice(
            [
                (
                    '{"formaat": "leerlab-trap-1", "situatie": "x", "perspectief": "wethouder",'
                    ' "antwoorden": {}}',
                    "json",
                ),
                ('{"situatie": "x", "perspectief": "bewoner", "antwoorden": {"b1a": 7}}', "json"),
                ("{niet af", "json"),
                ("naam,leeftijd\nPiet,40\n", "csv"),
                ("perspectief,situatie,p1a\nbewoner,x,3\n", "csv"),
                ("hallo", "txt"),
            ]
        )
        paths.append(folder / f"g{number}-fout.{bad[1]}")
        paths[-1].write_text(bad[0], encoding="utf-8")
    rng.shuffle(paths)
    return paths


def cells(fragment: str) -> list[list[str]]:
    soup = BeautifulSoup(fragment, "html.parser")
    return [
        [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
        for table in soup.find_all("table")
        for row in table.find_all("tr")
    ]


def python_view(paths: list[Path]) -> dict:
    read = lees_resultaten(paths)
    out: dict = {"problemen": len(read.problemen)}
    try:
        profiel = groepsprofiel(read.resultaten)
    except LeerlabFout as fout:
        return out | {"profiel": None, "melding": str(fout), "cellen": []}
    summary = profiel.samenvatting()
    text = groep_beschrijving(profiel)
    html = profiel_html({"profiel": summary, "beschrijving": text})
    return out | {"profiel": summary, "melding": text, "cellen": cells(html)}


@pytest.mark.browser
@pytest.mark.slow
def test_browser_profile_equals_python(open_page, tmp_path: Path) -> None:
    visit = open_page(PAGE)
    page = visit.page
    root = page.locator("[data-leerlab-script='groep']")
    assert root.locator(".groep-melding").inner_text() == "Nog geen bestanden gekozen."
    rng = random.Random(20261201)
    seen_hidden = seen_gap = seen_short = False
    for number in range(30):
        paths = random_group(rng, tmp_path, number)
        expected = python_view(paths)
        before = root.get_attribute("data-klaar") or "0"
        page.set_input_files("#groep-bestanden", [str(p) for p in paths])
        page.wait_for_function(
            "(b) => document.querySelector(\"[data-leerlab-script='groep']\").dataset.klaar !== b",
            arg=before,
        )
        shown = page.evaluate(
            "() => document.querySelector(\"[data-leerlab-script='groep']\").__leerlabGroep"
        )
        assert shown == expected["profiel"], paths
        assert root.locator(".groep-melding").inner_text() == expected["melding"]
        assert cells(root.locator(".groep-tabellen").inner_html()) == expected["cellen"]
        assert root.locator(".groep-problemen li").count() == expected["problemen"]
        if expected["profiel"]:
            seen_hidden |= bool(expected["profiel"]["niet_apart_getoond"])
            seen_gap |= expected["profiel"]["verschil_per_trede"] is not None
        else:
            seen_short = True
    assert seen_hidden and seen_gap and seen_short  # every branch was compared
    assert visit.blocked == [] and visit.page_errors == [] and visit.console_errors == []


@pytest.mark.browser
def test_download_is_the_profile_json(open_page, tmp_path: Path) -> None:
    page = open_page(PAGE).page
    paths = []
    for i, value in enumerate([3, 4, 2, 1]):
        ids = [item.id for item in laad_trap().items_van("bewoner")]
        path = tmp_path / f"d{i}.json"
        path.write_text(naar_json("Buurthuis", "bewoner", dict.fromkeys(ids, value)))
        paths.append(str(path))
    page.set_input_files("#groep-bestanden", paths)
    button = page.get_by_role("button", name="Download als JSON")
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert json.loads(saved) == python_view([Path(p) for p in paths])["profiel"]


def test_paper_rule_equals_the_scoring_rule() -> None:
    """The sums printed on the paper test give the same status as score() for every case."""
    trap = laad_trap()
    reached2, partly2 = drempels(2)
    reached1, partly1 = drempels(1)
    items = trap.items_van("bewoner")
    first, second = [i.id for i in items if i.trede == 1]
    for a, b in itertools.product([None, 0, 1, 2, 3, 4], repeat=2):
        answers = {i.id: 4 for i in items} | {first: a, second: b}
        status = score(answers, "bewoner").status[1]
        given = [v for v in (a, b) if v is not None]
        if not given:
            paper = "onbekend"
        else:
            reached, partly = (reached2, partly2) if len(given) == 2 else (reached1, partly1)
            total = sum(given)
            paper = "bereikt" if total >= reached else "deels" if total >= partly else "niet"
        assert status.replace("positie", "bereikt") == paper, (a, b)


@pytest.mark.build
def test_paper_page_has_every_item(site: Path) -> None:
    text = BeautifulSoup((site / "book/sessies/papier.html").read_text(), "html.parser").get_text()
    for item in laad_trap().items:
        assert item.tekst in text
    assert "vanaf 6 punten" in text and "minstens 3 streepjes" in text
