"""The offline JupyterLite site in Chromium, every request outside 127.0.0.1 blocked: a
chapter runs with its chart and widget; an assignment is completed in the browser, checked
with its self-check cell, downloaded and graded by the trainer's commands — with the same
score as the same answers handed in from JupyterLab."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import nbformat
import pytest
from typer.testing import CliRunner

from leerlab.boek import lite
from leerlab.grading import proefklas
from leerlab.grading.bronnen import lees_bron

from .test_accessibility import axe_problems

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
KERNEL_TIMEOUT = 120_000
RUN_TIMEOUT = 120_000


@dataclass
class Lab:
    page: Any
    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_lab(browser: Any, server: str, site: Path) -> Iterator[Any]:
    if not (site / lite.LITE_FOLDER / "index.html").is_file():
        pytest.fail("De browserversie ontbreekt in _build/html/lab: bouw het boek (make book).")
    contexts = []

    def _open(lab_path: str, *, wait: bool = True, init_script: str | None = None) -> Lab:
        # context.route also sees the service worker's requests (the kernel's file access).
        context = browser.new_context(accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        lab = Lab(page)

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
                route.continue_()
            else:
                lab.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        if init_script:
            context.add_init_script(init_script)
        page.on("pageerror", lambda e: lab.page_errors.append(str(e)))
        page.goto(f"{server}/{lite.lab_url(lab_path)}", wait_until="load")
        if wait:
            wait_for_kernel(page)
        return lab

    yield _open
    for context in contexts:
        context.close()


def wait_for_kernel(page: Any) -> None:
    page.wait_for_function("window.leerlabLite && window.leerlabLite.kernelIdle()",
                           timeout=KERNEL_TIMEOUT)  # fmt: skip
    page.wait_for_function("document.querySelector('#leerlab-lite-status').dataset.klaar === '1'",
                           timeout=15_000)  # fmt: skip


_NOTEBOOK = "window.jupyterapp.shell.currentWidget"


def run_all(page: Any) -> None:
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""() => {{
            const nb = {_NOTEBOOK};
            const cells = nb.content.widgets.filter(c => c.model.type === 'code');
            return nb.sessionContext.session.kernel.status === 'idle' &&
                cells.every(c => c.model.executionCount !== null);
        }}""",
        timeout=RUN_TIMEOUT,
        polling=500,
    )


def error_outputs(page: Any) -> list[str]:
    found: list[str] = page.evaluate(
        f"""() => {{
            const out = [];
            for (const cell of {_NOTEBOOK}.content.widgets) {{
                if (cell.model.type !== 'code') continue;
                for (let i = 0; i < cell.model.outputs.length; i++) {{
                    const o = cell.model.outputs.get(i).toJSON();
                    if (o.output_type === 'error') out.push(o.ename + ': ' + o.evalue);
                    if (o.output_type === 'stream' && o.name === 'stderr') out.push(o.text);
                }}
            }}
            return out;
        }}"""
    )
    return found


def set_answers(page: Any, answers: dict[str, str]) -> None:
    """Put each answer (grade_id → source) into the cell with that nbgrader grade_id."""
    page.evaluate(
        f"""(answers) => {{
            for (const cell of {_NOTEBOOK}.content.widgets) {{
                const meta = cell.model.getMetadata('nbgrader');
                if (meta && answers[meta.grade_id] !== undefined) {{
                    cell.model.sharedModel.setSource(answers[meta.grade_id]);
                }}
            }}
        }}""",
        answers,
    )


def save(page: Any) -> None:
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(f"!{_NOTEBOOK}.context.model.dirty", timeout=10_000)


def test_chapter_runs_with_chart_and_widget(open_lab: Any) -> None:
    lab = open_lab(lite.chapter_lab_path("chapters/03a-zelftest"))
    page = lab.page
    run_all(page)
    assert error_outputs(page) == []
    chart = page.locator(".jp-OutputArea-output .vega-embed svg").first
    chart.wait_for(timeout=30_000)
    melding = page.locator(".widget-html", has_text="trede").first
    before = melding.inner_text()
    page.locator(".widget-radio-box label").first.click()
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('.widget-html')].some("
        "e => /trede/.test(e.innerText) && e.innerText !== before)",
        arg=before,
        timeout=30_000,
    )
    assert lab.blocked == [], lab.blocked
    assert lab.page_errors == []
    # The lab itself, with outputs, chart and widget on screen: axe as on every book page.
    assert axe_problems(page) == []


def test_calculator_widget_recomputes_in_the_browser(open_lab: Any) -> None:
    """Chapter 6a's funding calculator (ipywidgets over leerlab.models.bekostiging)."""
    lab = open_lab(lite.chapter_lab_path("chapters/06a-rekenmodellen"))
    page = lab.page
    run_all(page)
    assert error_outputs(page) == []
    select = page.locator(".widget-dropdown select").first
    select.wait_for(timeout=30_000)
    table = page.locator(".widget-html", has=page.locator("table")).first
    before = table.inner_text()
    options = select.locator("option").all_inner_texts()
    assert len(options) > 1
    select.select_option(label=options[1])
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('.widget-html')].some("
        "e => e.querySelector('table') && e.innerText !== before)",
        arg=before,
        timeout=30_000,
    )
    assert lab.blocked == [] and lab.page_errors == []


