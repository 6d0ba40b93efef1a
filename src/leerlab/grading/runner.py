"""The notebook client used for grading: output is capped while it arrives, per cell and
for the whole notebook (every message type, display updates and widget messages included),
so a notebook that prints or redraws forever cannot exhaust the grader's memory."""

from __future__ import annotations

import json
import sys
from typing import Any

# jsonschema imports rfc3987_syntax (only for URI format checks, unused here), which builds
# a grammar at import time (1.7 s). Blocking that import keeps `leerlab cursus` quick.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbformat import NotebookNode  # noqa: E402

CUT_NOTE = "\n[... uitvoer ingekort: deze cel gaf te veel uitvoer ...]\n"
#: Messages that carry output into the notebook (or into the widget state).
OUTPUT_TYPES = {"stream", "display_data", "execute_result", "update_display_data", "error",
                "comm_open", "comm_msg", "clear_output"}  # fmt: skip


def _size(out: NotebookNode) -> int:
    if out.get("output_type") == "stream":
        return len(out.get("text", ""))
    return sum(len(str(v)) for v in out.get("data", {}).values()) + len(
        str(out.get("traceback", ""))
    )


def _message_size(msg: dict[str, Any]) -> int:
    try:
        size = len(json.dumps(msg.get("content", {}), default=str))
    except (TypeError, ValueError):
        size = 1_000_000
    return size + sum(len(b) for b in msg.get("buffers", []) or [])


class CappedClient(NotebookClient):
    """NotebookClient that stops storing output of a cell once it passes ``max_chars`` and
    drops every output message once the notebook has sent ``max_total`` bytes of them."""

    max_chars: int = 20_000
    max_total: int = 8 * 1024 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._used: dict[int, int] = {}
        self._total = 0
        self.over_total = False
        self.timed_out: set[str] = set()

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None) -> Any:
        if cell is not None:
            self.timed_out.add(str(cell.get("id")))
        return await super()._async_handle_timeout(timeout, cell)

    def process_message(
        self, msg: dict[str, Any], cell: NotebookNode, cell_index: int
    ) -> NotebookNode | None:
        if msg.get("msg_type") in OUTPUT_TYPES:
            self._total += _message_size(msg)
            if self._total > self.max_total:
                self.over_total = True
                return None
        return super().process_message(msg, cell, cell_index)

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
