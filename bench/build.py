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

from leerlab.boek import bouw as book  # noqa: E402

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
    rows = [
        ("schone bouw (met uitvoeren)", clean, "doel < 120 s"),
        ("herbouw zonder wijziging", nochange, f"schoon/herbouw = {clean / nochange:.1f}x"),
        ("herbouw na één hoofdstuk", touched, f"doel < 15 s; schoon/dit = {clean / touched:.1f}x"),
    ]
    print("Bouwtijden van het boek (seconden, één meting)")
    for label, seconds, note in rows:
        print(f"  {label:<28}: {seconds:7.1f} s   {note}")


if __name__ == "__main__":
    main()
