"""Time the book build: clean, no change, and after a prose, code or data edit (issue 19).

Run: `make bench` (or `.venv/bin/python bench/build.py`). Prints seconds, the ratio to the
clean build and the goal, all from one run, on a copy of the checkout (the working tree and
its cache stay untouched). Goals on 2 cores: prose edit <= 3 s, code edit <= 0.15 x clean,
no change <= 2 s. The preview row is the same prose edit built the way `make preview` does
(a process forked from one that has Sphinx loaded already). The machine may be shared:
compare ratios, and mind the load printed at the end.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leerlab.boek import bouw as book  # noqa: E402

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


#: CPU seconds (this process and the processes it waited for) of each measurement, by label.
CPU: list[float] = []


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(copy: Path, edit: Callable[[], None] | None = None) -> float:
    if edit:
        edit()
    start, cpu = time.perf_counter(), _cpu()
    book.build(copy)
    CPU.append(_cpu() - cpu)
    return time.perf_counter() - start


def timed_preview(copy: Path, edit: Callable[[], None]) -> float:
    """One rebuild as the preview does it: fork a preloaded process, build in it."""
    from leerlab.boek import voorbeeld

    voorbeeld._preload()
    edit()
    start, cpu = time.perf_counter(), _cpu()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            book.build(copy, in_process=True)
        except Exception:  # reported by the exit code
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("De voorbeeld-herbouw is mislukt.")
    CPU.append(_cpu() - cpu)
    return time.perf_counter() - start


def append(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> Callable[[], None]:
    def edit() -> None:
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{path.name}: de te wijzigen tekst staat er niet meer in.")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="leerlab-bench-") as tmp:
        copy = Path(tmp) / "boek"
        shutil.copytree(ROOT, copy, ignore=SKIP)
        os.environ["LEERLAB_ROOT"] = str(copy)
        chapters = copy / "chapters"
        clean = timed(copy)
        nochange = timed(copy)
        prose = timed(copy, append(chapters / "02-bedoeling.md", "\nEen extra zin.\n"))
        with_code = next(
            page
            for page in sorted(chapters.glob("*.md"))
            if "```{code-cell}" in page.read_text(encoding="utf-8")
        )
        code = timed(
            copy,
            append(with_code, "\n```{code-cell} ipython3\n:tags: [remove-cell]\n1 + 1\n```\n"),
        )
        data = timed(
            copy,
            replace(
                copy / "data" / "ladder" / "voorbeeldgroep.csv",
                ",professional,4,4,4,3,3,3,2,3,1,1,",
                ",professional,3,4,4,3,3,3,2,3,1,1,",
            ),
        )
        preview = timed_preview(copy, append(chapters / "04-nieuwe-route.md", "\nNog een zin.\n"))
    cpu = dict(zip(("clean", "nochange", "prose", "code", "data", "preview"), CPU, strict=True))

    def goal(seconds: float, limit: float) -> str:
        return "ja" if seconds <= limit else "NEE"

    rows = [
        ("schone bouw (alles uitvoeren)", clean, cpu["clean"], ""),
        ("geen wijziging", nochange, cpu["nochange"], f"doel <= 2 s: {goal(nochange, 2)}"),
        ("tekst in één hoofdstuk", prose, cpu["prose"], f"doel <= 3 s: {goal(prose, 3)}"),
        ("  idem, zoals make preview", preview, cpu["preview"], f"doel <= 3 s: {goal(preview, 3)}"),
        (
            "code in één hoofdstuk",
            code,
            cpu["code"],
            f"doel <= 0.15 x schoon: {goal(code, 0.15 * clean)}",
        ),
        ("één databestand (alleen 03b)", data, cpu["data"], "voert alleen 03b uit"),
    ]
    print("Bouwtijden van het boek (één meting, op een kopie; cpu = rekentijd van alle processen)")
    for label, seconds, used, note in rows:
        print(
            f"  {label:<30}: {seconds:6.1f} s  {seconds / clean:5.2f} x schoon"
            f"  (cpu {used:5.1f} s)   {note}"
        )
    load = os.getloadavg()
    print(f"  belasting van de machine (1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


if __name__ == "__main__":
    main()
