"""The course wheel runs a downloaded chapter and a student assignment outside the checkout.

Builds the wheel (data/ packaged as leerlab/_data), installs it without dependencies into a
fresh virtual environment that borrows the project venv's third-party packages through a
.pth line (offline, no second download), copies one chapter notebook (the book's download)
and one student assignment into an empty folder and executes both with nbclient there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest

from leerlab.boek.downloads import build_wheel, chapter_notebook

ROOT = Path(__file__).resolve().parent.parent

RUNNER = r"""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
import leerlab, leerlab.paths as paths

report = {"leerlab": leerlab.__file__, "data": str(paths.data_dir()),
          "packaged": str(paths.PACKAGED_DATA), "errors": {}}
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(Path(name).parent)}}).execute()
    errors = [o["ename"] for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o["output_type"] == "error"]
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []) if o["output_type"] == "stream")
    report["errors"][name] = errors
    report.setdefault("charts", {})[name] = sum(
        "application/vnd.vegalite.v5+json" in o.get("data", {}) and "image/svg+xml" in o["data"]
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    report.setdefault("text", {})[name] = text
print(json.dumps(report))
"""


@pytest.mark.slow
def test_wheel_runs_chapter_and_assignment_outside_checkout(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT, tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    data_files = sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*")
                        if p.is_file())  # fmt: skip
    assert [f"leerlab/_data/{n}" in names for n in data_files] == [True] * len(data_files)
    assert not [n for n in names if n.startswith(("exercises/", "leerlab/_data/../"))]

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Third-party packages from the project venv, *after* the new venv's own (the wheel).
    (Path(site) / "projectvenv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    student = tmp_path / "leeg"
    student.mkdir()
    chapter = next(p for p in sorted((ROOT / "chapters").glob("01*.md"))
                   if "```{code-cell}" in p.read_text(encoding="utf-8"))  # fmt: skip
    nbformat.write(chapter_notebook(chapter, wheel.name, ROOT), student / "hoofdstuk.ipynb")
    with zipfile.ZipFile(ROOT / "book" / "opdrachten" / "h01.zip") as archive:
        archive.extractall(student)
    (student / "runner.py").write_text(RUNNER)

    env = {k: v for k, v in os.environ.items() if k not in ("LEERLAB_ROOT", "PYTHONPATH")}
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter")  # no kernel from the user's folder
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    subprocess.run([str(python), "-m", "ipykernel", "install", "--sys-prefix", "--name",
                    "python3"], check=True, capture_output=True, env=env)  # fmt: skip
    done = subprocess.run(
        [str(python), "runner.py", "hoofdstuk.ipynb", "h01/h01.ipynb"],
        cwd=student,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["leerlab"].startswith(str(venv)), "leerlab kwam niet uit het wiel"
    assert report["data"] == report["packaged"], "de data kwam niet uit het wiel"
    assert report["errors"]["hoofdstuk.ipynb"] == []
    assert report["charts"]["hoofdstuk.ipynb"] >= 1, "geen grafiek in het hoofdstuk"
    # An untouched assignment: only the placeholders fail (not imports, data or paths).
    assert set(report["errors"]["h01/h01.ipynb"]) <= {"NotImplementedError", "NameError"}
    assert "nog niet klaar" in report["text"]["h01/h01.ipynb"]


def test_an_unchanged_checkout_reuses_the_wheel(tmp_path: Path) -> None:
    """A book rebuild does not rebuild an identical wheel (the preview's prose-edit path)."""
    first = build_wheel(ROOT, tmp_path / "dist")
    made = first.stat().st_mtime_ns
    again = build_wheel(ROOT, tmp_path / "dist")
    assert again == first and again.stat().st_mtime_ns == made
    (tmp_path / "dist" / ".invoer-sha256").write_text("ander", encoding="utf-8")
    rebuilt = build_wheel(ROOT, tmp_path / "dist")
    assert rebuilt.is_file() and rebuilt.stat().st_mtime_ns != made
