"""Trap van Eigenaarschap: the ladder, the self-assessment items and the scoring rule.

The ladder and the items live in ``data/ladder/``; this module loads them, checks that
they fit together, and turns a set of answers into a position on the ladder.

Scoring rule (explained for readers in chapters/03a-zelftest.md):

1. Each answer is 0 ("klopt niet") to 4 ("klopt helemaal"); "weet ik niet" is ``None``.
2. A rung's score is the mean of its answered items divided by 4 (0 to 1).
3. A rung is *reached* when its score is at least ``DREMPEL_BEREIKT`` (0.75: on average
   "klopt grotendeels"), *partly* reached from ``DREMPEL_DEELS`` (0.5).
4. The position is the highest reached rung (0 when none is reached).
5. A result exists only when every rung has at least half of its items answered.

Why "highest reached rung" and not a weighted mean: agreeing more with any statement
can only raise a rung score, so the set of reached rungs only grows and the position
never drops (monotone). A weighted mean of rung numbers would drop when a reader
agrees more with a low-rung statement. Mixed answers stay visible: a reached rung
above an unreached one is flagged as ``gemengd``; a partly reached rung above the
position is shown as ``op_weg_naar``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from leerlab.data import _dutch, load_records
from leerlab.errors import DataFout, InvoerFout, LeerlabFout
from leerlab.models.bronnen import Verwijzing
from leerlab.paths import data_dir

Perspectief = Literal["professional", "bewoner"]
PERSPECTIEVEN: tuple[Perspectief, ...] = ("professional", "bewoner")
PERSPECTIEF_LABEL: dict[str, str] = {
    "professional": "Professional of organisatie",
    "bewoner": "Bewoner of cliënt",
}

#: Highest answer value ("klopt helemaal").
MAX_ANTWOORD = 4
#: A rung counts as reached from this score (mean answer 3 of 4: "klopt grotendeels").
DREMPEL_BEREIKT = 0.75
#: A rung counts as partly reached from this score (mean answer 2 of 4: "klopt deels").
DREMPEL_DEELS = 0.5
#: Share of a rung's items that must be answered before the rung gets a score.
MIN_BEANTWOORD = 0.5
#: Smallest group the group profile shows (privacy).
MIN_GROEP = 3
#: Marker in exported JSON files.
FORMAAT = "leerlab-trap-1"

#: Status of a rung in a result: code → label shown to readers.
STATUS_LABEL: dict[str, str] = {
    "positie": "jouw positie",
    "bereikt": "bereikt",
    "deels": "deels bereikt",
    "niet": "niet bereikt",
    "onbekend": "te weinig antwoorden",
}


# --------------------------------------------------------------------------- schemas


class Trede(BaseModel):
    """One rung: what the system world does and which role the life world gets."""

    model_config = ConfigDict(extra="forbid")

    nummer: int = Field(ge=1, le=5)
    systeemwereld: str = Field(min_length=3)
    leefwereld: str = Field(min_length=3)
    uitleg: str = Field(min_length=20)
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = []

    @property
    def naam(self) -> str:
        return f"{self.nummer}. {self.systeemwereld} / {self.leefwereld}"


class Effect(BaseModel):
    """One of the four effects on people, with the rungs Leerlab relates it to."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field(min_length=3)
    treden: list[int] = Field(min_length=1)
    toelichting: str = Field(min_length=20)
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = []


class Antwoordoptie(BaseModel):
    """One answer on the scale; ``waarde`` runs from 0 to MAX_ANTWOORD."""

    model_config = ConfigDict(extra="forbid")

    waarde: int = Field(ge=0, le=MAX_ANTWOORD)
    label: str = Field(min_length=3)


class Duiding(BaseModel):
    """What a position means and a next step, for positions 0 (none reached) to 5."""

    model_config = ConfigDict(extra="forbid")

    positie: int = Field(ge=0, le=5)
    titel: str = Field(min_length=3)
    duiding: str = Field(min_length=20)
    volgende_stap: str = Field(min_length=20)
    bronnen: list[str] = Field(min_length=1)
    verwijzingen: list[Verwijzing] = []


