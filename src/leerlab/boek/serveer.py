"""`make serve`: the built book on 127.0.0.1, with UTF-8 in every text response.

Python's http.server sends ``text/markdown`` or ``text/plain`` without a charset, so a
browser shows "Kies Ã©Ã©n" for the raw sources; here every text type says ``charset=utf-8``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
from pathlib import Path

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class Utf8Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ipynb": "application/x-ipynb+json",
        ".md": "text/markdown",
        ".whl": "application/octet-stream",
    }

    def guess_type(self, path: str | object) -> str:
        kind = super().guess_type(path)  # type: ignore[arg-type]
        if kind.startswith(TEXT_TYPES) and "charset" not in kind:
            return f"{kind}; charset=utf-8"
        return kind


def server(site: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Utf8Handler, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main() -> None:
    parser = argparse.ArgumentParser(description="Toon het gebouwde boek op 127.0.0.1.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"Geen gebouwd boek in {args.site}: draai eerst `make book`.")
    httpd = server(args.site, args.port)
    print(f"De cursus staat klaar op http://127.0.0.1:{args.port}/ (stoppen met Ctrl-C)")
    with contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()


if __name__ == "__main__":
    main()
