"""The catalogue of the course's data: which schema checks which file under data/.

It sits above the models because it names their schemas; data.py below only loads.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from leerlab.data import _display_path, load_records
from leerlab.errors import DataFout
from leerlab.paths import data_dir

#: Which schema checks which data files: glob under data/ → "module:Model".
#: Every file in data/ (except README and schema/) must match one entry.
DATASETS: dict[str, str] = {
    "begrippen/*.yaml": "leerlab.models.naslag:Begrip",
    "casussen/*.yaml": "leerlab.models.naslag:Casus",
    "ladder/treden.yaml": "leerlab.models.ladder:Trede",
    "ladder/effecten.yaml": "leerlab.models.ladder:Effect",
    "ladder/schaal.yaml": "leerlab.models.ladder:Antwoordoptie",
    "ladder/duiding.yaml": "leerlab.models.ladder:Duiding",
    "ladder/items.yaml": "leerlab.models.ladder:Item",
    "ladder/voorbeeldgroep.csv": "leerlab.models.ladder:Resultaat",
    "sessies/*.yaml": "leerlab.models.sessies:Sessie",
    "sessies/kit/*.yaml": "leerlab.models.kit:Briefing",
    "sessies/begeleiding/*.yaml": "leerlab.models.kit:Advies",
    "sessies/kaarten/*.yaml": "leerlab.models.kit:Kaart",
    "bekostiging/parameters.csv": "leerlab.models.bekostiging:Parameter",
    "bekostiging/scenarios.yaml": "leerlab.models.bekostiging:Scenario",
    "bekostiging/stemming.yaml": "leerlab.models.stemming:Vraag",
    "opdrachten/h01-*.csv": "leerlab.models.opdrachten:Voorstel",
    "opdrachten/h02-*.csv": "leerlab.models.opdrachten:Tijdsbesteding",
    "opdrachten/h03-*.csv": "leerlab.models.opdrachten:LadderAntwoord",
    "opdrachten/h05-*.csv": "leerlab.models.opdrachten:HulpPerDomein",
    "opdrachten/h07-*.csv": "leerlab.models.opdrachten:AanbiederInGebied",
    "opdrachten/h08-*.csv": "leerlab.models.opdrachten:Bijeenkomst",
    "figuren/wie-beslist.yaml": "leerlab.models.overzichten:Verschuiving",
    "figuren/lab-vragen.yaml": "leerlab.models.overzichten:LabVraag",
    "figuren/lab-antwoorden.yaml": "leerlab.models.overzichten:LabAntwoord",
}


def model_for(pattern: str) -> type[BaseModel]:
    module, _, name = DATASETS[pattern].partition(":")
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


def unmatched_files() -> list[Path]:
    """Data files no schema covers: each is a mistake (a typo in a name, a stray file)."""
    root = data_dir()
    covered = {p for pattern in DATASETS for p in root.glob(pattern)}
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix in {".yaml", ".yml", ".csv"}
        and p not in covered
        and "schema" not in p.relative_to(root).parts
    )


def check_all() -> list[str]:
    """Validate every data file; return Dutch problems (empty when all is well)."""
    problems: list[str] = []
    for pattern in DATASETS:
        model = model_for(pattern)
        for path in sorted(data_dir().glob(pattern)):
            try:
                load_records(path, model)
            except DataFout as fout:
                problems.append(str(fout))
    problems += [
        f"Fout in {_display_path(p)}: geen schema kent dit bestand. Voeg het toe aan "
        "leerlab.models.catalogus.DATASETS of verplaats het."
        for p in unmatched_files()
    ]
    return problems


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema per dataset, written to data/schema/ for editors and reviewers."""
    return {
        pattern: {"type": "array", "items": model_for(pattern).model_json_schema()}
        for pattern in DATASETS
    }


def schema_filename(pattern: str) -> str:
    """A file name unique per pattern: "ladder/items.yaml" → ladder-items.schema.json,
    "opdrachten/h01-*.csv" → opdrachten-h01.schema.json, "begrippen/*.yaml" → begrippen."""
    stem = pattern.rsplit(".", 1)[0].replace("*", "")
    parts = [part.strip("-_.") for part in stem.split("/")]
    return "-".join(part for part in parts if part) + ".schema.json"


def write_json_schemas(folder: Path | None = None) -> Iterable[Path]:
    folder = folder or data_dir() / "schema"
    folder.mkdir(parents=True, exist_ok=True)
    for pattern, schema in json_schemas().items():
        target = folder / schema_filename(pattern)
        target.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        yield target