class Item(BaseModel):
    """One statement of the self-assessment, tied to one rung and one perspective."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    perspectief: Perspectief
    trede: int = Field(ge=1, le=5)
    tekst: str = Field(min_length=10)


#: Columns of an exported CSV row that are computed; they are recomputed on reading.
BEREKENDE_KOLOMMEN = ("positie", "titel", "score_1", "score_2", "score_3", "score_4", "score_5")


class Resultaat(BaseModel):
    """One reader's exported answers: the situation, the perspective and the answers.

    Reads both the JSON export (``antwoorden`` as an object) and one CSV row (one
    column per item id). Computed fields in a file are ignored: the score is always
    recomputed from the answers with the current rule.
    """

    model_config = ConfigDict(extra="forbid")

    situatie: str = Field(min_length=1, max_length=200)
    perspectief: Perspectief
    antwoorden: dict[str, int | None]

    @model_validator(mode="before")
    @classmethod
    def _gather(cls, raw: Any) -> Any:
        if not isinstance(raw, dict):
            return raw
        raw = dict(raw)
        if raw.get("formaat") not in (None, FORMAAT):
            raise ValueError(f"onbekend formaat {raw.get('formaat')!r}; verwacht {FORMAAT!r}")
        raw.pop("formaat", None)
        raw.pop("uitslag", None)
        for column in BEREKENDE_KOLOMMEN:
            raw.pop(column, None)
        ids = {item.id for item in laad_trap().items}
        if "antwoorden" not in raw:
            answers = {key: raw.pop(key) for key in list(raw) if key in ids}
            raw["antwoorden"] = answers
        answers = raw["antwoorden"]
        if isinstance(answers, dict):
            raw["antwoorden"] = {
                k: (None if v in (None, "", "null") else _answer_value(k, v))
                for k, v in answers.items()
            }
        return raw

    @model_validator(mode="after")
    def _check_items(self) -> Resultaat:
        trap = laad_trap()
        own = {item.id for item in trap.items_van(self.perspectief)}
        foreign = sorted(k for k, v in self.antwoorden.items() if k not in own and v is not None)
        if foreign:
            raise ValueError(
                f"de antwoorden {', '.join(foreign)} horen niet bij perspectief "
                f"'{self.perspectief}'"
            )
        self.antwoorden = {k: v for k, v in self.antwoorden.items() if k in own}
        return self


def _answer_value(item_id: str, value: Any) -> int:
    """An answer as an int 0..MAX_ANTWOORD, or a Dutch ValueError naming the item."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"antwoord op {item_id} moet een getal van 0 tot {MAX_ANTWOORD} zijn of leeg "
            f"(nu: {value!r})"
        ) from None
    if not number.is_integer() or not 0 <= number <= MAX_ANTWOORD:
        raise ValueError(
            f"antwoord op {item_id} moet een geheel getal van 0 tot {MAX_ANTWOORD} zijn "
            f"(nu: {value!r})"
        )
    return int(number)


# --------------------------------------------------------------------------- the ladder


@dataclass(frozen=True)
class Trap:
    """The whole ladder as the data describes it, checked for consistency."""

    treden: tuple[Trede, ...]
    effecten: tuple[Effect, ...]
    schaal: tuple[Antwoordoptie, ...]
    duidingen: tuple[Duiding, ...]
    items: tuple[Item, ...]

    def items_van(self, perspectief: str) -> list[Item]:
        """A perspective's items in data order (rung by rung): the order of exports."""
        return [item for item in self.items if item.perspectief == perspectief]

    def vragenlijst(self, perspectief: str) -> list[Item]:
        """The items in the order a reader answers them: fixed, shuffled, never rung by rung.

        Statements in rung order would show the ladder and steer the answers; one fixed order
        for everyone keeps answers comparable between readers, sessions and paper versions.
        """
        return vaste_volgorde(self.items_van(perspectief), perspectief)

    def stelling_nummer(self, item_id: str) -> int:
        """The number a reader sees before a statement (1 = first in the questionnaire)."""
        item = next(i for i in self.items if i.id == item_id)
        return [i.id for i in self.vragenlijst(item.perspectief)].index(item_id) + 1

    def trede(self, nummer: int) -> Trede:
        return self.treden[nummer - 1]

    def effect_bij(self, positie: int) -> Effect:
        """The effect Leerlab relates to a position; position 0 shares rung 1's effect."""
        rung = max(positie, 1)
        return next(e for e in self.effecten if rung in e.treden)

    def duiding(self, positie: int) -> Duiding:
        return self.duidingen[positie]


