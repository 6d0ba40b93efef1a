"""Build the book and explain failures in Dutch: which chapter, which cell, what went wrong."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def build(root: Path | None = None, log: Path | None = None) -> Path:
    """Build the HTML book with warnings as errors; raise a Dutch LeerlabFout on failure."""
    root = root or repo_root()
    problems = toc_problems(root)
    if problems:
        raise LeerlabFout("De inhoudsopgave klopt niet:\n- " + "\n- ".join(problems))
    reports = root / "_build" / "html" / "reports"
    if reports.exists():
        for old in reports.rglob("*.err.log"):
            old.unlink()
    log = log or root / "_build" / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "leerlab.boek.jupyter_book_parallel",
        "build",
        str(root),
        "--builder",
        "html",
        "-W",
        "-n",
        "--keep-going",
    ]
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(
            command, cwd=root, env=build_env(), stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        raise LeerlabFout(_explain_failure(root, log))
    from leerlab.boek.pdf import pdfs_na_bouw  # session PDFs are printed from the built pages

    pdfs_na_bouw(root / "_build" / "html")
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
