"""Load the course's data files (YAML or CSV) against a pydantic schema.

Every failure becomes a :class:`~leerlab.errors.DataFout` that names the file, the row
and the column in Dutch, so an author can fix the file without reading Python.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from leerlab.errors import DataFout
from leerlab.paths import data_dir, repo_root

M = TypeVar("M", bound=BaseModel)

_PYDANTIC_NL: dict[str, str] = {
    "missing": "dit veld ontbreekt; vul het in",
    "string_type": "dit moet tekst zijn",
    "string_too_short": "deze tekst is te kort of leeg",
    "int_type": "dit moet een geheel getal zijn",
    "int_parsing": "dit moet een geheel getal zijn",
    "int_from_float": "dit moet een geheel getal zijn, zonder decimalen",
    "float_type": "dit moet een getal zijn",
    "float_parsing": "dit moet een getal zijn (gebruik een punt voor decimalen)",
    "bool_type": "dit moet ja/nee (true/false) zijn",
    "bool_parsing": "dit moet ja/nee (true/false) zijn",
    "list_type": "dit moet een lijst zijn",
    "dict_type": "dit moet een tabel met velden zijn",
    "extra_forbidden": "dit veld is onbekend; controleer de spelling of haal het weg",
    "literal_error": "deze waarde is niet toegestaan",
    "enum": "deze waarde is niet toegestaan",
    "string_pattern_mismatch": "deze tekst heeft niet de juiste vorm",
}


def _dutch(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {
            "greater_than_equal": "minstens",
            "greater_than": "meer dan",
            "less_than_equal": "hoogstens",
            "less_than": "minder dan",
        }[kind]
        bound = next(iter(ctx.values()), "")
        return f"deze waarde moet {sign} {bound} zijn (nu: {error.get('input')!r})"
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return f"deze waarde is niet toegestaan; kies uit {ctx['expected']}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "ongeldige waarde")))
    return _PYDANTIC_NL.get(kind, f"ongeldige waarde ({error.get('msg', kind)})")


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(repo_root()))
    except (ValueError, FileNotFoundError):
        return str(path)


def _read_text(path: Path) -> str:
    shown = _display_path(path)
    if not path.is_file():
        raise DataFout(shown, "het bestand bestaat niet. Controleer de naam en de map.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFout(shown, "het bestand is geen UTF-8-tekst. Sla het op als UTF-8.") from exc


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing file, bad encoding or bad YAML is a Dutch DataFout."""
    try:
        return yaml.safe_load(_read_text(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (regel {mark.line + 1})" if mark is not None else ""
        raise DataFout(
            _display_path(path),
            f"dit is geen geldige YAML{line}. Controleer inspringing en dubbele punten.",
        ) from exc


def _read_rows(path: Path) -> list[Any]:
    """Raw rows of a YAML list or a CSV file; row numbers are 1-based data rows."""
    shown = _display_path(path)
    if path.suffix == ".csv":
        return list(csv.DictReader(_read_text(path).splitlines()))
    rows = read_yaml(path)
    if rows is None:
        raise DataFout(shown, "het bestand is leeg.")
    if not isinstance(rows, list):
        raise DataFout(shown, "het bestand moet een lijst zijn: elke regel begint met '- '.")
    return rows


def load_records(path: Path, model: type[M]) -> list[M]:
    """Read every row of ``path`` as a ``model``; the first bad row raises a DataFout."""
    shown = _display_path(path)
    records: list[M] = []
    for number, row in enumerate(_read_rows(path), start=1):
        if path.suffix == ".csv":
            # An empty CSV cell means "not given": defaults apply, required fields are "missing".
            row = {key: value for key, value in row.items() if value not in ("", None)}
        try:
            records.append(model.model_validate(row))
        except ValidationError as exc:
            first = exc.errors()[0]
            column = ".".join(str(p) for p in first.get("loc", ()) if not isinstance(p, int))
            raise DataFout(shown, _dutch(dict(first)), rij=number, kolom=column or None) from None
    return records


def load_folder(pattern: str, model: type[M]) -> list[M]:
    """All records of every file under data/ matching ``pattern``, in file-name order."""
    files = sorted(data_dir().glob(pattern))
    return [record for path in files for record in load_records(path, model)]