def vaste_volgorde(items: list[Item], sleutel: str) -> list[Item]:
    """A shuffle that is the same on every machine (seeded by ``sleutel``), with no two
    statements of the same rung next to each other."""
    ordered = sorted(items, key=lambda i: i.id)
    for poging in range(1000):
        kandidaat = list(ordered)
        random.Random(f"trap-van-eigenaarschap:{sleutel}:{poging}").shuffle(kandidaat)
        if all(a.trede != b.trede for a, b in itertools.pairwise(kandidaat)):
            return kandidaat
    return ordered  # unreachable for two statements per rung; keeps the function total


def _check_trap(trap: Trap, folder: Path) -> None:
    """Cross-file checks: a mistake here would silently skew every result."""
    name = str(folder)
    if [t.nummer for t in trap.treden] != [1, 2, 3, 4, 5]:
        raise DataFout(f"{name}/treden.yaml", "er moeten precies vijf treden zijn, 1 tot en met 5.")
    covered = sorted(n for e in trap.effecten for n in e.treden)
    if covered != [1, 2, 3, 4, 5]:
        raise DataFout(
            f"{name}/effecten.yaml",
            f"elke trede hoort bij precies één effect; nu gekoppeld: {covered}.",
        )
    if [o.waarde for o in trap.schaal] != list(range(MAX_ANTWOORD + 1)):
        raise DataFout(f"{name}/schaal.yaml", f"de waarden moeten 0 tot {MAX_ANTWOORD} zijn.")
    if [d.positie for d in trap.duidingen] != [0, 1, 2, 3, 4, 5]:
        raise DataFout(f"{name}/duiding.yaml", "er moet een duiding zijn voor positie 0 tot 5.")
    ids = [item.id for item in trap.items]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise DataFout(f"{name}/items.yaml", f"deze id's komen dubbel voor: {', '.join(doubles)}.")
    for perspectief in PERSPECTIEVEN:
        for nummer in range(1, 6):
            if not any(i.trede == nummer for i in trap.items_van(perspectief)):
                raise DataFout(
                    f"{name}/items.yaml",
                    f"perspectief '{perspectief}' heeft geen stelling voor trede {nummer}.",
                )


def lees_trap(folder: Path | None = None) -> Trap:
    """Load and check the ladder from ``folder`` (default data/ladder/)."""
    folder = folder or data_dir() / "ladder"
    trap = Trap(
        treden=tuple(load_records(folder / "treden.yaml", Trede)),
        effecten=tuple(load_records(folder / "effecten.yaml", Effect)),
        schaal=tuple(load_records(folder / "schaal.yaml", Antwoordoptie)),
        duidingen=tuple(load_records(folder / "duiding.yaml", Duiding)),
        items=tuple(load_records(folder / "items.yaml", Item)),
    )
    _check_trap(trap, folder)
    return trap


@lru_cache(maxsize=1)
def laad_trap() -> Trap:
    """The course's ladder (cached)."""
    return lees_trap()


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Uitslag:
    """A position on the ladder, the profile across rungs and what is missing."""

    perspectief: str
    scores: dict[int, float | None]
    status: dict[int, str]
    positie: int | None
    ontbrekend: list[str]
    tekort: list[int]
    gemengd: bool
    op_weg_naar: int | None
    aantal_items: int = 0

    @property
    def volledig(self) -> bool:
        return self.positie is not None

    def procent(self, nummer: int) -> int | None:
        """Rung score as a whole percentage, rounded half up (as JavaScript's Math.round)."""
        score = self.scores[nummer]
        return None if score is None else math.floor(score * 100 + 0.5)

    def samenvatting(self) -> dict[str, Any]:
        """The result as plain data (what the page shows and the JSON export holds)."""
        trap = laad_trap()
        data: dict[str, Any] = {
            "positie": self.positie,
            "scores": {str(n): self.procent(n) for n in self.scores},
            "status": {str(n): self.status[n] for n in self.status},
            "gemengd": self.gemengd,
            "op_weg_naar": self.op_weg_naar,
            "ontbrekend": list(self.ontbrekend),
            "tekort": list(self.tekort),
        }
        if self.positie is not None:
            data["titel"] = trap.duiding(self.positie).titel
            data["effect"] = trap.effect_bij(self.positie).naam
        return data


