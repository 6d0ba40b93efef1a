"""Code style and types are part of the test suite: ruff (lint + format) and mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHS = ["src", "tests", "bench", "exercises/nbgrader_config.py"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    existing = [p for p in PATHS if (ROOT / p).exists()]
    return subprocess.run(
        [*command, *existing], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check() -> None:
    out = run(str(BIN / "ruff"), "check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format() -> None:
    out = run(str(BIN / "ruff"), "format", "--check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_on_package() -> None:
    out = subprocess.run(
        [str(BIN / "mypy"), "src/leerlab"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
