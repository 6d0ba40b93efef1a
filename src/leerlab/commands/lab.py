"""`make lab`: JupyterLab on the student's view of the course.

JupyterLab opens a working folder (``werkmap/``, not in git) that holds only what a
student uses: ``hoofdstukken`` (a link to chapters/, opened as notebooks through jupytext)
and ``opdrachten`` (the student versions from book/opdrachten/*.zip, unpacked once and never
overwritten). The trainer's exercises/source, with the solutions, is outside that folder.
Markdown opens as a notebook only in this JupyterLab (its own settings folder), so
README.md elsewhere stays a text file. As root (CI, servers) ``--allow-root`` is added.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

from leerlab.paths import repo_root

#: JupyterLab settings for this course only: MyST chapters open as notebooks.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    }
}
SETTINGS_FOLDER = ".jupyterlab-instellingen"


def prepare(werkmap: Path, root: Path | None = None) -> Path:
    """Create (or refresh) the student's working folder; student work is never overwritten."""
    base = root or repo_root()
    werkmap.mkdir(parents=True, exist_ok=True)
    chapters = werkmap / "hoofdstukken"
    if not chapters.exists():
        chapters.symlink_to(os.path.relpath(base / "chapters", werkmap), target_is_directory=True)
    assignments = werkmap / "opdrachten"
    assignments.mkdir(exist_ok=True)
    for archive in sorted((base / "book" / "opdrachten").glob("*.zip")):
        if (assignments / archive.stem).exists():
            continue
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(assignments)
    settings = werkmap / SETTINGS_FOLDER
    settings.mkdir(exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2) + "\n")
    return werkmap


def command(werkmap: Path, *extra: str) -> list[str]:
    """The jupyter lab command line for ``werkmap``."""
    args = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        f"--ServerApp.root_dir={werkmap.resolve()}",
        f"--LabApp.app_settings_dir={(werkmap / SETTINGS_FOLDER).resolve()}",
        "--LabApp.default_url=/lab/tree/hoofdstukken",
    ]
    if os.getuid() == 0:
        args.append("--allow-root")
    return [*args, *extra]


def main() -> None:
    werkmap = prepare(Path(sys.argv[1]) if len(sys.argv) > 1 else repo_root() / "werkmap")
    args = command(werkmap, *sys.argv[2:])
    os.execv(args[0], args)


if __name__ == "__main__":
    main()