def _needed(count: int) -> int:
    """How many of a rung's ``count`` items must be answered."""
    return max(1, math.ceil(count * MIN_BEANTWOORD))


def score(
    antwoorden: Mapping[str, int | None], perspectief: str, trap: Trap | None = None
) -> Uitslag:
    """Turn answers (item id → 0..4 or None) into an :class:`Uitslag` (see module doc)."""
    trap = trap or laad_trap()
    if perspectief not in PERSPECTIEVEN:
        raise InvoerFout(
            f"Perspectief '{perspectief}' bestaat niet; kies 'professional' of 'bewoner'."
        )
    items = trap.items_van(perspectief)
    own = {item.id for item in items}
    unknown = sorted(set(antwoorden) - own)
    if unknown:
        raise InvoerFout(
            f"Deze stellingen horen niet bij perspectief '{perspectief}': {', '.join(unknown)}."
        )
    for item_id, value in antwoorden.items():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ANTWOORD
        ):
            raise InvoerFout(
                f"Het antwoord op {item_id} moet 0 tot {MAX_ANTWOORD} zijn of leeg; "
                f"je gaf {value!r}."
            )
    scores: dict[int, float | None] = {}
    tekort: list[int] = []
    for nummer in range(1, 6):
        rung_items = [i for i in items if i.trede == nummer]
        given = [antwoorden[i.id] for i in rung_items if antwoorden.get(i.id) is not None]
        values = [v for v in given if v is not None]
        if len(values) < _needed(len(rung_items)):
            scores[nummer] = None
            tekort.append(nummer)
        else:
            scores[nummer] = sum(values) / (len(values) * MAX_ANTWOORD)
    ontbrekend = [i.id for i in items if antwoorden.get(i.id) is None]
    reached = [n for n, s in scores.items() if s is not None and s >= DREMPEL_BEREIKT]
    positie = None if tekort else max(reached, default=0)
    status: dict[int, str] = {}
    for nummer, s in scores.items():
        if s is None:
            status[nummer] = "onbekend"
        elif positie is not None and nummer == positie:
            status[nummer] = "positie"
        elif s >= DREMPEL_BEREIKT:
            status[nummer] = "bereikt"
        elif s >= DREMPEL_DEELS:
            status[nummer] = "deels"
        else:
            status[nummer] = "niet"
    gemengd = positie is not None and any(status[n] in ("deels", "niet") for n in range(1, positie))
    above = [
        n
        for n, s in scores.items()
        if positie is not None and n > positie and s is not None and s >= DREMPEL_DEELS
    ]
    return Uitslag(
        perspectief=perspectief,
        scores=scores,
        status=status,
        positie=positie,
        ontbrekend=ontbrekend,
        tekort=tekort,
        gemengd=gemengd,
        op_weg_naar=max(above, default=None),
        aantal_items=len(items),
    )


