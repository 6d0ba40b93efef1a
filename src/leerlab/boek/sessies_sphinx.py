"""Sphinx directives that render the session plans from data/sessies/ into the book.

``{sessieplan} 3`` renders the plan of chapter 3 (with headings), ``{sessiehandout} 3``
its handout. Both note data/sessies/ as a dependency, so editing a plan rebuilds the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from leerlab.models import sessies
from leerlab.paths import data_dir


class _SessieDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def myst(self, sessie: sessies.Sessie) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        for path in sorted(data_dir().glob("sessies/*.yaml")):
            self.env.note_dependency(str(path))
        self.env.note_dependency(sessies.__file__)
        self.env.note_dependency(__file__)
        hoofdstuk = int(self.arguments[0])
        text = self.myst(sessies.sessie(hoofdstuk))
        # Headings are allowed; MyST attaches the sections to the page's own section, so
        # the rendered text must start with a heading (text before it would move down).
        container = nodes.container()
        lines = StringList(text.splitlines(), source=f"data/sessies/{hoofdstuk:02d}.yaml")
        self.state.nested_parse(lines, self.content_offset, container, match_titles=True)
        return list(container.children)


class Sessieplan(_SessieDirective):
    def myst(self, sessie: sessies.Sessie) -> str:
        return sessies.sessie_myst(sessie)


class Sessiehandout(_SessieDirective):
    def myst(self, sessie: sessies.Sessie) -> str:
        return sessies.handout_myst(sessie)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("sessieplan", Sessieplan)
    app.add_directive("sessiehandout", Sessiehandout)
    # Jupyter Book only adds CSS from a root _static/ folder; book/_static/ is added here.
    app.add_css_file("print.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
