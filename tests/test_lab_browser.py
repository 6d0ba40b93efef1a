"""A real JupyterLab (headless Chromium, 127.0.0.1 only) opened the way `make lab` opens it.

Chapters 1, 3a and 6a and one student assignment: the document is not marked modified on
opening, Run All gives no error output (the assignment: only its untouched answers fail),
every chart draws an SVG or canvas, and saving leaves the chapter file byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from leerlab.commands import lab
from leerlab.grading import proefklas
from leerlab.grading.bronnen import lees_bron

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "leerlab-test"


def _chapter_one_page() -> tuple[str, int]:
    """The page of chapter 1 with code (chapters are split over pages), and how many
    figures its cells draw (calls of a ``…_figuur()`` function)."""
    for page in sorted((ROOT / "chapters").glob("01*.md")):
        text = page.read_text(encoding="utf-8")
        if "```{code-cell}" in text:
            return page.name, len(re.findall(r"^\w*_figuur\(", text, re.M))
    raise AssertionError("hoofdstuk 1 heeft geen pagina met code")


#: Chapter page and the least number of Vega-Lite charts it draws after Run All (3a: the
#: widget's; 6a's simulator widget shows a table, its page version is HTML with a script).
CHAPTERS = [_chapter_one_page(), ("03a-zelftest.md", 1), ("06a-rekenmodellen.md", 0)]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """JupyterLab on a student folder whose chapters are copies (saving cannot harm the repo)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "cursus"
    shutil.copytree(ROOT / "chapters", root / "chapters")
    (root / "book").mkdir(parents=True)
    (root / "book" / "opdrachten").symlink_to(ROOT / "book" / "opdrachten")
    werkmap = lab.prepare(base / "werkmap", root)
    # A student who did the work: the trainer's answers in the handed-out h01.
    h01 = werkmap / "opdrachten" / "h01" / "h01.ipynb"
    source = lees_bron(ROOT / "exercises" / "source" / "h01" / "h01.md")
    proefklas.schrijf(proefklas.uitgewerkt(nbformat.read(h01, as_version=4), source), h01)
    port = _free_port()
    env = {
        **os.environ,
        "LEERLAB_ROOT": str(ROOT),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    args = lab.command(
        werkmap,
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={TOKEN}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    )
    log = (base / "lab.log").open("w")
    proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail((base / "lab.log").read_text()[-2000:])
                time.sleep(0.5)
        yield url, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def lab_page(browser: object, jupyterlab: tuple[str, Path]) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
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
    page.goto(f"{jupyterlab[0]}/lab?token={TOKEN}")
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
        timeout=90000,
    )
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    page.blocked = blocked  # type: ignore[attr-defined]
    yield page
    context.close()


