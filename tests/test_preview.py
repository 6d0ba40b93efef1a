"""The author's loop (issue 19): incremental builds and `make preview`, on a copy of the checkout.

One copy is built clean once; each test then edits one file in it and checks what the next
build did, from the report the build writes (_build/.leerlab/bouwverslag.json) and from the
built pages. The repository itself is never touched.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from leerlab.boek import bouw as book
from leerlab.boek.pdf import OOGST_PDF

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    "node_modules",
    ".*cache*",
    ".hypothesis",
    "__pycache__",
    "release",
    "submitted",
    "autograded",
    "feedback",
    "gradebook.db",
)


def test_the_build_line_groups_pages_by_reason() -> None:
    sessions = {
        f"book/sessies/sessie-0{i}": "gewijzigd: leerlab/models/sessies.py" for i in (1, 2, 3, 4)
    }
    line = book.build_summary(
        {
            "gelezen": {"chapters/02": "bron gewijzigd", **sessions},
            "uitgevoerd": ["chapters/02"],
        },
        2.345,
    )
    assert line == (
        "Opnieuw gebouwd: chapters/02 (bron gewijzigd); 4 pagina's, zoals "
        "book/sessies/sessie-01 (gewijzigd: leerlab/models/sessies.py). "
        "Uitgevoerd: chapters/02. (2.3 s)"
    )
    assert book.build_summary({"gelezen": {}, "uitgevoerd": []}, 0.04) == (
        "Geen pagina opnieuw gelezen; niets uitgevoerd (0.0 s)."
    )


def test_the_fingerprint_follows_sources_not_build_output(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_build").mkdir()
    page = tmp_path / "chapters" / "01.md"
    page.write_text("# Een\n", encoding="utf-8")
    first = book.inputs_fingerprint(tmp_path)
    (tmp_path / "_build" / "x.html").write_text("uit", encoding="utf-8")
    assert book.inputs_fingerprint(tmp_path) == first
    page.write_text("# Twee\n", encoding="utf-8")
    assert book.inputs_fingerprint(tmp_path) != first


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A clean-built copy of the checkout; LEERLAB_ROOT points at it meanwhile."""
    target = tmp_path_factory.mktemp("auteur") / "boek"
    shutil.copytree(ROOT, target, ignore=SKIP)
    before = os.environ.get("LEERLAB_ROOT")
    os.environ["LEERLAB_ROOT"] = str(target)
    try:
        build(target)
        yield target
    finally:
        if before is None:
            os.environ.pop("LEERLAB_ROOT", None)
        else:
            os.environ["LEERLAB_ROOT"] = before