def melding(uitslag: Uitslag) -> str:
    """One Dutch paragraph: the position, or which statements still need an answer."""
    trap = laad_trap()
    if uitslag.positie is None:
        rungs = ", ".join(str(n) for n in uitslag.tekort)
        return (
            f"Nog geen uitslag. Beantwoord minstens de helft van de stellingen bij elke trede. "
            f"Bij trede {rungs} is dat nog niet zo. Open stellingen: "
            f"{_nummers(trap, uitslag.ontbrekend)}."
        )
    d = trap.duiding(uitslag.positie)
    if uitslag.positie == 0:
        text = "Je situatie staat nog niet op de trap: geen trede is duidelijk bereikt."
    else:
        text = f"Je situatie staat op trede {uitslag.positie}: {d.titel.lower()}."
    text += f" Het effect op mensen: {trap.effect_bij(uitslag.positie).naam}."
    if uitslag.op_weg_naar:
        text += f" Trede {uitslag.op_weg_naar} is deels bereikt."
    if uitslag.gemengd:
        text += " Let op: het beeld is gemengd, want een lagere trede is niet bereikt."
    if uitslag.ontbrekend:
        text += f" Niet beantwoord: stelling {_nummers(trap, uitslag.ontbrekend)}."
    return text


def _nummers(trap: Trap, item_ids: list[str]) -> str:
    """Item ids as the numbers the reader sees, ascending: "3, 7, 12"."""
    return ", ".join(str(n) for n in sorted(trap.stelling_nummer(i) for i in item_ids))


# --------------------------------------------------------------------------- export


def naar_json(situatie: str, perspectief: str, antwoorden: Mapping[str, int | None]) -> str:
    """The JSON export of one result (same shape as the page's download)."""
    uitslag = score(antwoorden, perspectief)
    items = laad_trap().items_van(perspectief)
    doc = {
        "formaat": FORMAAT,
        "situatie": situatie,
        "perspectief": perspectief,
        "antwoorden": {i.id: antwoorden.get(i.id) for i in items},
        "uitslag": uitslag.samenvatting(),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def csv_kolommen(perspectief: str) -> list[str]:
    items = laad_trap().items_van(perspectief)
    return ["situatie", "perspectief", *BEREKENDE_KOLOMMEN, *(i.id for i in items)]


def naar_csv(situatie: str, perspectief: str, antwoorden: Mapping[str, int | None]) -> str:
    """The CSV export of one result: a header and one row (same as the page's download)."""
    uitslag = score(antwoorden, perspectief)
    summary = uitslag.samenvatting()
    row: dict[str, Any] = {
        "situatie": situatie,
        "perspectief": perspectief,
        "positie": "" if uitslag.positie is None else uitslag.positie,
        "titel": summary.get("titel", ""),
        **{f"score_{n}": ("" if p is None else p) for n, p in summary["scores"].items()},
        **{i.id: antwoorden.get(i.id) for i in laad_trap().items_van(perspectief)},
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_kolommen(perspectief), lineterminator="\n")
    writer.writeheader()
    writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


# --------------------------------------------------------------------------- reading exports


@dataclass
class Ingelezen:
    """Results read from files, plus a Dutch problem for every line that could not be used."""

    resultaten: list[Resultaat] = field(default_factory=list)
    problemen: list[str] = field(default_factory=list)


def _validation_text(exc: ValidationError) -> str:
    first = exc.errors()[0]
    column = ".".join(str(p) for p in first.get("loc", ()) if not isinstance(p, int))
    where = f"veld '{column}': " if column else ""
    return where + _dutch(dict(first)).replace("' or '", "' of '")


def _read_csv(path: Path, text: str, into: Ingelezen) -> None:
    header = text.split("\n", 1)[0]
    # A spreadsheet with Dutch settings saves CSV with semicolons; accept both.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "perspectief" not in reader.fieldnames:
        into.problemen.append(
            f"{path}, regel 1: de kopregel mist de kolom 'perspectief'. "
            "Gebruik een export van de zelftest."
        )
        return
    for row in reader:
        line = reader.line_num
        if None in row:
            into.problemen.append(f"{path}, regel {line}: deze regel heeft te veel kolommen.")
            continue
        try:
            into.resultaten.append(Resultaat.model_validate(row))
        except ValidationError as exc:
            into.problemen.append(f"{path}, regel {line}: {_validation_text(exc)}")


def _json_line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _read_json(path: Path, text: str, into: Ingelezen) -> None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        into.problemen.append(
            f"{path}, regel {exc.lineno}: dit is geen geldige JSON ({exc.msg}). "
            "Gebruik een export van de zelftest."
        )
        return
    docs = doc if isinstance(doc, list) else [doc]
    decoder = json.JSONDecoder()
    starts = _object_lines(text, decoder) if isinstance(doc, list) else [1]
    for number, item in enumerate(docs):
        line = starts[number] if number < len(starts) else 1
        try:
            into.resultaten.append(Resultaat.model_validate(item))
        except ValidationError as exc:
            into.problemen.append(f"{path}, regel {line}: {_validation_text(exc)}")


def _object_lines(text: str, decoder: json.JSONDecoder) -> list[int]:
    """Line on which each element of a top-level JSON array starts."""
    lines: list[int] = []
    index = text.index("[") + 1
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            return lines
        lines.append(_json_line(text, index))
        _, index = decoder.raw_decode(text, index)


def _expand(paden: Iterable[Path]) -> list[Path]:
    """A folder stands for the .json and .csv files directly inside it."""
    out: list[Path] = []
    for path in paden:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in {".json", ".csv"})
        else:
            out.append(path)
    return out


