"""The five source documents, as far as the repository may hold them.

The source texts themselves are not part of the course (only its own words are), so the
repository keeps a *fingerprint* of them in ``data/bronnen/vingerafdruk.json``:

- per document its file name and its number of lines, so a reference (document + line
  range) can be checked anywhere, also on a fresh clone without the texts;
- the truncated SHA-1 of every run of :data:`MIN_WOORDEN` consecutive words, so the
  overlap check (no passage copied from the sources) runs without the texts. A hash of
  twelve words cannot be turned back into the words.

Word splitting, the files read and the runs reported are those of the project's overlap
tool (``overlap.py --min-words 12``), so both give the same answer.

Checks that need the texts themselves (does the cited range contain the cited name?) read
them from the folder named by the environment variable :data:`OMGEVING`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from leerlab.errors import LeerlabFout
from leerlab.paths import data_dir

#: Bibliography keys of the five source documents (book/references.bib) → file name.
BRONNEN = {
    "alternatievenlab2021": "000_a64936a3e342b5e0.txt",
    "deboer2016": "001_f2c5801086df34c3.txt",
    "siegers-tijdperk": "002_39f8c32053a48ca2.txt",
    "siegers-nieuweroute": "003_bb02d62823f97e1a.txt",
    "rmo2014": "004_743014a4bd1eb2b4.txt",
}

#: Environment variable naming the folder with the five source texts.
OMGEVING = "LEERLAB_BRONNEN"
#: A run of this many words shared with a source counts as copied.
MIN_WOORDEN = 12
#: Hex digits kept of each SHA-1 (48 bits: a chance collision is negligible).
HEX = 12
#: File types the overlap check reads inside folders (as the overlap tool does).
SUFFIXES = {".md", ".ipynb", ".yml", ".yaml", ".csv", ".txt", ".py", ".bib", ".html"}

#: Shown when a test that needs the texts is skipped.
ZONDER_BRONTEKSTEN = (
    f"de bronteksten zijn niet beschikbaar; zet {OMGEVING} op de map met de vijf teksten, "
    f"bijvoorbeeld `{OMGEVING}=../shared/sources make test` (.ci/run doet dat)"
)


class BrontekstenFout(LeerlabFout):
    """The folder with the source texts is named but unusable."""


def vingerafdruk_pad() -> Path:
    return data_dir() / "bronnen" / "vingerafdruk.json"


# ------------------------------------------------------------------ words and files
def woorden(text: str) -> list[str]:
    """Lower-case words, with words hyphenated across a line break joined (as overlap.py)."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.findall(r"[0-9a-zà-ÿ]+", text.lower())


def lees(path: Path) -> str:
    """A course file's text; of a notebook only the cells' sources (as overlap.py)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(raw).get("cells", [])
            return "\n".join("".join(c.get("source", "")) for c in cells)
        except (ValueError, AttributeError):
            return raw
    return raw


def cursusbestanden(paths: Iterable[Path]) -> list[Path]:
    """Files to check: given files, and files with a known suffix inside given folders."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(
                f
                for f in p.rglob("*")
                if f.suffix in SUFFIXES and "_build" not in f.parts and ".venv" not in f.parts
            )
        elif p.is_file():
            found.append(p)
    return found


