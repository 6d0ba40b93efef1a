"""The notebook client used for grading: output per cell is capped while it arrives,
so a cell that prints forever cannot exhaust the grader's memory."""

from __future__ import annotations

import sys
from typing import Any

# jsonschema imports rfc3987_syntax (only for URI format checks, unused here), which builds
# a grammar at import time (1.7 s). Blocking that import keeps `leerlab cursus` quick.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbformat import NotebookNode  # noqa: E402

CUT_NOTE = "\n[... uitvoer ingekort: deze cel gaf te veel uitvoer ...]\n"


def _size(out: NotebookNode) -> int:
    if out.get("output_type") == "stream":
        return len(out.get("text", ""))
    return sum(len(str(v)) for v in out.get("data", {}).values()) + len(
        str(out.get("traceback", ""))
    )


class CappedClient(NotebookClient):
    """NotebookClient that stops storing output of a cell once it passes ``max_chars``."""

    max_chars: int = 20_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._used: dict[int, int] = {}

    def output(
        self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None, cell_index: int
    ) -> NotebookNode | None:
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or out.get("output_type") == "error":
            return out
        used = self._used.get(cell_index, 0)
        if used > self.max_chars:
            outs.remove(out)
            return None
        used += _size(out)
        self._used[cell_index] = used
        if used > self.max_chars:
            outs.remove(out)
            outs.append(nbformat.v4.new_output("stream", name="stderr", text=CUT_NOTE))
        return out
