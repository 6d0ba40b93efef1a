"""Buttons "Open in je browser": each chapter page and each assignment on book/opdrachten
opens its notebook in the book's JupyterLite site (built by leerlab.boek.lite)."""

from __future__ import annotations

import html
import os
import re
from typing import Any

from sphinx.application import Sphinx

from leerlab.boek import lite

_ZIP_LINK = re.compile(
    r'(<a class="reference download internal"[^>]*href="[^"]*/(h\d+)\.zip"[^>]*>.*?</a>)', re.S
)
_H1_END = re.compile(r"</h1>")


def _prefix(pagename: str) -> str:
    return "../" * pagename.count("/")


def button(href: str, hidden: str = "") -> str:
    """The link styled as a button; ``hidden`` words only for screen readers."""
    extra = f'<span class="visually-hidden"> ({html.escape(hidden)})</span>' if hidden else ""
    return (
        f'<a class="btn btn-sm btn-outline-primary leerlab-lite-knop" '
        f'href="{html.escape(href)}">Open in je browser{extra}</a>'
    )


def _add_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if os.environ.get("LEERLAB_LITE") == "0" or "body" not in context:
        return
    body = context["body"]
    prefix = _prefix(pagename)
    if pagename.startswith("chapters/"):
        href = prefix + lite.lab_url(lite.chapter_lab_path(pagename))
        block = (
            f'<p class="leerlab-lite">{button(href)} Werk met dit hoofdstuk als notebook in '
            "je browser, zonder iets te installeren.</p>"
        )
        context["body"] = _H1_END.sub(lambda m: m.group(0) + block, body, count=1)
    elif pagename == "book/opdrachten":

        def add(match: re.Match[str]) -> str:
            name = match.group(2)
            href = prefix + lite.lab_url(lite.assignment_lab_path(name))
            return f"{match.group(1)} {button(href, f'opdracht {name}')}"

        context["body"] = _ZIP_LINK.sub(add, body)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _add_buttons, priority=700)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