def _hash(run: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha1(" ".join(run).encode("utf-8")).hexdigest()[:HEX]


# ---------------------------------------------------------------------- fingerprint
@dataclass(frozen=True)
class Vingerafdruk:
    min_woorden: int
    regels: dict[str, int]  # document key -> number of lines
    bestanden: dict[str, str]  # document key -> file name
    shingles: dict[str, str]  # hash -> document key (first document in file-name order)

    def bevat(self, run: list[str]) -> str | None:
        return self.shingles.get(_hash(run))


def maak_vingerafdruk(map_: Path, n: int = MIN_WOORDEN) -> dict[str, Any]:
    """The fingerprint of the five texts in ``map_`` as JSON-ready data."""
    bronnen: dict[str, Any] = {}
    for key, bestand in sorted(BRONNEN.items(), key=lambda kv: kv[1]):
        path = map_ / bestand
        if not path.is_file():
            raise BrontekstenFout(f"{bestand} ontbreekt in {map_}.")
        text = path.read_text(encoding="utf-8", errors="replace")
        w = woorden(text)
        hashes = sorted({_hash(w[i : i + n]) for i in range(len(w) - n + 1)})
        bronnen[key] = {"bestand": bestand, "regels": len(text.splitlines()), "shingles": hashes}
    return {"min_woorden": n, "hex": HEX, "bronnen": bronnen}


def schrijf_vingerafdruk(map_: Path, doel: Path | None = None) -> Path:
    doel = doel or vingerafdruk_pad()
    doel.parent.mkdir(parents=True, exist_ok=True)
    data = maak_vingerafdruk(map_)
    doel.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return doel


def laad_vingerafdruk(pad: Path | None = None) -> Vingerafdruk:
    pad = pad or vingerafdruk_pad()
    data = json.loads(pad.read_text(encoding="utf-8"))
    shingles: dict[str, str] = {}
    for key, bron in sorted(data["bronnen"].items(), key=lambda kv: kv[1]["bestand"]):
        for h in bron["shingles"]:
            shingles.setdefault(h, key)
    return Vingerafdruk(
        min_woorden=data["min_woorden"],
        regels={k: b["regels"] for k, b in data["bronnen"].items()},
        bestanden={k: b["bestand"] for k, b in data["bronnen"].items()},
        shingles=shingles,
    )


@dataclass(frozen=True)
class Overlap:
    bestand: Path
    document: str
    woorden: list[str]

    def __str__(self) -> str:
        tekst = " ".join(self.woorden[:25]) + (" …" if len(self.woorden) > 25 else "")
        return f'{self.bestand}: {len(self.woorden)} woorden gelijk aan {self.document}: "{tekst}"'


def overlap(paths: Iterable[Path], afdruk: Vingerafdruk | None = None) -> list[Overlap]:
    """Every maximal run of ``min_woorden``+ words a course file shares with a source."""
    afdruk = afdruk or laad_vingerafdruk()
    n = afdruk.min_woorden
    hits: list[Overlap] = []
    for f in cursusbestanden(paths):
        w = woorden(lees(f))
        i = 0
        while i <= len(w) - n:
            doc = afdruk.bevat(w[i : i + n])
            if not doc:
                i += 1
                continue
            j = i + 1
            while j <= len(w) - n and afdruk.bevat(w[j : j + n]):
                j += 1
            hits.append(Overlap(f, doc, w[i : j + n - 1]))
            i = j + n - 1
    return hits


# ----------------------------------------------------------------------- the texts
def bronteksten_map() -> Path | None:
    """The folder named by LEERLAB_BRONNEN; None when unset; an error when it is unusable."""
    value = os.environ.get(OMGEVING, "").strip()
    if not value:
        return None
    folder = Path(value)
    missing = [b for b in BRONNEN.values() if not (folder / b).is_file()]
    if not folder.is_dir() or missing:
        raise BrontekstenFout(
            f"{OMGEVING}={value}, maar daar staan de bronteksten niet"
            + (f" (ontbreekt: {', '.join(sorted(missing))})" if folder.is_dir() else "")
            + ". Zet de variabele op de map met de vijf teksten of haal haar weg."
        )
    return folder


def normaal(text: str) -> str:
    """Text for comparing names and figures: hyphenation joined, spaces collapsed, lower case."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip().lower()


# ----------------------------------------------------------------------- references
class Verwijzing(BaseModel):
    """A reference to a source: document key, line range and, optionally, what it names.

    ``noemt`` lists names or figures that the cited lines contain (checked when the texts
    are available), so a range that drifts away from its fact is noticed.
    """

    model_config = ConfigDict(extra="forbid")

    document: str
    regels: str = Field(pattern=r"^\d+(-\d+)?$")
    noemt: list[str] = []

    @model_validator(mode="after")
    def _geldig(self) -> Verwijzing:
        if self.document not in BRONNEN:
            raise ValueError(f"onbekende bron '{self.document}'; kies uit {sorted(BRONNEN)}")
        van, tot = self.bereik
        if van < 1 or tot < van:
            raise ValueError(f"regels '{self.regels}': het eerste getal moet het kleinste zijn")
        return self

    @property
    def bereik(self) -> tuple[int, int]:
        van, _, tot = self.regels.partition("-")
        return int(van), int(tot or van)

    def label(self) -> str:
        van, tot = self.bereik
        return f"regel {van}" if van == tot else f"regels {van}-{tot}"


def regelfout(document: str, van: int, tot: int, afdruk: Vingerafdruk) -> str | None:
    """Why a cited range cannot exist (unknown document, outside the file), or None."""
    if document not in afdruk.regels:
        return f"onbekende bron '{document}'"
    if van < 1 or tot < van:
        return f"regels {van}-{tot} zijn geen geldig bereik"
    if tot > afdruk.regels[document]:
        return f"regels {van}-{tot} vallen buiten {document} ({afdruk.regels[document]} regels)"
    return None


def geciteerde_tekst(document: str, van: int, tot: int, map_: Path) -> str:
    regels = (map_ / BRONNEN[document]).read_text(encoding="utf-8").splitlines()
    return normaal("\n".join(regels[van - 1 : tot]))


def naamfouten(document: str, van: int, tot: int, noemt: Iterable[str], map_: Path) -> list[str]:
    """Names or figures the cited lines do not contain."""
    tekst = geciteerde_tekst(document, van, tot, map_)
    return [n for n in noemt if normaal(n) not in tekst]


def verwijzingen_in(obj: Any) -> Iterator[Any]:
    """Every reference-like model (fields ``document`` and ``regels``) inside ``obj``."""
    if isinstance(obj, BaseModel):
        if hasattr(obj, "document") and hasattr(obj, "regels"):
            yield obj
        for name in type(obj).model_fields:
            yield from verwijzingen_in(getattr(obj, name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from verwijzingen_in(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from verwijzingen_in(value)


def bereik_van(ref: Any) -> tuple[int, int]:
    van, _, tot = str(ref.regels).partition("-")
    return int(van), int(tot or van)
