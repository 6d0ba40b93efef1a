"""Data files load against their schema; bad data gets a Dutch message naming file, row, column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from leerlab import data
from leerlab.errors import DataFout
from leerlab.models import catalogus
from leerlab.models.naslag import Begrip, Casus, begrippen, casussen


class Row(BaseModel):
    naam: str
    aantal: int = Field(ge=0)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_all_course_data_is_valid() -> None:
    assert catalogus.check_all() == []


def test_glossary_and_cases_load() -> None:
    assert all(isinstance(b, Begrip) for b in begrippen())
    assert all(isinstance(c, Casus) for c in casussen())


def test_yaml_row_and_column_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "- naam: a\n  aantal: 1\n- naam: b\n  aantal: -3\n")
    with pytest.raises(DataFout) as err:
        data.load_records(path, Row)
    assert err.value.rij == 2
    assert err.value.kolom == "aantal"
    assert "rij 2" in str(err.value) and "'aantal'" in str(err.value)
    assert "minstens 0" in str(err.value)


def test_csv_missing_value_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "naam,aantal\na,1\nb,\n")
    with pytest.raises(DataFout, match=r"x.csv, rij 2, kolom 'aantal': dit veld ontbreekt"):
        data.load_records(path, Row)


def test_csv_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "naam,aantal\na,veel\n")
    with pytest.raises(DataFout, match="moet een geheel getal zijn"):
        data.load_records(path, Row)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "- naam: a\n  aantal: [1\n")
    with pytest.raises(DataFout, match=r"geen geldige YAML \(regel \d+\)"):
        data.load_records(path, Row)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "leeg"),
        ("naam: a\n", "moet een lijst zijn"),
        ("- onbekend: 1\n  naam: a\n  aantal: 1\n", None),
    ],
)
def test_shape_errors(tmp_path: Path, text: str, message: str | None) -> None:
    path = write(tmp_path, "x.yaml", text)
    if message is None:  # extra fields are allowed by Row, so this one loads
        assert data.load_records(path, Row)[0].naam == "a"
        return
    with pytest.raises(DataFout, match=message):
        data.load_records(path, Row)


def test_unknown_field_in_glossary_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "b.yaml",
        "- term: proef\n  definitie: Een definitie die lang genoeg is.\n  bronnen: [rmo2014]\n"
        "  defintie: typfout\n",
    )
    with pytest.raises(DataFout, match="kolom 'defintie': dit veld is onbekend"):
        data.load_records(path, Begrip)


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(DataFout, match="bestaat niet"):
        data.load_records(tmp_path / "weg.yaml", Row)
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("- naam: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataFout, match="UTF-8"):
        data.load_records(bad, Row)


def test_stray_data_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "_toc.yml").write_text("root: x\n")
    write(tmp_path / "data", "los.csv", "a\n1\n")
    monkeypatch.setenv("LEERLAB_ROOT", str(tmp_path))
    problems = catalogus.check_all()
    assert any("los.csv" in p and "geen schema" in p for p in problems)


def test_json_schemas_are_current() -> None:
    folder = data.data_dir() / "schema"
    for pattern, schema in catalogus.json_schemas().items():
        path = folder / catalogus.schema_filename(pattern)
        assert path.is_file(), f"{path} ontbreekt: draai `leerlab data schema`."
        assert json.loads(path.read_text(encoding="utf-8")) == schema, (
            f"{path} is verouderd: draai `leerlab data schema`."
        )


def test_no_orphan_json_schemas() -> None:
    expected = {catalogus.schema_filename(p) for p in catalogus.DATASETS}
    present = {p.name for p in (data.data_dir() / "schema").glob("*.json")}
    assert present <= expected, f"verouderde schema's: {sorted(present - expected)}"
    assert len(expected) == len(catalogus.DATASETS), "twee datasets delen een schemabestand"
