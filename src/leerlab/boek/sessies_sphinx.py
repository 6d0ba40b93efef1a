"""Sphinx directives that render the session plans from data/sessies/ into the book.

``{sessieplan} 3`` renders the plan of chapter 3 (with headings), ``{sessiehandout} 3``
its handout. Both note the plan's file as a dependency, so editing a plan rebuilds its page
(and only that page: the other plans are read to find it, but do not shape it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from leerlab.data import load_records
from leerlab.models import sessies
from leerlab.paths import data_dir


class _SessieDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def myst(self, sessie: sessies.Sessie) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        hoofdstuk = int(self.arguments[0])
        sessie = sessies.sessie(hoofdstuk)
        for path in _plan_files(hoofdstuk):
            self.env.note_dependency(str(path))
        self.env.note_dependency(sessies.__file__)
        self.env.note_dependency(__file__)
        text = self.myst(sessie)
        # Headings are allowed; MyST attaches the sections to the page's own section, so
        # the rendered text must start with a heading (text before it would move down).
        container = nodes.container()
        lines = StringList(text.splitlines(), source=f"data/sessies/{hoofdstuk:02d}.yaml")
        self.state.nested_parse(lines, self.content_offset, container, match_titles=True)
        return list(container.children)


def _plan_files(hoofdstuk: int) -> list[Path]:
    """The files a session page is rendered from: its own plan file when the plan is in
    data/sessies/NN.yaml (so editing one plan rebuilds one page), else every plan file."""
    own = data_dir() / "sessies" / f"{hoofdstuk:02d}.yaml"
    if own.is_file() and any(s.hoofdstuk == hoofdstuk for s in load_records(own, sessies.Sessie)):
        return [own]
    return sorted(data_dir().glob("sessies/*.yaml"))


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