def build(root: Path) -> str:
    """`leerlab boek bouw` on the copy, in its own process (the session PDFs use Playwright's
    sync API, which cannot run inside this test process once a browser fixture is open)."""
    done = subprocess.run(
        [sys.executable, "-c", "from leerlab.boek import bouw; bouw.build()"],
        cwd=root,
        env=dict(os.environ, LEERLAB_ROOT=str(root)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def report(root: Path) -> dict:
    return json.loads((root / "_build" / ".leerlab" / "bouwverslag.json").read_text("utf-8"))


def page(root: Path, name: str) -> str:
    return (root / "_build" / "html" / name).read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_clean_build_executed_every_page_with_code(copy: Path) -> None:
    """Every page with a code cell ran, and only notebook pages ran (a page with a kernel in
    its header is a notebook to myst-nb, even without code). Read from the sources."""
    sources = {
        entry: (copy / f"{entry}.md").read_text(encoding="utf-8")
        for entry in book.toc_entries(copy)
        if (copy / f"{entry}.md").is_file()
    }
    with_code = {entry for entry, text in sources.items() if "```{code-cell}" in text}
    notebooks = {entry for entry, text in sources.items() if "kernelspec:" in text[:1000]}
    executed = set(report(copy)["uitgevoerd"])
    assert "chapters/03b-groepsprofiel" in with_code
    assert with_code <= executed <= notebooks


@pytest.mark.slow
def test_no_change_does_not_start_sphinx(copy: Path, capsys: pytest.CaptureFixture) -> None:
    log = copy / "_build" / "build.log"
    stamp = log.stat().st_mtime_ns
    start = time.perf_counter()
    book.build(copy)
    assert time.perf_counter() - start < 2
    assert log.stat().st_mtime_ns == stamp  # the Sphinx log was not written again
    assert "Niets gewijzigd sinds de vorige bouw" in capsys.readouterr().out


@pytest.mark.slow
def test_a_prose_edit_executes_no_notebook(copy: Path) -> None:
    chapter = copy / "chapters" / "02-bedoeling.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nEen nieuwe alinea: proefwoord kwikstaart.\n",
        encoding="utf-8",
    )
    line = build(copy)
    done = report(copy)
    assert done["uitgevoerd"] == []
    assert done["gelezen"]["chapters/02-bedoeling"] == "bron gewijzigd"
    # The intro's reading-time table counts the words of every chapter, so it follows.
    assert set(done["gelezen"]) == {"chapters/02-bedoeling", "book/intro"}
    assert "kwikstaart" in page(copy, "chapters/02-bedoeling.html")
    assert "Opnieuw gebouwd: " in line and "chapters/02-bedoeling (bron gewijzigd)" in line
    assert "Geen notebook uitgevoerd." in line


@pytest.mark.slow
def test_a_data_edit_executes_exactly_the_pages_that_read_it(copy: Path) -> None:
    """data/ladder/voorbeeldgroep.csv is the example group: only 03b draws it (03 and 03a
    read the other ladder files, which stay the same)."""
    data = copy / "data" / "ladder" / "voorbeeldgroep.csv"
    before = page(copy, "chapters/03b-groepsprofiel.html")
    text = data.read_text(encoding="utf-8")
    row = ",professional,4,4,4,3,3,3,2,3,1,1,"
    assert row in text
    data.write_text(text.replace(row, ",professional,0,0,0,0,0,0,0,0,0,0,", 1), encoding="utf-8")
    build(copy)
    done = report(copy)
    assert done["uitgevoerd"] == ["chapters/03b-groepsprofiel"]
    assert set(done["gelezen"]) == {"chapters/03b-groepsprofiel"}
    assert "data/ladder/voorbeeldgroep.csv" in done["gelezen"]["chapters/03b-groepsprofiel"]
    assert page(copy, "chapters/03b-groepsprofiel.html") != before  # new figures


#: Chapters that draw nothing from data/ladder/ (checked by reading their code cells).
NO_LADDER = ["01-tijdperk", "02-bedoeling", "04-nieuwe-route", "05-fricties", "06a-rekenmodellen"]


@pytest.mark.slow
def test_a_ladder_file_executes_the_pages_that_read_it_and_no_others(copy: Path) -> None:
    """data/ladder/duiding.yaml: read by the three ladder chapters (and by session pages that
    show the ladder tool), not by the chapters without a ladder figure."""
    data = copy / "data" / "ladder" / "duiding.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# opmerking\n", encoding="utf-8")
    build(copy)
    executed = report(copy)["uitgevoerd"]
    for chapter in ("03-eigenaarschap", "03a-zelftest", "03b-groepsprofiel"):
        assert f"chapters/{chapter}" in executed
    for chapter in NO_LADDER:
        assert f"chapters/{chapter}" not in executed
    assert all(name.startswith(("chapters/03", "book/sessies/")) for name in executed), executed