def lees_resultaten(paden: Iterable[Path]) -> Ingelezen:
    """Read exported results (JSON or CSV files, or folders of them).

    A bad file or line is named in ``problemen``; everything else is still read.
    """
    into = Ingelezen()
    for path in _expand(paden):
        if not path.is_file():
            into.problemen.append(f"{path}: dit bestand bestaat niet.")
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            into.problemen.append(f"{path}: dit is geen UTF-8-tekst. Sla het op als UTF-8.")
            continue
        if path.suffix.lower() == ".csv":
            _read_csv(path, text, into)
        elif path.suffix.lower() == ".json":
            _read_json(path, text, into)
        else:
            into.problemen.append(f"{path}: alleen .json- en .csv-bestanden worden gelezen.")
    return into


# --------------------------------------------------------------------------- group profile


@dataclass(frozen=True)
class Groepsprofiel:
    """An anonymous summary of several results: counts and means, never single answers."""

    aantal: int
    onvolledig: int
    situaties: int
    per_perspectief: dict[str, int]
    #: positions 0..5 → number of results, for "iedereen" and per shown perspective.
    verdeling: dict[str, dict[int, int]]
    #: mean rung score (0..1) for "iedereen" and per shown perspective.
    profiel: dict[str, dict[int, float]]
    #: mean position per shown perspective.
    gemiddelde_positie: dict[str, float]
    #: professional minus bewoner, per rung (only when both perspectives are shown).
    kloof: dict[int, float] | None
    kloof_positie: float | None
    verborgen: list[str]

    def samenvatting(self) -> dict[str, Any]:
        """The aggregate as JSON, with rounded figures: what `leerlab ladder groep` writes and
        the live session exports (one shape, so a facilitator can compare the two)."""
        return {
            "aantal": self.aantal,
            "onvolledig": self.onvolledig,
            "situaties": self.situaties,
            "per_perspectief": self.per_perspectief,
            "verdeling": {g: {str(p): n for p, n in d.items()} for g, d in self.verdeling.items()},
            "gemiddelde_score": {
                g: {str(n): round(100 * s, 1) for n, s in d.items()}
                for g, d in self.profiel.items()
            },
            "gemiddelde_positie": {g: round(v, 2) for g, v in self.gemiddelde_positie.items()},
            "verschil_per_trede": (
                None
                if self.kloof is None
                else {str(n): round(100 * v, 1) for n, v in self.kloof.items()}
            ),
            "verschil_positie": None
            if self.kloof_positie is None
            else round(self.kloof_positie, 2),
            "niet_apart_getoond": self.verborgen,
        }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def groepsprofiel(resultaten: Sequence[Resultaat]) -> Groepsprofiel:
    """Combine results; a (sub)group smaller than MIN_GROEP is never shown, not on its own and
    not by subtraction (a perspective apart only when every perspective present has MIN_GROEP)."""
    scored = [(r, score(r.antwoorden, r.perspectief)) for r in resultaten]
    complete = [(r, u) for r, u in scored if u.positie is not None]
    if len(complete) < MIN_GROEP:
        raise LeerlabFout(
            f"Te weinig volledige resultaten: {len(complete)}. Een groepsprofiel toont pas "
            f"iets vanaf {MIN_GROEP} deelnemers, zodat niemand herkenbaar is."
        )

    def distribution(group: list[tuple[Resultaat, Uitslag]]) -> dict[int, int]:
        counts = dict.fromkeys(range(6), 0)
        for _, u in group:
            counts[u.positie or 0] += 1
        return counts

    per: dict[str, list[tuple[Resultaat, Uitslag]]] = {
        p: [(r, u) for r, u in complete if r.perspectief == p] for p in PERSPECTIEVEN
    }
    shown = [p for p in PERSPECTIEVEN if len(per[p]) >= MIN_GROEP]
    hidden: list[str] = [p for p in PERSPECTIEVEN if 0 < len(per[p]) < MIN_GROEP]
    if hidden:
        # "iedereen" minus a shown perspective would give away the hidden one or two people:
        # with any perspective too small, no perspective is shown on its own.
        shown = []
        hidden = [p for p in PERSPECTIEVEN if per[p]]
    groups: dict[str, list[tuple[Resultaat, Uitslag]]] = {"iedereen": complete}
    groups.update({p: per[p] for p in shown})
    verdeling: dict[str, dict[int, int]] = {}
    profiel: dict[str, dict[int, float]] = {}
    gemiddelde: dict[str, float] = {}
    for p in groups:
        verdeling[p] = distribution(groups[p])
        profiel[p] = {n: _mean([u.scores[n] or 0.0 for _, u in groups[p]]) for n in range(1, 6)}
        gemiddelde[p] = _mean([float(u.positie or 0) for _, u in groups[p]])
    both = all(p in shown for p in PERSPECTIEVEN)
    return Groepsprofiel(
        aantal=len(complete),
        onvolledig=len(scored) - len(complete),
        situaties=len({r.situatie.strip().lower() for r, _ in complete}),
        per_perspectief={p: len(per[p]) for p in PERSPECTIEVEN},
        verdeling=verdeling,
        profiel=profiel,
        gemiddelde_positie=gemiddelde,
        kloof=(
            {n: profiel["professional"][n] - profiel["bewoner"][n] for n in range(1, 6)}
            if both
            else None
        ),
        kloof_positie=(gemiddelde["professional"] - gemiddelde["bewoner"] if both else None),
        verborgen=hidden,
    )


