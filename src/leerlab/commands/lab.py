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
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

from leerlab.paths import repo_root

#: JupyterLab settings for this course only: MyST chapters open as notebooks.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    }
}
SETTINGS_FOLDER = ".jupyterlab-instellingen"


def _language_info() -> dict[str, Any]:
    from ipykernel.ipkernel import IPythonKernel

    info: dict[str, Any] = dict(IPythonKernel.language_info)
    return info


class CursusInhoud(build_async_jupytext_contents_manager_class(AsyncLargeFileManager)):  # type: ignore[misc]
    """Jupytext's contents manager, plus the kernel's language_info for MyST chapters.

    JupyterLab writes the running kernel's language_info into every notebook it opens and
    then marks it modified. A chapter file does not store it (jupytext leaves it out), so
    it is added when the chapter is read: opening no longer marks a chapter as changed, and
    saving still writes the same bytes.
    """

    async def get(self, path: str, content: bool = True, type: Any = None, **kwargs: Any) -> Any:
        model = await super().get(path, content=content, type=type, **kwargs)
        if content and model.get("type") == "notebook" and path.endswith(".md"):
            model["content"]["metadata"].setdefault("language_info", _language_info())
        return model


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
        "--ServerApp.contents_manager_class=leerlab.commands.lab.CursusInhoud",
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
