"""Local Sphinx extension: offline assets and pages rendered from data/.

- Vendored vega, vega-lite and vega-embed (book/_vendor/) are copied into the site and
  loaded before require.js, only on pages that draw a chart.
- ``{begrippenlijst}`` and ``{casusoverzicht}`` render the glossary and the case table
  from data/, so each term and case is written once.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from leerlab.boek import bibstijl, theme_fixes
from leerlab.models import naslag
from leerlab.paths import data_dir, repo_root
from leerlab.views.charts import CHART_MARKER

VENDOR_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


class _DataDirective(SphinxDirective):
    """Parse MyST produced from data/ as if it were written in the page."""

    pattern = ""

    def myst(self) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        paths = sorted(data_dir().glob(self.pattern))
        _data_pages(self.env)[self.env.docname] = (self.pattern, _names(paths))
        for path in paths:
            self.env.note_dependency(str(path))
        container = nodes.container()
        lines = StringList(self.myst().splitlines(), source=f"data/{self.pattern}")
        self.state.nested_parse(lines, self.content_offset, container)
        return list(container.children)


def _names(paths: list[Path]) -> tuple[str, ...]:
    return tuple(path.name for path in paths)


def _data_pages(env: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Pages rendered from data/, with their pattern and the files it matched; a build
    re-reads them when a file was added or removed, which Sphinx's dependencies miss."""
    if not isinstance(getattr(env, "leerlab_data_pages", None), dict):
        env.leerlab_data_pages = {}
    pages: dict[str, tuple[str, tuple[str, ...]]] = env.leerlab_data_pages
    return pages


def _reread_data_pages(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list:
    return sorted(
        page
        for page, (pattern, names) in _data_pages(env).items()
        if page not in removed and _names(sorted(data_dir().glob(pattern))) != names
    )


def _merge_data_pages(app: Sphinx, env: Any, docnames: set, other: Any) -> None:
    _data_pages(env).update(_data_pages(other))


class Begrippenlijst(_DataDirective):
    pattern = "begrippen/*.yaml"

    def myst(self) -> str:
        return naslag.glossary_myst()


class Casusoverzicht(_DataDirective):
    pattern = "casussen/*.yaml"

    def myst(self) -> str:
        return naslag.cases_table_myst()


def _add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body", "")
    if CHART_MARKER in body:
        for i, name in enumerate(VENDOR_SCRIPTS):
            app.add_js_file(f"vendor/{name}", priority=100 + i)
    # pydata-sphinx-theme logs "Got invalid theme mode" on every first visit without it.
    context["default_mode"] = "light"
    # sphinx-thebe is switched off (see _switch_off_thebe) but its stylesheet stays listed.
    context["css_files"] = [c for c in context.get("css_files", []) if "thebe" not in str(c)]


def _switch_off_thebe(app: Sphinx, config: Any) -> None:
    """The book has no kernel: stop sphinx-thebe, which loads from a CDN and, included
    twice, logs "Identifier 'THEBE_JS_URL' has already been declared" on every page."""
    for listeners in app.events.listeners.values():
        listeners[:] = [
            listener
            for listener in listeners
            if getattr(listener.handler, "__module__", "") != "sphinx_thebe"
        ]


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for name in VENDOR_SCRIPTS:
        shutil.copy2(repo_root() / "book" / "_vendor" / name, target / name)
    theme_fixes.fix_site(Path(app.outdir))


def setup(app: Sphinx) -> dict[str, Any]:
    bibstijl.registreer()  # Dutch citation/bibliography style "leerlab" (see _config.yml)
    app.add_directive("begrippenlijst", Begrippenlijst)
    app.add_directive("casusoverzicht", Casusoverzicht)
    app.connect("config-inited", _switch_off_thebe, priority=900)
    app.add_css_file("leerlab.css")
    app.connect("html-page-context", _add_page_assets)
    app.connect("env-get-outdated", _reread_data_pages)
    app.connect("env-merge-info", _merge_data_pages)
    app.connect("build-finished", _copy_vendor)
    app.setup_extension("leerlab.boek.sessies_sphinx")
    app.setup_extension("leerlab.boek.leestijd_sphinx")  # {leestijden} in book/intro.md
    app.setup_extension("leerlab.boek.downloads")  # chapters as runnable .ipynb, course wheel
    app.setup_extension("leerlab.boek.lite_sphinx")  # "Open in je browser" (JupyterLite)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