@pytest.mark.slow
def test_a_session_plan_edit_rebuilds_that_session_and_its_pdfs_only(copy: Path) -> None:
    pdfs = copy / "_build" / "html" / "book" / "sessies" / "pdf"
    before = {p.name: p.stat().st_mtime_ns for p in pdfs.glob("*.pdf")}
    plan = copy / "data" / "sessies" / "05.yaml"
    question = "Waar behandelen we ongelijke gevallen toch gelijk?"
    text = plan.read_text(encoding="utf-8")
    assert question in text
    plan.write_text(text.replace(question, question[:-1] + ", en waarom?"), encoding="utf-8")
    build(copy)
    done = report(copy)
    sessions = {name for name in done["gelezen"] if name.startswith("book/sessies/sessie-")}
    assert sessions == {"book/sessies/sessie-05"}
    # Only a page whose code read the plans (the facilitator kit reads all eight) runs again.
    assert all(not name.startswith("chapters/") for name in done["gelezen"])
    assert all("data/sessies/05.yaml" in done["gelezen"][name] for name in done["uitgevoerd"])
    remade = {p.name for p in pdfs.glob("*.pdf") if p.stat().st_mtime_ns != before.get(p.name)}
    allowed = {"sessie-05-draaiboek.pdf", "sessie-05-handout.pdf"}
    if "book/sessies/oogst" in done["uitgevoerd"]:  # its form lists every session's title
        allowed.add(Path(OOGST_PDF).name)
    assert remade and remade <= allowed
    assert {"sessie-05-draaiboek.pdf", "sessie-05-handout.pdf"} <= remade


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1 only)
        return str(response.read().decode("utf-8"))


def _get_while_building(url: str) -> str:
    """A page asked for while the build rewrites it may come back cut short; the browser
    only reloads after the build, so here a cut-short answer just means: ask again."""
    try:
        return _get(url)
    except (OSError, http.client.HTTPException):
        return ""


@contextlib.contextmanager
def preview(copy: Path) -> Iterator[tuple[str, Path]]:
    """`make preview` on the copy, on a free port of 127.0.0.1: (base URL, its output)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        LEERLAB_ROOT=str(copy),
        PATH=f"{Path(sys.executable).parent}:" + os.environ.get("PATH", ""),
    )
    out = copy / "_build" / f"preview-{port}.log"
    with out.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-u", "-m", "leerlab.boek.voorbeeld", "--port", str(port)],
            cwd=copy,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while server.poll() is None:
            try:
                _get(base + "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.3)
        assert server.poll() is None, out.read_text(encoding="utf-8")
        yield base, out
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _add_paragraph(chapter: Path, word: str) -> None:
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + f"\nNog een alinea met {word}.\n", encoding="utf-8")


@pytest.mark.slow
def test_the_preview_serves_and_picks_up_an_edit(copy: Path) -> None:
    with preview(copy) as (base, out):
        url = base + "/chapters/04-nieuwe-route.html"
        html = _get(url)
        assert "websocket-reload" in html  # the reload script is injected
        assert "zwaluwstaart" not in html
        _add_paragraph(copy / "chapters" / "04-nieuwe-route.md", "zwaluwstaart")
        edited = time.monotonic()
        while time.monotonic() - edited < 60 and "zwaluwstaart" not in html:
            time.sleep(0.3)
            html = _get_while_building(url)
        assert "zwaluwstaart" in html, out.read_text(encoding="utf-8")
        # The Dutch line comes when the build is done, just after the page is new.
        while time.monotonic() - edited < 70 and "Klaar na" not in out.read_text("utf-8"):
            time.sleep(0.2)
        said = out.read_text(encoding="utf-8")
    assert "Gewijzigd: chapters/04-nieuwe-route.md" in said
    assert "chapters/04-nieuwe-route (bron gewijzigd)" in said
    assert "Geen notebook uitgevoerd." in said


@pytest.mark.slow
@pytest.mark.browser
def test_the_open_page_reloads_by_itself_after_an_edit(copy: Path, browser: Any) -> None:
    """What the author sees: Chromium shows the page, nobody touches it, the edit appears."""
    with preview(copy) as (base, out):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if urlparse(route.request.url).hostname == "127.0.0.1"
                    else route.abort()
                ),
            )
            page.goto(base + "/chapters/05-fricties.html", wait_until="load")
            assert "ijsvogel" not in page.inner_text("main")
            _add_paragraph(copy / "chapters" / "05-fricties.md", "ijsvogel")
            page.wait_for_function(
                "(document.querySelector('main')?.innerText ?? '').includes('ijsvogel')",
                timeout=60000,
            )
        finally:
            context.close()
