"""Benchmark of the funding simulator, printed as ratios to the goals of issue 12.

* Python: one full comparison (five models, three domains, ten years, each also without
  prevention and at half the effect): median and p95 over 200 runs. Goal: p95 < 5 ms.
* Browser: from an input event to the next painted frame, p95 over 50 changes. Goal: ≤ 50 ms.

Run: .venv/bin/python bench/bekostiging.py   (the browser part needs the built book and chromium)
"""

from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from leerlab.models import bekostiging as bk  # noqa: E402

DOEL_PYTHON_MS = 5.0
DOEL_BROWSER_MS = 50.0


def p95(tijden: list[float]) -> float:
    geordend = sorted(tijden)
    return geordend[round(0.95 * (len(geordend) - 1))]


def python_ms(volledig: bool, herhalingen: int = 200) -> list[float]:
    """One run of all five models (the goal's measure), or the page's full comparison
    (each model also without prevention and at half the effect: three runs)."""
    invoer = bk.preset(jaren=10)

    def een_keer() -> None:
        if volledig:
            bk.vergelijk(invoer)
        else:
            for model in bk.MODEL_IDS:
                bk.simuleer(invoer, model)

    een_keer()
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        een_keer()
        tijden.append((time.perf_counter() - start) * 1000)
    return tijden


def browser_ms(wijzigingen: int = 50) -> list[float] | None:
    site = ROOT / "_build" / "html" / "chapters" / "06a-rekenmodellen.html"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not site.is_file() or not chromium:
        return None
    from playwright.sync_api import sync_playwright
    from test_bekostiging_browser import JS_KLAAR, JS_ZET

    from leerlab.boek.pdf import CHROMIUM_ARGS

    class Stil(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Stil, directory=str(ROOT / "_build" / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/chapters/06a-rekenmodellen.html")
            page.wait_for_function(JS_KLAAR)
            page.evaluate(JS_ZET, {"groei_jeugd": 4})
            metingen = [
                page.evaluate(JS_ZET, {"groei_jeugd": g % 21 - 10})["getekend"]
                for g in range(wijzigingen)
            ]
            browser.close()
    finally:
        httpd.shutdown()
    return metingen


def main() -> None:
    for volledig, wat in (
        (False, "vijf modellen, drie domeinen, tien jaar"),
        (True, "volledige vergelijking (met, zonder en half effect: 3 keer zoveel)"),
    ):
        tijden = python_ms(volledig)
        mediaan, hoog = statistics.median(tijden), p95(tijden)
        print(
            f"Python, {wat}: mediaan {mediaan:.2f} ms, p95 {hoog:.2f} ms; doel p95 < "
            f"{DOEL_PYTHON_MS:g} ms: verhouding p95/doel {hoog / DOEL_PYTHON_MS:.2f}"
        )
    browser = browser_ms()
    if browser is None:
        print("Browser: overgeslagen (bouw eerst het boek en installeer chromium).")
        return
    bmed, bhoog = statistics.median(browser), p95(browser)
    print(
        f"Browser, invoer tot getekend beeld over {len(browser)} wijzigingen: mediaan "
        f"{bmed:.1f} ms, p95 {bhoog:.1f} ms; doel p95 ≤ {DOEL_BROWSER_MS:g} ms: "
        f"verhouding p95/doel {bhoog / DOEL_BROWSER_MS:.2f}"
    )


if __name__ == "__main__":
    main()
