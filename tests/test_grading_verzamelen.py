"""Collecting you can trust: a submission belongs to a student only through the platform's
own per-student pattern; ambiguity is listed, never guessed; links, devices and oversized
files are refused with a reason."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from leerlab.grading.cursusmap import Cursus, Student, opzetten
from leerlab.grading.uitdelen import uitdelen
from leerlab.grading.verzamelen import MAX_BYTES, match, verzamelen

A = "h04"
NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "x": "%s"}'


def nb(tag: str) -> bytes:
    return NB % tag.encode()


@pytest.fixture
def cursus(tmp_path: Path) -> Cursus:
    lijst = tmp_path / "lijst.csv"
    rows = ["id;voornaam;achternaam", "s001;Anna;de Vries", "s002;Bram;Jansen", "s003;Cas;Smit",
            "s004;Dirk;Bos", "s005;Eva;Mol", "s006;Fleur;Kok", "s007;Gijs;Wit"]  # fmt: skip
    lijst.write_text("\n".join(rows) + "\n")
    c = opzetten(tmp_path / "cursus", lijst)
    uitdelen(c, A)
    return c


def saved(cursus: Cursus, student: str) -> bytes | None:
    path = cursus.folder("submitted", student, A) / f"{A}.ipynb"
    return path.read_bytes() if path.is_file() else None


def test_patterns_of_each_platform() -> None:
    students = [Student("s001", "Anna", "de Vries"), Student("s002", "Bram", "Jansen")]
    cases = {
        "Anna de Vries_77_assignsubmission_file_/h04.ipynb": ["s001"],  # Moodle folder
        "Bram Jansen_78_assignsubmission_file_h04.ipynb": ["s002"],  # Moodle flat
        "1234-56 - Bram Jansen - 3 feb 2026 1201 - h04.ipynb": ["s002"],  # Brightspace
        "devriesanna_late_991_12_h04.ipynb": ["s001"],  # Canvas, by name
        "x_s002_12_h04.ipynb": ["s002"],  # Canvas, by user id
        "s001/h04.ipynb": ["s001"],
        "s002/s001.ipynb": ["s002"],  # a name inside another student's folder never counts
        "s002/Anna de Vries - h04.ipynb": ["s002"],
        "map/s001/h04.ipynb": [],
        "Anna de Vries.ipynb": [],
    }
    for path, expected in cases.items():
        assert [s.id for s in match(path, students)] == expected, path


def test_zip_victims_ambiguity_links_and_size(cursus: Cursus, tmp_path: Path) -> None:
    download = tmp_path / "download.zip"
    with zipfile.ZipFile(download, "w") as z:
        z.writestr("s001/h04.ipynb", nb("anna"))
        z.writestr("s003/s001.ipynb", nb("aanval"))  # issue 20: matched to the victim before
        z.writestr("s003/h04.ipynb", nb("cas"))
        z.writestr("s004/poging1.ipynb", nb("dirk1"))
        z.writestr("s004/poging2.ipynb", nb("dirk2"))
        z.writestr("1-2 - Bram Jansen - 1 feb 2026 - h04.ipynb", nb("bram-oud"))
        z.writestr("1-3 - Bram Jansen - 2 feb 2026 - h04.ipynb", nb("bram-nieuw"))
        link = zipfile.ZipInfo("s005/h04.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "../../gradebook.db")
        z.writestr("s006/h04.ipynb", b"x" * (MAX_BYTES + 1))
        z.writestr("Gijs Wit_12_assignsubmission_file_/opdracht.ipynb", nb("gijs"))
    result = verzamelen(cursus, A, download)
    reasons = dict(result.onbekend)
    assert saved(cursus, "s001") == nb("anna"), result
    assert saved(cursus, "s003") == nb("cas")
    assert saved(cursus, "s004") is None and "kies er zelf één" in reasons["s004"]
    assert saved(cursus, "s002") is None and "meerdere bestanden" in reasons["s002"]
    assert saved(cursus, "s005") is None and "snelkoppeling" in reasons["s005/h04.ipynb"]
    assert saved(cursus, "s006") is None and "groter dan" in reasons["s006/h04.ipynb"]
    assert saved(cursus, "s007") == nb("gijs") and "hernoemd" in result.opmerkingen["s007"]
    assert not (cursus.root / "submitted" / "s005" / A / "h04.ipynb").is_symlink()


def test_folder_refuses_links_devices_and_large_files(cursus: Cursus, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for student in ("s001", "s002", "s003", "s004"):
        (inbox / student).mkdir(parents=True)
    (inbox / "s001" / "h04.ipynb").write_bytes(nb("anna"))
    (inbox / "s002" / "h04.ipynb").symlink_to(cursus.root / "source" / A / f"{A}.ipynb")
    os.mkfifo(inbox / "s003" / "h04.ipynb")
    (inbox / "s004" / "h04.ipynb").write_bytes(b"x" * (MAX_BYTES + 1))
    (inbox / "s005").symlink_to(cursus.root)  # a folder link to the course itself
    result = verzamelen(cursus, A, inbox)
    reasons = dict(result.onbekend)
    assert saved(cursus, "s001") == nb("anna")
    assert saved(cursus, "s002") is None and "snelkoppeling" in reasons["s002/h04.ipynb"]
    assert saved(cursus, "s003") is None and "geen gewoon bestand" in reasons["s003/h04.ipynb"]
    assert saved(cursus, "s004") is None and "groter dan" in reasons["s004/h04.ipynb"]
    assert saved(cursus, "s005") is None and "snelkoppeling" in reasons["s005"]
    assert sorted(result.ontbrekend) == ["s002", "s003", "s004", "s005", "s006", "s007"]
