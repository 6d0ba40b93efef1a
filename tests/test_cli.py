"""The leerlab command speaks Dutch and never shows a traceback for a user error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEERLAB = str(Path(sys.executable).parent / "leerlab")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LEERLAB, *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_help_is_dutch() -> None:
    out = run("--help")
    assert out.returncode == 0
    assert "Gebruik:" in out.stdout and "Opdrachten" in out.stdout
    assert "Toon deze hulp en stop." in out.stdout
    for english in ("Usage:", "Show this message", "Commands"):
        assert english not in out.stdout


def test_unknown_command_is_dutch_without_traceback() -> None:
    out = run("vliegen")
    assert out.returncode == 2
    assert "Onbekende opdracht" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_data_check_passes() -> None:
    out = run("data", "controleer")
    assert out.returncode == 0, out.stderr
    assert "in orde" in out.stdout


def test_bad_data_gives_dutch_error(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text("root: x\n")
    (tmp_path / "data" / "begrippen").mkdir(parents=True)
    (tmp_path / "data" / "begrippen" / "01.yaml").write_text("- term: x\n  bronnen: []\n")
    out = subprocess.run(
        [LEERLAB, "data", "controleer"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"LEERLAB_ROOT": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert out.returncode == 2
    assert "data/begrippen/01.yaml, rij 1" in out.stderr
    assert "Traceback" not in out.stderr


def test_usage_errors_are_translated() -> None:
    from leerlab.commands.cli import dutch_error

    cases = [
        ("Missing argument 'resultaten'.", "Argument 'resultaten' ontbreekt."),
        (
            "No such option: --foo (Possible options: --jaren)",
            "Onbekende optie: --foo (bedoel je: --jaren)",
        ),
        (
            "Invalid value for '--jaren': Input should be a valid integer, unable to parse",
            "Ongeldige waarde voor '--jaren': dit moet een geheel getal zijn.",
        ),
        ("Got unexpected extra argument (x)", "Onverwacht extra argument: x"),
    ]
    for english, dutch in cases:
        assert dutch_error(english) == dutch


def test_missing_argument_from_the_real_command() -> None:
    out = run("ladder", "groep")
    assert out.returncode == 2
    assert "ontbreekt" in out.stderr and "Missing" not in out.stderr
