"""The simulator in the built book: parity with Python, the address round trip, keyboard, errors."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from leerlab.models import bekostiging as bk
from leerlab.views import bekostiging_pagina as pagina

PAGE = "chapters/06a-rekenmodellen.html"
ROOT = "#bekostiging-simulator"

#: Sets inputs the way a reader does (input events on the fields), then waits for the redraw.
JS_ZET = """async (waarden) => {
  const root = document.querySelector('ROOT');
  const start = performance.now();
  const voor = Number(root.dataset.versie || 0);
  for (const [naam, waarde] of Object.entries(waarden)) {
    const el = root.querySelector('[name="' + naam + '"]');
    el.value = String(waarde);
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
  }
  while (Number(root.dataset.versie) < voor + Object.keys(waarden).length) {
    await new Promise(r => setTimeout(r, 1));
  }
  const berekend = performance.now();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return {rekenen: berekend - start, getekend: performance.now() - start};
}""".replace("ROOT", ROOT)

JS_STAAT = f"() => JSON.parse(JSON.stringify(document.querySelector('{ROOT}').__bkState))"
JS_KLAAR = f"document.querySelector('{ROOT}').dataset.ready === '1'"


def willekeurig(seed: int) -> dict[str, float]:
    """A random but allowed input set (realistic magnitudes)."""
    rng = random.Random(seed)
    uit: dict[str, float] = {}
    for naam, spec in bk.parameters().items():
        hoog = min(spec.max, spec.min + 1e6) if naam != "jaren" else 15
        if spec.geheel == "ja":
            uit[naam] = float(rng.randint(int(spec.min), int(hoog)))
        else:
            uit[naam] = round(rng.uniform(spec.min, hoog), 2)
    return uit


def vergelijk_getallen(js: Any, py: Any, pad: str = "") -> int:
    """Assert every number equal (rel ≤ 1e-9); returns how many numbers were compared."""
    if isinstance(py, dict):
        assert set(js) == set(py), (pad, set(js) ^ set(py))
        return sum(vergelijk_getallen(js[k], py[k], f"{pad}.{k}") for k in py)
    if isinstance(py, list):
        assert len(js) == len(py), pad
        return sum(
            vergelijk_getallen(a, b, f"{pad}[{i}]")
            for i, (a, b) in enumerate(zip(js, py, strict=True))
        )
    if py is None or isinstance(py, str):
        assert js == py, pad
        return 1
    # rel ≤ 1e-9; near zero (differences of large sums) within a tenth of a cent.
    assert math.isclose(js, py, rel_tol=1e-9, abs_tol=1e-3), (pad, js, py)
    return 1


def controleer_pagina(page: Any, p: bk.Invoer) -> None:
    """Everything the page shows equals Python: model figures, tables and the text."""
    staat = page.evaluate(JS_STAAT)
    assert staat["invoer"] == p.als_dict()
    v = bk.vergelijk(p)
    n = vergelijk_getallen(staat["vergelijking"], bk.vergelijking_als_dict(v))
    assert n > 100
    assert staat["tekst"] == pagina.tekst_alternatief(v)
    assert page.locator("#bk-tekst").inner_text() == pagina.tekst_alternatief(v)
    for tbody, rijen in (
        ("#bk-totalen", pagina.totaal_rijen(v)),
        ("#bk-preventie", pagina.preventie_rijen(v)),
    ):
        cellen = page.eval_on_selector_all(
            f"{tbody} tr", "rs => rs.map(r => [...r.children].map(c => c.textContent))"
        )
        assert cellen == rijen, tbody
    # The chart data are the same series: the chosen output per model and year (or its sum).
    toon = page.input_value("#bk-toon")
    opgeteld = page.is_checked("#bk-opgeteld") and toon != "preventie_effect"
    reeks = {(r["model"], r["jaar"]): r["waarde"] for r in staat["reeks"]}
    for m in bk.MODEL_IDS:
        som = 0.0
        for j, rij in enumerate(v.reeksen[m], start=1):
            som += rij[toon]
            verwacht = som if opgeteld else rij[toon]
            assert math.isclose(reeks[(m, j)], verwacht, rel_tol=1e-9, abs_tol=1e-6), (m, j)
    # The domain chart: spending and Rijksbijdrage per domain for the chosen model.
    gekozen = page.input_value("#bk-domeinmodel")
    domeinen = {(r["domein"], r["soort"]): r["bedrag"] for r in staat["domeinen"]}
    for d, naam in bk.DOMEIN_NAMEN.items():
        uitgaven = sum(r[f"betaling_{d}"] for r in v.reeksen[gekozen])
        rijk = sum(r[f"rijksbijdrage_{d}"] for r in v.reeksen[gekozen])
        assert math.isclose(
            domeinen[(naam, "Uitgaven gemeente")], uitgaven, rel_tol=1e-9, abs_tol=1e-3
        )
        assert math.isclose(domeinen[(naam, "Rijksbijdrage")], rijk, rel_tol=1e-9, abs_tol=1e-3)
    svg = page.locator(f"{ROOT} .bk-vis").all_inner_texts()
    assert not any("NaN" in t or "Infinity" in t for t in svg)


@pytest.fixture
def simulator(open_page):  # type: ignore[no-untyped-def]
    visit = open_page(PAGE)
    visit.page.wait_for_function(JS_KLAAR)
    return visit


@pytest.mark.browser
def test_every_preset_equals_python(simulator) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    for sid in bk.scenarios():
        page.select_option("#bk-preset", sid)
        page.wait_for_function(f"document.querySelector('{ROOT}').__bkState.scenario === '{sid}'")
        controleer_pagina(page, bk.preset(sid))
        herkomst = bk.herkomst(sid)["contractduur"]
        tekst = page.locator('[data-herkomst="contractduur"]').inner_text()
        assert pagina.herkomst_tekst(herkomst) in tekst
    assert not simulator.page_errors and not simulator.blocked


@pytest.mark.browser
def test_random_inputs_equal_python(simulator) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    for seed in range(20):
        waarden = willekeurig(seed)
        page.evaluate(JS_ZET, waarden)
        controleer_pagina(page, bk.preset(**waarden))
    assert not simulator.page_errors


@pytest.mark.browser
def test_address_round_trips_the_state(simulator, open_page) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    page.select_option("#bk-preset", "lab-advies")
    page.evaluate(JS_ZET, {"groei_wmo": 4.5, "reactie": 80, "herijking": 0})
    page.select_option("#bk-toon", "onvervuld")
    link = page.input_value("#bk-link")
    assert "scenario=lab-advies" in link and "groei_wmo=4.5" in link
    voor = page.evaluate(JS_STAAT)
    tweede = open_page(PAGE + "#" + link.split("#", 1)[1])
    tweede.page.wait_for_function(JS_KLAAR)
    na = tweede.page.evaluate(JS_STAAT)
    assert na["invoer"] == voor["invoer"] and na["scenario"] == "lab-advies"
    assert na["tekst"] == voor["tekst"]
    assert tweede.page.input_value("#bk-toon") == "onvervuld"
    controleer_pagina(tweede.page, bk.preset("lab-advies", groei_wmo=4.5, reactie=80, herijking=0))


@pytest.mark.browser
def test_bad_values_in_the_address_and_fields_change_nothing(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(PAGE + "#scenario=standaard&jaren=99&hack=1&contractduur=7")
    page = visit.page
    page.wait_for_function(JS_KLAAR)
    melding = page.inner_text("#bk-melding")
    assert "Aantal jaren (jaren)" in melding and "Onbekende invoer 'hack'" in melding
    controleer_pagina(page, bk.preset(contractduur=7))
    voor = page.evaluate(JS_STAAT)
    page.evaluate(
        "() => { const el = document.getElementById('bk-inwoners'); el.value = '12,5e';"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    assert page.get_attribute("#bk-inwoners", "aria-invalid") == "true"
    assert "Inwoners (inwoners) moet" in (page.text_content("#bk-inwoners-fout") or "")
    assert page.evaluate(JS_STAAT)["invoer"] == voor["invoer"]
    # A hostile scenario file: one Dutch message, nothing changes.
    for bestand in ("[1, 2]", json.dumps({"jaren": 3, "prijs_jeugd": -5}), "{kapot"):
        assert (
            page.evaluate(f"document.querySelector('{ROOT}').__bkLaad({json.dumps(bestand)})")
            is False
        )
        assert "Er is niets veranderd" in page.inner_text("#bk-melding")
        assert page.evaluate(JS_STAAT)["invoer"] == voor["invoer"]
    goed = bk.scenario_json(bk.preset("haarlemmermeer", jaren=6), "haarlemmermeer")
    assert page.evaluate(f"document.querySelector('{ROOT}').__bkLaad({json.dumps(goed)})") is True
    page.wait_for_function(
        f"document.querySelector('{ROOT}').__bkState.scenario === 'haarlemmermeer'"
    )
    controleer_pagina(page, bk.preset("haarlemmermeer", jaren=6))
    assert not visit.page_errors


@pytest.mark.browser
def test_download_gives_the_scenario_file_python_reads(simulator) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    page.select_option("#bk-preset", "korte-contracten")
    page.evaluate(JS_ZET, {"schok_jeugd": 12, "ontschotting": 40})
    with page.expect_download() as download:
        page.click("#bk-download")
    inhoud = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert inhoud["scenario"] == "korte-contracten"
    assert bk.invoer_uit_dict(inhoud) == bk.preset(
        "korte-contracten", schok_jeugd=12, ontschotting=40
    )


@pytest.mark.browser
def test_keyboard_only(simulator) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    page.focus("#bk-preset")
    page.keyboard.press("ArrowDown")  # next preset
    page.wait_for_function(f"document.querySelector('{ROOT}').__bkState.scenario !== 'standaard'")
    schuif = page.locator('.bk-schuif[data-voor="contractduur"]')
    schuif.focus()
    voor = page.evaluate(JS_STAAT)["invoer"]["contractduur"]
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"document.querySelector('{ROOT}').__bkState.invoer.contractduur === {voor + 1}"
    )
    assert page.input_value("#bk-contractduur") == f"{voor + 1:g}"
    page.keyboard.press("Tab")  # to the number field beside the slider
    assert page.evaluate("document.activeElement.id") == "bk-contractduur"
    staat = page.evaluate(JS_STAAT)
    controleer_pagina(page, bk.preset(staat["scenario"], contractduur=voor + 1))


@pytest.mark.browser
def test_phone_width_has_no_horizontal_scroll(open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(PAGE)
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    page.wait_for_function(JS_KLAAR)
    breedte = page.evaluate(f"document.querySelector('{ROOT}').scrollWidth")
    ruimte = page.evaluate(f"document.querySelector('{ROOT}').clientWidth")
    assert breedte <= ruimte + 1


@pytest.mark.browser
def test_input_to_painted_frame(simulator) -> None:  # type: ignore[no-untyped-def]
    page = simulator.page
    page.evaluate(JS_ZET, {"groei_jeugd": 4})
    tijden = sorted(
        page.evaluate(JS_ZET, {"groei_jeugd": g % 21 - 10})["getekend"] for g in range(20)
    )
    p95 = tijden[int(0.95 * (len(tijden) - 1))]
    print(
        f"\ninvoer tot getekend beeld: mediaan {tijden[len(tijden) // 2]:.1f} ms, p95 {p95:.1f} ms"
    )
    # The goal (50 ms) is measured by bench/bekostiging.py; on a loaded CI machine this only
    # guards against a pathological regression.
    assert p95 < 1000
