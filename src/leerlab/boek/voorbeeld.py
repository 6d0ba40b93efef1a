"""`make preview`: serve the book on 127.0.0.1, rebuild what an edit affects, reload the page.

Built on sphinx-autobuild's parts: its file watcher (watchfiles), its static server with the
reload script (starlette, uvicorn) and its one-process-per-rebuild scheme. The rebuild itself
is the same build as `leerlab boek bouw` (Jupyter Book's configuration, the data
dependencies, the theme fixes and the session PDFs), run in a process forked from this one,
which has Sphinx and every extension imported already: that saves the start-up of a new
Python for every edit. After each rebuild one Dutch line says which pages were rebuilt, why,
and how long it took.

Usage: ``python -m leerlab.boek.voorbeeld [--port 8000] [--host 127.0.0.1]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

#: What an author edits; each is watched when it exists.
WATCHED = ("chapters", "book", "data", "src/leerlab", "exercises/source", "_config.yml", "_toc.yml")
#: Changes there never need a rebuild (bytecode, editor swap files, notebook checkpoints).
IGNORED = (
    r"/__pycache__/",
    r"\.ipynb_checkpoints",
    r"\.sw[a-p]$",
    r"~$",
    r"/\.#",
    r"/4913$",
)


#: Modules the build imports; the preview imports them once, before it forks a rebuild.
PRELOAD = (
    "jupyter_book.cli.main",
    "myst_nb.sphinx_ext",
    "sphinx.application",
    "sphinx.builders.html",
    "sphinx.search.nl",
    "sphinx_book_theme",
    "sphinx_comments",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_exercise",
    "sphinx_external_toc",
    "sphinx_multitoc_numbering",
    "sphinx_thebe",
    "sphinx_togglebutton",
    "sphinxcontrib.bibtex",
    "textstat",
    "jupyter_cache",
    "leerlab.boek.sphinx_ext",
    "leerlab.boek.afhankelijkheden_sphinx",
    "leerlab.boek.leesbaarheid",
    "leerlab.boek.pdf",
)


def _preload() -> None:
    """Import the build's heavy modules once, here; every forked rebuild inherits them."""
    import importlib

    from leerlab.boek import jupyter_book_parallel

    for name in PRELOAD:
        importlib.import_module(name)
    jupyter_book_parallel.speed_ups()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


class Rebuild:
    """The callback sphinx-autobuild's watcher runs (in a forked process) after a change."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        from leerlab.boek import bouw

        shown = [_shown(Path(p), self.root) for p in changed_paths[:4]]
        more = " …" if len(changed_paths) > 4 else ""
        print(f"Gewijzigd: {', '.join(shown)}{more}. Opnieuw bouwen…", flush=True)
        start = time.perf_counter()
        try:
            bouw.build(self.root, in_process=True)
        except LeerlabFout as fout:
            print(f"{fout}\nHet voorbeeld toont de vorige versie tot de fout is opgelost.")
        else:
            print(f"Klaar na {time.perf_counter() - start:.1f} s; de pagina laadt opnieuw.")
        sys.stdout.flush()


def create_app(root: Path, host: str, port: int) -> Any:
    """The ASGI app: the built site, plus the reload socket and script of sphinx-autobuild."""
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    watched = [root / name for name in WATCHED if (root / name).exists()]
    ignore = IgnoreFilter([root / "_build"], list(IGNORED))
    watcher = RebuildServer(watched, ignore, change_callback=Rebuild(root))  # type: ignore[arg-type]
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=root / "_build" / "html", html=True)),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}")],
        lifespan=watcher.lifespan,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make preview", description=__doc__)
    parser.add_argument("--port", type=int, default=8000, help="poort (0: een vrije poort)")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    import uvicorn
    from sphinx_autobuild.utils import find_free_port

    from leerlab.boek import bouw

    root = repo_root()
    port = args.port or find_free_port()
    print("Het boek wordt eerst bijgewerkt…", flush=True)
    try:
        bouw.build(root)
    except LeerlabFout as fout:
        if not (root / "_build" / "html" / "index.html").is_file():
            raise SystemExit(f"{fout}\nEr is nog geen gebouwd boek om te tonen.") from None
        print(f"{fout}\nHet voorbeeld toont de vorige versie tot de fout is opgelost.")
    _preload()
    print(
        f"Voorbeeld op http://{args.host}:{port}/ : bewaar een bestand in chapters/, book/, "
        "data/ of src/leerlab/ en de pagina laadt vanzelf opnieuw (stoppen met Ctrl-C).",
        flush=True,
    )
    uvicorn.run(create_app(root, args.host, port), host=args.host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
