"""The book's offline JupyterLite site: size, kernel start and "run all" for one assignment.

Serves the built site (``make book`` first) on 127.0.0.1 and opens assignment h03 in
headless Chromium (Debian's), every other request blocked, three times in a fresh browser
context (nothing cached, as a student's first visit). Measured per run:

- kernel ready: from opening the page until the Pyodide kernel reports idle;
- run all: the assignment with its answers filled in (the reference solution), from
  "Run All Cells" until every code cell has run.

Prints the median of the three and the ratio to the goals (site <= 60 MB, kernel ready
<= 15 s, run all <= 10 s; a ratio above 1 misses the goal), plus the machine's load.

Usage: ``.venv/bin/python bench/lite.py [--keer 3] [--opdracht h03]``
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from leerlab.boek import lite
from leerlab.grading import proefklas
from leerlab.grading.bronnen import lees_bron

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
GOALS = {"grootte (MB)": 60.0, "kernel klaar (s)": 15.0, "alles uitvoeren (s)": 10.0}
_NB = "window.jupyterapp.shell.currentWidget"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def answers(name: str) -> dict[str, str]:
    release = lite.notebook_in_site(SITE, lite.assignment_lab_path(name))
    source = lees_bron(ROOT / "exercises" / "source" / name / f"{name}.md")
    good = proefklas.uitgewerkt(release, source)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in good.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def one_run(browser: object, base: str, name: str, filled: dict[str, str]) -> tuple[float, float]:
    context = browser.new_context()  # type: ignore[attr-defined]
    blocked: list[str] = []

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{base}/{lite.lab_url(lite.assignment_lab_path(name))}")
    page.wait_for_function("window.leerlabLite && window.leerlabLite.kernelIdle()",
                           timeout=180_000, polling=100)  # fmt: skip
    kernel = time.perf_counter() - start
    page.evaluate(
        f"""(answers) => {{
            for (const cell of {_NB}.content.widgets) {{
                const meta = cell.model.getMetadata('nbgrader');
                if (meta && answers[meta.grade_id] !== undefined)
                    cell.model.sharedModel.setSource(answers[meta.grade_id]);
            }}
        }}""",
        filled,
    )
    start = time.perf_counter()
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        f"""() => {{
            const nb = {_NB};
            return nb.sessionContext.session.kernel.status === 'idle' &&
                nb.content.widgets.filter(c => c.model.type === 'code')
                    .every(c => c.model.executionCount !== null);
        }}""",
        timeout=180_000,
        polling=100,
    )
    run_all = time.perf_counter() - start
    context.close()
    if blocked:
        raise SystemExit(f"Verzoeken buiten de site: {blocked[:3]}")
    return kernel, run_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=3)
    parser.add_argument("--opdracht", default="h03")
    args = parser.parse_args()
    if not (SITE / lite.LITE_FOLDER / "index.html").is_file():
        raise SystemExit("De browserversie ontbreekt: bouw eerst het boek (make book).")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    filled = answers(args.opdracht)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Chromium ontbreekt: make system-deps.")
    kernels, runs = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(args.keer):
            kernel, run_all = one_run(browser, base, args.opdracht, filled)
            kernels.append(kernel)
            runs.append(run_all)
        browser.close()
    httpd.shutdown()
    values = {
        "grootte (MB)": lite.site_size_mb(SITE / lite.LITE_FOLDER),
        "kernel klaar (s)": statistics.median(kernels),
        "alles uitvoeren (s)": statistics.median(runs),
    }
    print(f"JupyterLite in het boek: opdracht {args.opdracht}, mediaan van {args.keer} keer "
          f"in Chromium (elke keer zonder cache)")  # fmt: skip
    for key, value in values.items():
        print(f"  {key:<20} {value:7.1f}   doel <= {GOALS[key]:g}   ratio {value / GOALS[key]:.2f}")
    print(f"  losse metingen: kernel {[round(k, 1) for k in kernels]} s, "
          f"alles uitvoeren {[round(r, 1) for r in runs]} s")  # fmt: skip
    load = os.getloadavg()
    print(f"  belasting van de machine (1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
          f" op {os.cpu_count()} kernen")  # fmt: skip


if __name__ == "__main__":
    main()
