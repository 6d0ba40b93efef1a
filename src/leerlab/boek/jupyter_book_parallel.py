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


def main() -> None:
    _declare_multitoc_parallel_safe()
    jobs = int(os.environ.get("LEERLAB_JOBS", os.cpu_count() or 1))
    # cli.build imports build_sphinx from the module at call time: patch it there.
    original = jupyter_book.sphinx.build_sphinx
    jupyter_book.sphinx.build_sphinx = functools.partial(original, jobs=jobs)  # type: ignore[assignment]
    cli.main()


if __name__ == "__main__":
    main()
