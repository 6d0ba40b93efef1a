"""Where the course's folders are, whether run from a checkout, a notebook or a test."""

import os
from pathlib import Path


def repo_root() -> Path:
    """The checkout's root: LEERLAB_ROOT if set, else the nearest parent holding _toc.yml."""
    env = os.environ.get("LEERLAB_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "_toc.yml").is_file() and (folder / "data").is_dir():
                return folder
    raise FileNotFoundError("Map van de cursus niet gevonden: zet LEERLAB_ROOT op de cursusmap.")


def data_dir() -> Path:
    return repo_root() / "data"
