"""Readability and reading time of the book's pages.

One place turns a MyST page into the prose a reader actually reads (no front matter,
code cells, directive options, targets or role markup), so the bench script, the
intro's reading-time table and the tests all measure the same text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from leerlab.paths import repo_root

#: Calm reading of Dutch B1 text, in words per minute: the one speed behind every reading
#: time in the book (the intro's table and each page's "Leestijd" line, tests/test_leesweg.py).
WOORDEN_PER_MINUUT = 200

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_TARGET = re.compile(r"^\s*\([\w\-.:]+\)=\s*$")
_COMMENT = re.compile(r"^\s*%")
#: {role}`shown text <target>`  or  {role}`target`
_ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
#: Directives whose body is code or data, not prose.
_NON_PROSE = {"code-cell", "code", "code-block", "raw", "math", "glossary", "list-table"}
#: Roles that show nothing readable in running text.
_SILENT_ROLES = {"cite:p", "cite:ps", "cite", "numref", "eq", "download"}


def _role_text(match: re.Match[str]) -> str:
    role, body = match.group(1), match.group(2)
    if role in _SILENT_ROLES:
        return ""
    shown = re.match(r"^(.*?)\s*<[^>]*>$", body, re.DOTALL)
    if shown:
        return shown.group(1)
    if role == "cite:t":
        return "de bron"
    if role in {"doc", "ref"}:
        return "de pagina"
    return body


def _inline(line: str) -> str:
    line = _ROLE.sub(_role_text, line)
    line = _LINK.sub(r"\1", line)
    line = _HTML.sub("", line)
    line = _EMPHASIS.sub("", line)
    return line


def proza(markdown: str) -> str:
    """The readable prose of a MyST page: one sentence-closed line per paragraph line.

    Headings and list items get a full stop when they lack one, so they count as
    sentences instead of gluing onto the next sentence.
    """
    text = _FRONT_MATTER.sub("", markdown, count=1)
    out: list[str] = []
    skip_until: str | None = None  # closing fence of a non-prose block
    open_prose: list[str] = []  # fences of open prose directives (exercise, note, ...)
    in_directive_head = False
    for raw in text.splitlines():
        fence = _FENCE.match(raw)
        if skip_until is not None:
            closing = fence and fence.group(2) == skip_until
            if closing and fence and not fence.group(3) and not fence.group(4).strip():
                skip_until = None
            continue
        if fence:
            marker = fence.group(2)
            name = (fence.group(3) or "").strip("{}")
            info = fence.group(4).strip()
            if not name and not info and open_prose and open_prose[-1] == marker:
                open_prose.pop()
                in_directive_head = False
                continue
            if not name or name in _NON_PROSE:
                skip_until = marker
                in_directive_head = False
                continue
            open_prose.append(marker)
            in_directive_head = True
            if info and name not in {"exercise", "solution"}:  # e.g. an admonition title
                out.append(_close(_inline(info)))
            continue
        if in_directive_head and _OPTION.match(raw):
            continue
        in_directive_head = False
        if _TARGET.match(raw) or _COMMENT.match(raw) or not raw.strip():
            if not raw.strip():
                out.append("")
            continue
        is_block = bool(_HEADING.match(raw) or _LIST.match(raw))
        line = _inline(_LIST.sub("", _HEADING.sub("", raw))).strip()
        if line.startswith("|"):  # markdown table row: keep cell text, one sentence per row
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            line = "; ".join(c for c in cells if c)
            is_block = True
        if line.startswith(">"):
            line = line.lstrip("> ")
        if line.endswith(":"):  # a lead-in to a list ends a sentence for the reader
            is_block = True
        if line:
            out.append(_close(line) if is_block else line)
    prose = re.sub(r"\s+([.,;:!?])", r"\1", "\n".join(out))
    return re.sub(r"\n{3,}", "\n\n", prose).strip() + "\n"


def _close(line: str) -> str:
    """End a heading, list item or list lead-in as a sentence."""
    line = line.strip().rstrip(";:,")
    if line and line[-1] not in ".!?":
        line += "."
    return line


@dataclass(frozen=True)
class Meting:
    """Readability figures of one page."""

    pagina: str
    woorden: int
    zinnen: int
    flesch_douma: float

    @property
    def zinslengte(self) -> float:
        return self.woorden / self.zinnen if self.zinnen else 0.0

    @property
    def leestijd(self) -> int:
        return leestijd_minuten(self.woorden)


def meet(tekst: str, pagina: str = "") -> Meting:
    """Words, sentences and Flesch-Douma score (textstat with Dutch settings)."""
    import textstat

    textstat.set_lang("nl")
    woorden = textstat.lexicon_count(tekst)
    zinnen = textstat.sentence_count(tekst) if woorden else 0
    score = float(textstat.flesch_reading_ease(tekst)) if woorden else 0.0
    return Meting(pagina=pagina, woorden=woorden, zinnen=zinnen, flesch_douma=score)


def meet_pagina(path: Path) -> Meting:
    root, path = repo_root(), path.resolve()
    name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
    return meet(proza(path.read_text(encoding="utf-8")), name)


def leestijd_minuten(woorden: int, per_minuut: int = WOORDEN_PER_MINUUT) -> int:
    """Reading time rounded up to whole minutes (at least 1 for a non-empty page)."""
    return math.ceil(woorden / per_minuut) if woorden else 0


def hoofdstukpaginas(root: Path | None = None) -> list[Path]:
    """All chapter pages (chapters and their sections), in file order."""
    return sorted((root or repo_root()).glob("chapters/*.md"))


def boekpaginas(root: Path | None = None) -> list[Path]:
    """Chapter pages plus the front and back matter in book/."""
    base = root or repo_root()
    return hoofdstukpaginas(base) + sorted(base.glob("book/**/*.md"))


def totaal(metingen: list[Meting], pagina: str = "totaal") -> Meting:
    """Sum of pages; the score is word-weighted."""
    woorden = sum(m.woorden for m in metingen)
    zinnen = sum(m.zinnen for m in metingen)
    score = sum(m.flesch_douma * m.woorden for m in metingen) / woorden if woorden else 0.0
    return Meting(pagina=pagina, woorden=woorden, zinnen=zinnen, flesch_douma=score)


def _titel(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def leestijd_tabel(root: Path | None = None) -> str:
    """Markdown table of reading time per chapter: chapter files 01-08 with their sections."""
    rows = ["| Hoofdstuk | Woorden | Leestijd |", "|---|---:|---:|"]
    groups: dict[str, list[Path]] = {}
    for page in hoofdstukpaginas(root):
        groups.setdefault(page.name[:2], []).append(page)
    total = 0
    for number, pages in sorted(groups.items()):
        words = sum(meet_pagina(p).woorden for p in pages)
        total += words
        title = _titel(pages[0])
        rows.append(
            f"| {int(number)}. {title} | {words} | ongeveer {leestijd_minuten(words)} min |"
        )
    rows.append(f"| **Samen** | **{total}** | **ongeveer {leestijd_minuten(total)} min** |")
    return "\n".join(rows)
