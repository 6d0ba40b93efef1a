"""Readability per page: words, sentences, average sentence length, Flesch-Douma.

Run: .venv/bin/python bench/leesbaarheid.py [--alleen-hoofdstukken]
Measures the prose a reader sees (leerlab.boek.leesbaarheid.proza strips front matter, code
cells, directive options, targets and role markup). Aim (issue 4): at most 15 words per
sentence on average; Flesch-Douma above 60 reads as fairly easy.
"""

from __future__ import annotations

import argparse
import sys
import time

from leerlab.boek.leesbaarheid import Meting, boekpaginas, hoofdstukpaginas, meet_pagina, totaal

DOEL_ZINSLENGTE = 15.0


def regel(m: Meting) -> str:
    flag = "" if m.zinslengte <= DOEL_ZINSLENGTE else "  > doel"
    return (
        f"{m.pagina:<36} {m.woorden:>7} {m.zinnen:>6} {m.zinslengte:>8.1f} "
        f"{m.flesch_douma:>8.1f} {m.leestijd:>6}{flag}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alleen-hoofdstukken", action="store_true", help="only chapters/")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    chapters = [meet_pagina(p) for p in hoofdstukpaginas()]
    others = (
        []
        if args.alleen_hoofdstukken
        else [meet_pagina(p) for p in boekpaginas() if p.parent.name != "chapters"]
    )
    header = f"{'pagina':<36} {'woorden':>7} {'zinnen':>6} {'wrd/zin':>8} {'F-Douma':>8} {'min':>6}"
    print(header)
    print("-" * len(header))
    for m in chapters:
        print(regel(m))
    print(regel(totaal(chapters, "TOTAAL hoofdstukken")))
    if others:
        print("-" * len(header))
        for m in others:
            print(regel(m))
        print(regel(totaal(others, "TOTAAL voorwerk en naslag")))
    print(
        f"\n{len(chapters) + len(others)} pagina's gemeten in {time.perf_counter() - start:.2f} s;"
        f" doel: gemiddeld <= {DOEL_ZINSLENGTE:.0f} woorden per zin."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