def voorbeeldgroep() -> list[Resultaat]:
    """The illustrative group in data/ladder/voorbeeldgroep.csv (used in chapter 3b)."""
    return load_records(data_dir() / "ladder" / "voorbeeldgroep.csv", Resultaat)


# --------------------------------------------------------------------------- browser


def browser_config() -> dict[str, Any]:
    """Everything the in-page self-assessment needs, derived from this model.

    The page's script reads the thresholds and texts from here, so the rule is
    written once (in this module) and the browser parity test proves the page agrees.
    """
    trap = laad_trap()
    return {
        "formaat": FORMAAT,
        "maxAntwoord": MAX_ANTWOORD,
        "drempelBereikt": DREMPEL_BEREIKT,
        "drempelDeels": DREMPEL_DEELS,
        "minBeantwoord": MIN_BEANTWOORD,
        "nodig": {
            p: {
                str(n): _needed(sum(1 for i in trap.items_van(p) if i.trede == n))
                for n in range(1, 6)
            }
            for p in PERSPECTIEVEN
        },
        "statusLabel": STATUS_LABEL,
        "perspectieven": PERSPECTIEF_LABEL,
        "treden": [t.model_dump(exclude={"verwijzingen"}) | {"naam": t.naam} for t in trap.treden],
        "items": [i.model_dump() | {"nummer": trap.stelling_nummer(i.id)} for i in trap.items],
        "schaal": [o.model_dump() for o in trap.schaal],
        "duiding": [d.model_dump(exclude={"verwijzingen"}) for d in trap.duidingen],
        "effect": [trap.effect_bij(p).naam for p in range(6)],
        "csvKolommen": {p: csv_kolommen(p) for p in PERSPECTIEVEN},
    }
