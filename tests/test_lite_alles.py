"""Every chapter notebook and every assignment runs in the offline JupyterLite site.

About 20 s per notebook in Chromium on 2 cores (32 notebooks: over 10 minutes), so CI runs
the three in tests/test_lite_browser.py and this full sweep runs on request, before a release
or after a change to the lab's packages: ``LEERLAB_LITE_ALLES=1 .venv/bin/python -m pytest
tests/test_lite_alles.py``. Assignments run with their worked answers filled in (the
reference solution, which never leaves the test), so every cell, tests included, must pass.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from leerlab.boek import lite

from .test_lite_browser import _answers, error_outputs, open_lab, run_all, save, set_answers

__all__ = ["open_lab"]  # the fixture, re-used

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("LEERLAB_LITE_ALLES") != "1",
        reason="de volledige ronde door de browserversie duurt lang; zet LEERLAB_LITE_ALLES=1",
    ),
]
ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(f"chapters/{p.stem}" for p in (ROOT / "chapters").glob("*.md"))
ASSIGNMENTS = sorted(p.name for p in (ROOT / "exercises" / "source").iterdir() if p.is_dir())


@pytest.mark.parametrize("docname", CHAPTERS)
def test_chapter_runs_in_the_browser(open_lab: Any, docname: str) -> None:
    lab = open_lab(lite.chapter_lab_path(docname))
    run_all(lab.page)
    assert error_outputs(lab.page) == []
    assert lab.blocked == [] and lab.page_errors == []


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_runs_in_the_browser(open_lab: Any, site: Path, name: str) -> None:
    lab = open_lab(lite.assignment_lab_path(name))
    release = lite.notebook_in_site(site, lite.assignment_lab_path(name))
    worked = _answers(name, release)
    set_answers(
        lab.page,
        {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in worked.cells
            if c.metadata.get("nbgrader", {}).get("solution")
        },
    )
    save(lab.page)
    run_all(lab.page)
    assert error_outputs(lab.page) == []
    assert lab.blocked == [] and lab.page_errors == []
