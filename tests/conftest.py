"""Shared fixtures: the built book, a local web server and headless Chromium.

Browser tests block every request that does not go to 127.0.0.1, so a page that
needs the network fails here just as it would on a trainer's offline laptop.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from leerlab.boek import bouw as book
from leerlab.boek.pdf import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
os.environ.setdefault("LEERLAB_ROOT", str(ROOT))


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "Chromium ontbreekt: installeer het met `make system-deps` (apt-get install chromium)."
        )
    return found


def page_entries() -> list[str]:
    """Every page of the book, as its path in the site (reading order of _toc.yml)."""
    return [f"{entry}.html" for entry in book.toc_entries(ROOT)]


@pytest.fixture(scope="session")
def site() -> Path:
    """The built book; built here only when the Makefile has not built it already."""
    if not (SITE / "index.html").is_file():
        book.build(ROOT)
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium for one test module. Not for the whole session: the sync Playwright
    API keeps an asyncio loop running while it is open, and later tests that call
    asyncio.run() (live server, preview) would fail with "cannot be called from a running
    event loop"."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path(),
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page opened offline, with what went wrong while it loaded."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: object, server: str) -> Iterator[object]:
    """open_page('chapters/01-tijdperk.html') → Visit, with all non-local requests blocked."""
    contexts = []

    def _open(path: str, *, media: str | None = None, wait_for_charts: bool = True) -> Visit:
        context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)

        def route(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            host = urlparse(url).hostname
            if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                route.continue_()  # type: ignore[attr-defined]
            else:
                visit.blocked.append(url)
                route.abort()  # type: ignore[attr-defined]

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and visit.missing.append(r.url))
        if media:
            page.emulate_media(media=media)
        page.goto(f"{server}/{path}", wait_until="load")
        if wait_for_charts:
            page.wait_for_function(
                "[...document.querySelectorAll('figure.leerlab-chart .leerlab-vis')]"
                ".every(el => el.dataset.ready === '1' || el.textContent.length > 0)",
                timeout=15000,
            )
        return visit

    yield _open
    for context in contexts:
        context.close()
