"""Where the course's folders are, whether run from a checkout, a notebook, a test or a wheel.

In a checkout the course data is ``data/`` beside ``_toc.yml``. The wheel carries a copy of
that folder as ``leerlab/_data`` (packaged at build time, see pyproject.toml), so chapters
and assignments also run after ``pip install leerlab-….whl`` outside the checkout.
Order: LEERLAB_ROOT, then the checkout around the working folder or this file, then the
packaged copy.
"""

import os
from pathlib import Path

#: The course data inside an installed wheel (absent in an editable checkout install).
PACKAGED_DATA = Path(__file__).resolve().parent / "_data"

_NOT_FOUND = (
    "Map van de cursus niet gevonden. Installeer het cursuspakket (pip install leerlab-….whl) "
    "of zet LEERLAB_ROOT op de cursusmap."
)


def _checkout() -> Path | None:
    env = os.environ.get("LEERLAB_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "_toc.yml").is_file() and (folder / "data").is_dir():
                return folder
    return None


def repo_root() -> Path:
    """The checkout's root: LEERLAB_ROOT if set, else the nearest parent holding _toc.yml."""
    root = _checkout()
    if root is None:
        raise FileNotFoundError(_NOT_FOUND)
    return root


def data_dir() -> Path:
    """The course data: the checkout's data/ if there is a checkout, else the wheel's copy."""
    root = _checkout()
    if root is not None:
        return root / "data"
    if PACKAGED_DATA.is_dir():
        return PACKAGED_DATA
    raise FileNotFoundError(_NOT_FOUND)
