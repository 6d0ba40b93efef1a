"""Run the Jupyter Book 1 CLI with Sphinx's parallel reading switched on.

Jupyter Book 1 has no ``-j`` option, but its ``build_sphinx`` accepts ``jobs``; reading
in parallel also executes the chapter notebooks in parallel, which halves a clean build
on two cores. Usage: ``python -m leerlab.boek.jupyter_book_parallel build ...`` (as jupyter-book).
"""

from __future__ import annotations

import functools
import os
import sys

# jsonschema imports rfc3987_syntax (URI format checks the book config never uses), which
# compiles a grammar for about 4 s on every build; without it jsonschema skips that check.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import jupyter_book.cli.main as cli  # noqa: E402
import jupyter_book.sphinx  # noqa: E402


def _declare_multitoc_parallel_safe() -> None:
    """sphinx-multitoc-numbering only swaps TocTreeCollector.assign_section_numbers, which
    runs in the main process after reading; it is safe, it just does not say so (and an
    undeclared extension turns the build serial with a warning, an error under -W)."""
    import sphinx_multitoc_numbering as multitoc

    setup = multitoc.setup

    def declared_setup(app: object) -> dict[str, object]:
        setup(app)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

    multitoc.setup = declared_setup


def _cache_pybtex_entry_points() -> None:
    """pybtex looks its plugins up in the installed packages' entry points on every
    citation it formats: about 20 ms a call, seconds per build. The installed packages do
    not change during a build, so each (group, name) is looked up once."""
    import pybtex.plugin

    lookup = pybtex.plugin.entry_points

    @functools.cache
    def cached(group: str, name: str | None) -> tuple[object, ...]:
        if name is None:
            return tuple(lookup(group=group))
        return tuple(lookup(group=group, name=name))

    def entry_points(*, group: str, name: str | None = None) -> tuple[object, ...]:
        return cached(group, name)

    pybtex.plugin.entry_points = entry_points  # type: ignore[assignment]


_patched = False


def speed_ups() -> None:
    """Patches that change how fast the book builds, never what it contains (once)."""
    global _patched
    if _patched:
        return
    _patched = True
    _declare_multitoc_parallel_safe()
    _cache_pybtex_entry_points()
    jobs = int(os.environ.get("LEERLAB_JOBS", os.cpu_count() or 1))
    # cli.build imports build_sphinx from the module at call time: patch it there.
    original = jupyter_book.sphinx.build_sphinx
    jupyter_book.sphinx.build_sphinx = functools.partial(original, jobs=jobs)  # type: ignore[assignment]


def run(args: list[str]) -> int:
    """Run ``jupyter-book ARGS`` in this process and return its exit code (the preview
    builds this way in a forked process that already imported Sphinx and the extensions)."""
    speed_ups()
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


def main() -> None:
    speed_ups()
    cli.main()


if __name__ == "__main__":
    main()
