"""Time a clean build, a no-change rebuild and a rebuild after touching one chapter.

Run: `make bench` (or `.venv/bin/python bench/build.py`). Prints seconds and ratios from
one run. Targets for the finished book: clean build < 120 s on 2 cores, one-chapter
rebuild < 15 s. The clean build runs in a copy so the working tree's cache stays intact.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leerlab import book  # noqa: E402

SKIP = shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", ".*cache*", "exercises")


def timed(copy: Path) -> float:
    start = time.perf_counter()
    book.build(copy)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="leerlab-bench-") as tmp:
        copy = Path(tmp) / "boek"
        shutil.copytree(ROOT, copy, ignore=SKIP)
        os.environ["LEERLAB_ROOT"] = str(copy)
        clean = timed(copy)
        nochange = timed(copy)
        chapter = copy / "chapters" / "01-tijdperk.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8")
            + "\n```{code-cell} ipython3\n:tags: [remove-cell]\n1 + 1\n```\n",
            encoding="utf-8",
        )
        touched = timed(copy)
    print("Bouwtijden van het boek (seconden, één meting)")
    print(f"  schone bouw (met uitvoeren) : {clean:7.1f} s   doel < 120 s")
    print(
        f"  herbouw zonder wijziging    : {nochange:7.1f} s   ratio schoon/herbouw = {clean / nochange:5.1f}x"
    )
    print(
        f"  herbouw na één hoofdstuk    : {touched:7.1f} s   doel < 15 s; ratio schoon/hoofdstuk = {clean / touched:5.1f}x"
    )


if __name__ == "__main__":
    main()
