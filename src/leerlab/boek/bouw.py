"""Build the book and explain failures in Dutch: which chapter, which cell, what went wrong."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import yaml

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

PAGE_SUFFIXES = (".md", ".ipynb")


def toc_entries(root: Path | None = None) -> list[str]:
    """Every `file:` in _toc.yml (root included), without suffix, in reading order."""
    root = root or repo_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(items: list[dict]) -> None:
        for item in items:
            if "file" in item:
                found.append(item["file"])
            for key in ("chapters", "sections", "parts"):
                walk(item.get(key, []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return found


def _page_file(root: Path, entry: str) -> Path | None:
    for suffix in PAGE_SUFFIXES:
        if (root / f"{entry}{suffix}").is_file():
            return root / f"{entry}{suffix}"
    return None


def toc_problems(root: Path | None = None) -> list[str]:
    """Dutch problems: toc entries without a file, and chapter files missing from the toc."""
    root = root or repo_root()
    entries = toc_entries(root)
    problems = [
        f"_toc.yml noemt '{e}', maar er is geen {e}.md. Maak het bestand of haal de regel weg."
        for e in entries
        if _page_file(root, e) is None
    ]
    listed = set(entries)
    for page in sorted((root / "chapters").glob("*.md")):
        entry = page.relative_to(root).with_suffix("").as_posix()
        if entry not in listed:
            problems.append(
                f"{page.relative_to(root)} staat niet in _toc.yml. Voeg '- file: {entry}' toe."
            )
    return problems


def strip_ansi(text: str) -> str:
    """Drop terminal colour codes that tracebacks carry into logs."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def build_warnings(log_text: str) -> list[str]:
    """Sphinx warnings and errors in a build log (kernel chatter on stderr is not one)."""
    pattern = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE): ")
    return [ln for ln in strip_ansi(log_text).splitlines() if pattern.search(ln)]


@dataclass
class CellFailure:
    page: str
    cell: int | None
    error: str

    def __str__(self) -> str:
        where = f"cel {self.cell}" if self.cell is not None else "een cel"
        return f"{self.page}: {where} geeft een fout: {self.error}"


def _cell_number(page: Path, cell_source: str) -> int | None:
    """1-based number of the code cell whose source matches the failing cell."""
    import jupytext

    notebook = jupytext.read(page)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        if cell.source.strip() and cell.source.strip() == cell_source.strip():
            return number
    return None


def cell_failures(root: Path | None = None) -> list[CellFailure]:
    """Read myst-nb's execution reports and name the page and code cell that failed."""
    root = root or repo_root()
    failures = []
    for report in sorted((root / "_build" / "html" / "reports").rglob("*.err.log")):
        text = strip_ansi(report.read_text(encoding="utf-8", errors="replace"))
        docname = report.relative_to(root / "_build" / "html" / "reports").as_posix()
        docname = docname.removesuffix(".err.log")
        page = _page_file(root, docname)
        match = re.search(r"-{10,}\n(.*?)\n-{10,}", text, re.S)
        cell = _cell_number(page, match.group(1)) if page and match else None
        errors = re.findall(r"^(\w+(?:Error|Exception|Fout)\b.*)$", text, re.M)
        failures.append(CellFailure(docname + ".md", cell, errors[-1] if errors else "zie log"))
    return failures


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["LEERLAB_ROOT"] = str(repo_root())
    env["LEERLAB_BOOK"] = "1"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


#: Not inputs of the book: build output, version control, caches, tests and benchmarks.
_NOT_INPUTS = {
    "_build",
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".ipynb_checkpoints",
    "tests",
    "bench",
}
_EXERCISE_OUTPUT = {"release", "submitted", "autograded", "feedback", "gradebook.db"}
#: Top-level folders that are no input either: a student's work folder, wheel builds.
_NOT_INPUTS_TOP = {"werkmap", "build", "dist"}


def inputs_fingerprint(root: Path) -> str:
    """One hash over the name, size and modification time of every file the book is built
    from (pages, data, the package, configuration) and of the installed packages."""
    digest = hashlib.sha256(sys.executable.encode())
    site_packages = Path(yaml.__file__).resolve().parent.parent
    digest.update(str(site_packages.stat().st_mtime_ns).encode())

    def walk(folder: Path, top: bool) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if (
                    entry.name in _NOT_INPUTS
                    or (top and entry.name in _NOT_INPUTS_TOP)
                    or (folder.name == "exercises" and entry.name in _EXERCISE_OUTPUT)
                ):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), False)
                elif entry.is_file():
                    info = entry.stat()
                    digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())

    walk(root, True)
    return digest.hexdigest()


def _stamp_path(root: Path) -> Path:
    return root / "_build" / ".leerlab" / "bouwstempel.json"


def _up_to_date(root: Path, fingerprint: str) -> bool:
    stamp = _stamp_path(root)
    if not stamp.is_file() or not (root / "_build" / "html" / "index.html").is_file():
        return False
    try:
        return json.loads(stamp.read_text(encoding="utf-8")).get("invoer") == fingerprint
    except (OSError, ValueError):
        return False


