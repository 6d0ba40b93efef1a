"""Make the theme's own HTML Dutch and accessible, after Sphinx wrote each page.

sphinx-book-theme keeps some English labels whatever `language` says, and a few of its
controls fail axe-core (WCAG 2.1 AA). Each rule below names the problem it fixes.
"""

from __future__ import annotations

import re
from pathlib import Path

#: English UI strings of the theme → Dutch (attribute values and visible text).
DUTCH = {
    'aria-label="Main"': 'aria-label="Hoofdstukken"',
    'aria-label="Page"': 'aria-label="Deze pagina"',
    'aria-label="On this page"': 'aria-label="Op deze pagina"',
    'aria-label="Site navigation"': 'aria-label="Navigatie van de cursus"',
    'aria-label="Version warning"': 'aria-label="Versiewaarschuwing"',
    'title="Link to this heading"': 'title="Link naar deze kop"',
    'title="Toggle primary sidebar"': 'title="Inhoudsopgave tonen of verbergen"',
    'title="Toggle secondary sidebar"': 'title="Paginamenu tonen of verbergen"',
    'title="next page"': 'title="volgende pagina"',
    'title="previous page"': 'title="vorige pagina"',
    ">Skip to main content<": ">Naar de inhoud<",
    ">Back to top<": ">Terug naar boven<",
}

_RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        # axe label-content-name-mismatch: aria-label "Zoeken" hides the visible "Ctrl+K";
        # without aria-label the name comes from the visible text.
        "search button name",
        re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="[^"]*"'),
        r"\1",
    ),
    (
        # axe label-content-name-mismatch on the colour-mode switch; the course is tested
        # (contrast) in light mode only, so the switch goes.
        "colour mode switch",
        re.compile(r"<button[^>]*theme-switch-button.*?</button>", re.S),
        "",
    ),
    (
        # axe summary-name: the chapter-expander shows only an icon.
        "toctree expander name",
        re.compile(r'<summary><span class="toctree-toggle" role="presentation">'),
        '<summary><span class="visually-hidden">Onderdelen tonen of verbergen</span>'
        '<span class="toctree-toggle" role="presentation">',
    ),
    (
        # axe aria-deprecated-role / aria-required-children: docutils marks citations with
        # the deprecated DPUB role doc-biblioentry inside a role="list"; listitem is right.
        "citation roles",
        re.compile(r' role="doc-biblioentry"'),
        ' role="listitem"',
    ),
    (
        # axe region: the sidebar's title link sits outside any landmark.
        "sidebar title landmark",
        re.compile(r'<div class="sidebar-primary-item">(\s*<a class="navbar-brand logo")'),
        r'<div class="sidebar-primary-item" role="navigation" aria-label="Startpagina">\1',
    ),
]


def fix_page(html: str) -> str:
    """Apply every rule and translation to one page."""
    for _name, pattern, replacement in _RULES:
        html = pattern.sub(replacement, html)
    for english, dutch in DUTCH.items():
        html = html.replace(english, dutch)
    return html


def fix_site(outdir: Path) -> int:
    """Rewrite every HTML page under ``outdir``; returns how many changed."""
    changed = 0
    for page in outdir.rglob("*.html"):
        if "_static" in page.parts:
            continue
        before = page.read_text(encoding="utf-8")
        after = fix_page(before)
        if after != before:
            page.write_text(after, encoding="utf-8")
            changed += 1
    return changed
