"""Benchmark: a ten-year comparison of all funding models in Python, and the browser redraw.

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


def python_ms(herhalingen: int = 200) -> tuple[float, float]:
    invoer = bk.standaard_invoer()
    bk.vergelijk(invoer, 10)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        bk.vergelijk(invoer, 10)
        tijden.append((time.perf_counter() - start) * 1000)
    return statistics.median(tijden), max(tijden)


def browser_ms() -> tuple[float, float] | None:
    site = ROOT / "_build" / "html" / "chapters" / "06a-rekenmodellen.html"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not site.is_file() or not chromium:
        return None
    from playwright.sync_api import sync_playwright
    from test_bekostiging_browser import JS_ZET, VIS

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
            page.wait_for_function(f"document.querySelector('{VIS}').dataset.ready === '1'")
            page.evaluate(JS_ZET, {"groei": 4})
            metingen = [page.evaluate(JS_ZET, {"groei": g % 21 - 10}) for g in range(20)]
            browser.close()
    finally:
        httpd.shutdown()
    return (
        statistics.median(m["rekenen"] for m in metingen),
        statistics.median(m["getekend"] for m in metingen),
    )


def main() -> None:
    mediaan, hoogst = python_ms()
    print(
        f"Python, tien jaar, alle zes modellen met en zonder preventie: "
        f"mediaan {mediaan:.2f} ms, max {hoogst:.2f} ms (doel: ruim onder 50 ms; "
        f"verhouding {50 / mediaan:.0f}x onder het doel)"
    )
    browser = browser_ms()
    if browser is None:
        print("Browser: overgeslagen (bouw eerst het boek en installeer chromium).")
        return
    rekenen, beeld = browser
    print(
        f"Browser, schuifje tot view.runAsync klaar: mediaan {rekenen:.1f} ms; tot het "
        f"volgende beeld: mediaan {beeld:.1f} ms (doel: onder 100 ms; verhouding "
        f"{100 / rekenen:.1f}x)"
    )
    print(f"Verhouding browser/Python per herberekening: {rekenen / mediaan:.0f}x")


if __name__ == "__main__":
    main()
