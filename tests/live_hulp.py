"""Helpers shared by the live-session tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def zbar(path: Path) -> list[str]:
    """Decode with Debian's zbarimg (zbar-tools); a Micro QR would not decode."""
    exe = shutil.which("zbarimg")
    if exe is None:
        pytest.fail("zbarimg ontbreekt: installeer het met `make system-deps` (zbar-tools).")
    done = subprocess.run([exe, "--quiet", str(path)], capture_output=True, text=True, check=True)
    return done.stdout.split()
