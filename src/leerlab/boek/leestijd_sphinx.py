"""Sphinx extension: ``{leestijden}`` renders the reading-time table of the chapters.

Built from the chapter files at build time (leerlab.boek.leesbaarheid), so the intro never
goes stale: every chapter file is recorded as a dependency of the page that shows it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from leerlab.boek.leesbaarheid import hoofdstukpaginas, leestijd_tabel
from leerlab.paths import repo_root


class Leestijden(SphinxDirective):
    """Table: chapter, words, reading time (sections counted with their chapter)."""

    def run(self) -> list[nodes.Node]:
        root = repo_root()
        for page in hoofdstukpaginas(root):
            self.env.note_dependency(str(page))
        container = nodes.container()
        lines = StringList(leestijd_tabel(root).splitlines(), source="chapters/*.md")
        self.state.nested_parse(lines, self.content_offset, container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("leestijden", Leestijden)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
