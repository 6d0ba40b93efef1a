"""The calculator in the built book: parity with the Python model, no NaN, fast redraw."""

from __future__ import annotations

import pytest

from leerlab.models import bekostiging as bk
from leerlab.views.bekostiging_charts import STANDAARD_JAREN, slider_parameters

PAGE = "chapters/06a-rekenmodellen.html"
VIS = "#rekenmodel-bekostiging .leerlab-vis"

#: Finds the computed dataset that has all the given fields (Vega names them data_N).
JS_DATA = """(velden) => {
  const view = document.querySelector('VIS').__leerlabView;
  for (const naam of Object.keys(view._runtime.data)) {
    let rijen;
    try { rijen = view.data(naam); } catch (e) { continue; }
    if (rijen.length && velden.every(v => v in rijen[0])) {
      return rijen.map(r => Object.fromEntries(velden.map(v => [v, r[v]])));
    }
  }
  return null;
}""".replace("VIS", VIS)

#: Sets sliders the way a reader does (input events), then waits for the redraw.
JS_ZET = """async (waarden) => {
  const view = document.querySelector('VIS').__leerlabView;
  const start = performance.now();
  for (const [naam, waarde] of Object.entries(waarden)) {
    const el = document.querySelector('#rekenmodel-bekostiging [name="' + naam + '"]');
    el.value = String(waarde);
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
  }
  await view.runAsync();
  const berekend = performance.now();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return {rekenen: berekend - start, getekend: performance.now() - start};
}""".replace("VIS", VIS)

INVOERSETS = [
    {},
    {"groei": -10, "preventie_aandeel": 0, "contractduur": 1, "jaren": 15},
    {"groei": 10, "preventie_aandeel": 50, "aanloopjaren": 1, "contractduur": 15, "jaren": 3},
    {
        "prijs_per_uur": 40,
        "kostprijs_per_uur": 120,
        "uitkomstbonus": 5000,
        "dubbel_werk": 30,
        "aanbieders": 1,
        "preventie_investering": 500000,
        "aanloopjaren": 10,
        "jaren": 1,
    },
    {
        "prijs_per_uur": 120,
        "kostprijs_per_uur": 40,
        "groei": 7,
        "contractduur": 4,
        "preventie_investering": 0,
        "aanbieders": 300,
        "jaren": 12,
    },
]


def _python(zet: dict[str, float]) -> tuple[bk.Vergelijking, int]:
    jaren = int(zet.get("jaren", STANDAARD_JAREN))
    invoer = bk.standaard_invoer(**{k: v for k, v in zet.items() if k != "jaren"})
    return bk.vergelijk(invoer, jaren), jaren


@pytest.fixture
def rekenhulp(open_page):  # type: ignore[no-untyped-def]
    visit = open_page(PAGE)
    visit.page.wait_for_function(f"document.querySelector('{VIS}').dataset.ready === '1'")
    return visit


@pytest.mark.browser
def test_page_has_all_sliders_labelled(rekenhulp) -> None:  # type: ignore[no-untyped-def]
    page = rekenhulp.page
    for naam, spec in slider_parameters().items():
        slider = page.locator(f'#rekenmodel-bekostiging input[name="{naam}"]')
        assert slider.count() == 1, naam
        assert slider.get_attribute("min") == f"{spec.slider_min:g}"
        assert slider.get_attribute("max") == f"{spec.slider_max:g}"
        label = page.locator(f'#rekenmodel-bekostiging label:has(input[name="{naam}"])')
        assert spec.label in label.inner_text()
    assert not rekenhulp.page_errors and not rekenhulp.blocked


@pytest.mark.browser
@pytest.mark.parametrize("zet", INVOERSETS, ids=lambda z: ",".join(z) or "standaard")
def test_browser_figures_equal_python(rekenhulp, zet: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    page = rekenhulp.page
    for toon in ("gemeente_kosten", "marge", "handelingen"):
        page.evaluate(JS_ZET, {**zet, "toon": toon})
        verwacht, jaren = _python(zet)
        totalen = page.evaluate(JS_DATA, ["model", "totaal"])
        assert {r["model"] for r in totalen} == set(bk.MODELLEN)
        for r in totalen:
            python = sum(j[toon] for j in verwacht.reeksen[r["model"]])
            assert r["totaal"] == pytest.approx(python, rel=1e-9, abs=1e-6), (toon, r)
        lijnen = page.evaluate(JS_DATA, ["model", "jaar", "opgeteld"])
        assert len(lijnen) == len(bk.MODELLEN) * jaren
    prikkels = page.evaluate(JS_DATA, ["model", "prikkel", "prikkelwaarde"])
    for r in prikkels:
        key = "marge_extra_uur" if r["prikkel"] == "uur" else "marge_voorkomen_geval"
        assert r["prikkelwaarde"] == pytest.approx(verwacht.reeksen[r["model"]][0][key])
    jaren_tekst = page.evaluate(JS_DATA, ["model", "wie", "tekst"])
    assert len(jaren_tekst) == 3 * len(bk.MODELLEN)
    for r in jaren_tekst:
        s = verwacht.samenvatting[r["model"]]
        if r["wie"] == "pxq":
            python = "—" if r["model"] == "pxq" else bk.jaar_tekst(s.goedkoper_dan_pxq_vanaf)
        else:
            python = bk.jaar_tekst(getattr(s, f"terugverdiend_{r['wie']}"))
        assert r["tekst"] == python, r
    tekst = page.locator(VIS).inner_text() + page.locator(f"{VIS} svg").inner_html()
    assert "NaN" not in tekst and "Infinity" not in tekst


@pytest.mark.browser
def test_slider_change_redraws_within_100_ms(rekenhulp) -> None:  # type: ignore[no-untyped-def]
    page = rekenhulp.page
    page.evaluate(JS_ZET, {"groei": 4})  # warm up
    metingen = [page.evaluate(JS_ZET, {"groei": g}) for g in (5, -3, 8, 0, 2, 9, 1)]
    rekenen = sorted(m["rekenen"] for m in metingen)
    getekend = sorted(m["getekend"] for m in metingen)
    mediaan = rekenen[len(rekenen) // 2]
    print(
        f"\nSchuifje tot view.runAsync klaar: mediaan {mediaan:.1f} ms, max {rekenen[-1]:.1f} ms;"
        f" tot het volgende beeld: mediaan {getekend[len(getekend) // 2]:.1f} ms"
    )
    assert mediaan < 100