# Opens a document the way a double click does and reports what opening changed: the
# cells (must be equal to what the server sent) and the metadata keys JupyterLab set.
OPEN = """async (path) => {
  const app = window.jupyterapp;
  const response = await fetch('/api/contents/' + path + '?content=1&token=leerlab-test');
  const served = (await response.json()).content;
  await app.commands.execute('docmanager:open', {path});
  const widget = app.shell.currentWidget;
  await widget.context.ready;
  await widget.sessionContext.ready;
  await new Promise(r => setTimeout(r, 1500));
  const model = widget.context.model.toJSON();
  const sources = cells => cells.map(c => c.cell_type + ':' +
    (Array.isArray(c.source) ? c.source.join('') : c.source));
  const metadata = Object.keys(model.metadata).filter(k =>
    JSON.stringify(model.metadata[k]) !== JSON.stringify(served.metadata[k]));
  return {
    viewer: widget.node.classList.contains('jp-NotebookPanel') ? 'Notebook' : widget.node.className,
    cellsEqual: JSON.stringify(sources(model.cells)) === JSON.stringify(sources(served.cells)),
    metadata, dirty: widget.context.model.dirty,
  };
}"""
RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const widget = app.shell.currentWidget;
  await app.commands.execute('notebook:run-all-cells');
  for (let i = 0; i < 600; i++) {
    const busy = widget.sessionContext.kernelDisplayStatus !== 'idle';
    const pending = [...widget.node.querySelectorAll('.jp-InputPrompt')]
      .some(p => p.textContent.includes('*'));
    if (!busy && !pending) break;
    await new Promise(r => setTimeout(r, 250));
  }
  await new Promise(r => setTimeout(r, 1500));
  return true;
}"""
OUTPUTS = """() => {
  const node = window.jupyterapp.shell.currentWidget.node;
  const outputs = [...node.querySelectorAll('.jp-OutputArea-output')];
  const errors = [...node.querySelectorAll(
      '[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(o => o.textContent.slice(0, 300));
  const charts = [...node.querySelectorAll('.jp-RenderedVegaLite, .jp-RenderedSVG')];
  return {errors, charts: charts.length,
          drawn: charts.filter(c => c.querySelector('svg, canvas')).length,
          asText: outputs.filter(o => o.textContent.trim().startsWith('Grafiek:')).length,
          text: outputs.map(o => o.textContent).join('\\n')};
}"""
SAVE_CLOSE = """async () => {
  const app = window.jupyterapp;
  const widget = app.shell.currentWidget;
  await widget.context.save();
  await widget.sessionContext.shutdown();
  widget.dispose();
  return true;
}"""


def _open(page: object, path: str) -> None:
    opened = page.evaluate(OPEN, path)  # type: ignore[attr-defined]
    assert opened["viewer"] == "Notebook", f"{path} opent als {opened['viewer']}"
    assert opened["cellsEqual"], f"{path}: openen veranderde de cellen"
    if path.endswith(".md"):
        assert opened["metadata"] == [] and not opened["dirty"], f"{path}: gewijzigd na openen"
    else:
        # A handed-out .ipynb has a general language_info; JupyterLab writes the running
        # kernel's (with this computer's Python version) into it, which sets the dirty dot.
        assert set(opened["metadata"]) <= {"language_info", "kernelspec"}, opened


def _run_all(page: object, path: str, charts: int) -> dict:
    page.evaluate(RUN_ALL)  # type: ignore[attr-defined]
    found: dict = page.evaluate(OUTPUTS)  # type: ignore[attr-defined]
    assert found["errors"] == [], f"{path}: {found['errors']}"
    assert found["asText"] == 0, f"{path}: een grafiek staat er alleen als tekst"
    assert found["drawn"] == found["charts"] >= charts, f"{path}: {found['charts']} grafieken"
    return found


@pytest.mark.parametrize(("chapter", "charts"), CHAPTERS)
def test_chapter_runs_draws_and_saves_unchanged(
    lab_page: object, jupyterlab: tuple[str, Path], chapter: str, charts: int
) -> None:
    page = lab_page
    path = jupyterlab[1] / "chapters" / chapter
    original = path.read_bytes()
    _open(page, f"hoofdstukken/{chapter}")
    _run_all(page, chapter, charts)
    if chapter.startswith("03a"):
        _self_test_once_and_keyboard(page)
    page.evaluate(SAVE_CLOSE)  # type: ignore[attr-defined]
    assert path.read_bytes() == original, f"{chapter}: opslaan veranderde het bestand"
    assert page.blocked == []  # type: ignore[attr-defined]


def _self_test_once_and_keyboard(page: object) -> None:
    """Chapter 3a: the widget self-test only (not the book's HTML form too), and it answers
    to the keyboard: an arrow key on a statement changes the result."""
    node = "window.jupyterapp.shell.currentWidget.node"
    assert page.evaluate(f"() => {node}.querySelectorAll('.trap-form').length") == 0  # type: ignore[attr-defined]
    assert page.evaluate(f"() => {node}.querySelectorAll('.widget-radio-box').length") > 3  # type: ignore[attr-defined]
    result = f"() => {node}.querySelector('.jp-RenderedVegaLite').closest('.widget-vbox').innerText"
    before = page.evaluate(result)  # type: ignore[attr-defined]
    radio = page.locator(".widget-radio-box input[type=radio]").nth(4)  # type: ignore[attr-defined]
    radio.focus()
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    page.wait_for_function(f"(b) => ({result})() !== b", arg=before, timeout=15000)  # type: ignore[attr-defined]


def test_student_assignment_runs_and_checks_itself(lab_page: object) -> None:
    page = lab_page
    _open(page, "opdrachten/h01/h01.ipynb")
    found = _run_all(page, "h01", 0)
    assert "alle zichtbare controles slagen" in found["text"], found["text"][-600:]
    assert "IPKernelApp" not in found["text"]
    page.evaluate(SAVE_CLOSE)  # type: ignore[attr-defined]