def _pages_line(docnames: dict[str, str]) -> str:
    """Pages grouped by reason, smallest group first: 'a, b (bron gewijzigd); 8 pagina's, …'."""
    groups: dict[str, list[str]] = {}
    for name, why in docnames.items():
        groups.setdefault(why, []).append(name)
    parts = []
    for why, names in sorted(groups.items(), key=lambda item: len(item[1])):
        if len(names) <= 3:
            parts.append(f"{', '.join(names)} ({why})")
        else:
            parts.append(f"{len(names)} pagina's, zoals {names[0]} ({why})")
    return "; ".join(parts)


def build_summary(report: dict, seconds: float) -> str:
    """The Dutch line after a build: which pages were read again and why, which notebooks
    were executed, and the time it took."""
    read = report.get("gelezen", {})
    executed = report.get("uitgevoerd", [])
    if not read:
        return f"Geen pagina opnieuw gelezen; niets uitgevoerd ({seconds:.1f} s)."
    line = f"Opnieuw gebouwd: {_pages_line(read)}."
    if executed:
        line += " Uitgevoerd: " + ", ".join(executed) + "."
    else:
        line += " Geen notebook uitgevoerd."
    return f"{line} ({seconds:.1f} s)"


def _run_in_process(root: Path, args: list[str], out: IO[str]) -> int:
    """Run the Sphinx build in this process, its output (and its kernels') into ``out``.
    Only for a throwaway process (the preview forks one per rebuild): Sphinx and the
    patches stay loaded, the environment and working folder are put back afterwards."""
    from leerlab.boek import jupyter_book_parallel

    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    cwd, env = os.getcwd(), dict(os.environ)
    os.dup2(out.fileno(), 1)
    os.dup2(out.fileno(), 2)
    try:
        os.environ.update(build_env())
        os.chdir(root)
        return jupyter_book_parallel.run(args)
    except Exception as exc:  # a crash is reported like a failed build
        print(f"{type(exc).__name__}: {exc}", flush=True)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)


def build(root: Path | None = None, log: Path | None = None, *, in_process: bool = False) -> Path:
    """Build the HTML book with warnings as errors; raise a Dutch LeerlabFout on failure.

    Incremental: Sphinx reads only the pages whose source or recorded dependencies changed
    (data files included, see afhankelijkheden_sphinx), and when no input changed at all
    since the last successful build, Sphinx is not started."""
    start = time.perf_counter()
    root = root or repo_root()
    problems = toc_problems(root)
    if problems:
        raise LeerlabFout("De inhoudsopgave klopt niet:\n- " + "\n- ".join(problems))
    fingerprint = inputs_fingerprint(root)
    if _up_to_date(root, fingerprint):
        print(
            "Niets gewijzigd sinds de vorige bouw: het boek is bij "
            f"({time.perf_counter() - start:.1f} s)."
        )
        return root / "_build" / "html"
    _stamp_path(root).unlink(missing_ok=True)
    reports = root / "_build" / "html" / "reports"
    if reports.exists():
        for old in reports.rglob("*.err.log"):
            old.unlink()
    log = log or root / "_build" / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = ["build", str(root), "--builder", "html", "-W", "-n", "--keep-going"]
    with log.open("w", encoding="utf-8") as out:
        if in_process:
            returncode = _run_in_process(root, args, out)
        else:
            command = [sys.executable, "-m", "leerlab.boek.jupyter_book_parallel", *args]
            returncode = subprocess.run(
                command, cwd=root, env=build_env(), stdout=out, stderr=subprocess.STDOUT
            ).returncode
    if returncode != 0:
        raise LeerlabFout(_explain_failure(root, log))
    from leerlab.boek.pdf import pdfs_na_bouw  # session PDFs are printed from the built pages

    pdfs_na_bouw(root / "_build" / "html")
    report_file = root / "_build" / ".leerlab" / "bouwverslag.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.is_file() else {}
    print(build_summary(report, time.perf_counter() - start))
    if inputs_fingerprint(root) == fingerprint:  # nothing was edited during the build
        _stamp_path(root).parent.mkdir(parents=True, exist_ok=True)
        _stamp_path(root).write_text(json.dumps({"invoer": fingerprint}), encoding="utf-8")
    return root / "_build" / "html"


def _explain_failure(root: Path, log: Path) -> str:
    lines = ["Het boek is niet gebouwd."]
    failures = cell_failures(root)
    if failures:
        lines.append("Deze hoofdstukken hebben een cel die niet werkt:")
        lines += [f"- {failure}" for failure in failures]
    text = strip_ansi(log.read_text(encoding="utf-8", errors="replace"))
    warnings = build_warnings(text)
    if warnings:
        lines.append("Waarschuwingen (die gelden als fout):")
        lines += [f"- {w.strip()}" for w in warnings[:40]]
    if not failures and not warnings:
        crashes = re.findall(r"^(?:\w+\.)*\w*(?:Error|Exception): .+$", text, re.M)
        lines += [f"- {c}" for c in crashes[-3:]]
    lines.append(f"Het volledige verslag staat in {log.relative_to(root)}.")
    return "\n".join(lines)