def _answers(name: str, release: nbformat.NotebookNode) -> nbformat.NotebookNode:
    source = lees_bron(ROOT / "exercises" / "source" / name / f"{name}.md")
    return proefklas.uitgewerkt(release, source)


def cli(*args: str) -> str:
    from leerlab.commands.cli import app

    result = CliRunner().invoke(app, ["cursus", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_assignment_in_browser_grades_like_jupyterlab(
    open_lab: Any, site: Path, tmp_path: Path
) -> None:
    name = "h03"
    lab = open_lab(lite.assignment_lab_path(name))
    page = lab.page
    release = lite.notebook_in_site(site, lite.assignment_lab_path(name))
    good = _answers(name, release)
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in good.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    set_answers(page, answers)
    save(page)
    run_all(page)
    assert error_outputs(page) == []
    check = page.evaluate(
        f"""() => {{
            const cells = {_NOTEBOOK}.content.widgets;
            const last = cells[cells.length - 1];
            return last.model.outputs.toJSON().map(o => o.text || '').join('');
        }}"""
    )
    assert "alle zichtbare controles slagen" in check, check
    save(page)
    with page.expect_download() as info:
        page.evaluate("window.jupyterapp.commands.execute('docmanager:download')")
    downloaded = tmp_path / "uit-de-browser.ipynb"
    info.value.save_as(downloaded)
    assert lab.blocked == [], lab.blocked

    # The trainer's round: a group of two, one hands in from the browser, one from JupyterLab.
    lijst = proefklas.studentenlijst(tmp_path / "studenten.csv", 2)
    map_ = tmp_path / "groep"
    cli("opzetten", str(map_), "--studenten", str(lijst))
    cli("uitdelen", name, "--map", str(map_))
    course_release = nbformat.read(map_ / "release" / name / f"{name}.ipynb", as_version=4)
    from_lab = _answers(name, course_release)
    inbox = tmp_path / "inleveringen.zip"
    with zipfile.ZipFile(inbox, "w") as z:
        z.writestr(f"s001/{name}.ipynb", downloaded.read_bytes())
        z.writestr(f"s002/{name}.ipynb", nbformat.writes(from_lab))
    cli("verzamelen", name, str(inbox), "--map", str(map_))
    cli("nakijken", name, "--map", str(map_), "--processen", "1")
    cli("cijfers", "--map", str(map_), "--uit", str(tmp_path / "cijfers.csv"))
    rows = {r["student_id"]: r for r in csv.DictReader((tmp_path / "cijfers.csv").open())}
    column = next(k for k in rows["s001"] if k.startswith(f"{name} (max"))
    assert rows["s001"][column] == rows["s002"][column], rows
    assert rows["s001"][f"{name} status"] == rows["s002"][f"{name} status"]
    # h03: three autograded questions of 2 points, the written one (3) waits for the trainer.
    assert column == f"{name} (max 9)" and rows["s001"][column] == "6", rows["s001"]
    handed_in = nbformat.read(downloaded, as_version=4)
    assert lite.SETUP_TAG in handed_in.cells[0].metadata.get("tags", []), "niet uit de browser"


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ("delete window.WebAssembly;", "te oud"),
        (
            "Object.defineProperty(window, 'localStorage', {get() {"
            " throw new DOMException('geblokkeerd', 'SecurityError'); }});",
            "opslag is geblokkeerd",
        ),
    ],
    ids=["te-oud", "geen-opslag"],
)
def test_old_browser_or_blocked_storage_gets_a_dutch_message(
    open_lab: Any, script: str, words: str
) -> None:
    lab = open_lab(lite.assignment_lab_path("h03"), wait=False, init_script=script)
    box = lab.page.locator(".leerlab-lite-probleem[role=alert]")
    box.wait_for(timeout=30_000)
    assert words in box.inner_text()
    assert box.locator("a", has_text="Terug naar het boek").count() == 1


def _first_answer(page: Any) -> str:
    found: str = page.evaluate(
        f"""() => {{
            const cell = {_NOTEBOOK}.content.widgets.find(c => {{
                const meta = c.model.getMetadata('nbgrader');
                return meta && meta.solution && c.model.type === 'code';
            }});
            return cell.model.sharedModel.getSource();
        }}"""
    )
    return found


def _wait_for_notebook(page: Any) -> None:
    page.wait_for_function(
        f"""() => {{
            try {{
                const nb = {_NOTEBOOK};
                return nb.context.isReady && nb.content.widgets.length > 3;
            }} catch (e) {{ return false; }}
        }}""",
        timeout=KERNEL_TIMEOUT,
    )


def test_work_is_kept_between_visits_and_reset_clears_it(open_lab: Any) -> None:
    lab = open_lab(lite.assignment_lab_path("h03"), wait=False)
    page = lab.page
    _wait_for_notebook(page)
    original = _first_answer(page)
    set_answers(page, {"h03-positie": "# mijn eigen werk\npositie = 3"})
    save(page)
    url = page.url.split("/lab/lab/")[0] + "/" + lite.lab_url(lite.assignment_lab_path("h03"))
    page.goto(url)  # a later visit: the student opens the link in the book again
    _wait_for_notebook(page)
    assert _first_answer(page).startswith("# mijn eigen werk"), "werk niet bewaard"
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#leerlab-lite-reset")
    page.goto(url)
    _wait_for_notebook(page)
    assert _first_answer(page) == original
