"""Execute one student notebook; runs *inside* the sandbox, never in the grader's process.

Usage: ``python -m leerlab.grading.runner NOTEBOOK --fd N --timeout S --max-chars C``.
The executed notebook goes to file descriptor N as JSON (the student's kernel does not
inherit it), so nothing the student's code prints can pass for the result. Output per
cell is capped while it arrives, so a cell that prints forever cannot exhaust memory.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

# jsonschema imports rfc3987_syntax (only for URI format checks, unused here), which builds
# a grammar at import time: 1.7 s per notebook. Blocking the import keeps startup short.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import DeadKernelError  # noqa: E402
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


def run(path: str, timeout: int, max_chars: int) -> tuple[NotebookNode, str]:
    """Execute the notebook at ``path``; returns it with a status ("ok" or a Dutch reason)."""
    nb = nbformat.read(path, as_version=4)
    client = CappedClient(
        nb,
        timeout=timeout,
        interrupt_on_timeout=True,
        allow_errors=True,
        kernel_name="python3",
        shutdown_kernel="immediate",  # nothing to save; a graceful stop only costs time
        resources={"metadata": {"path": os.path.dirname(path)}},
        extra_arguments=["--HistoryManager.hist_file=:memory:"],
        error_on_timeout={
            "ename": "Tijdslimiet",
            "evalue": f"deze cel liep langer dan {timeout} seconden en is gestopt",
            "traceback": [f"Tijdslimiet: deze cel liep langer dan {timeout} seconden."],
        },
    )
    client.max_chars = max_chars
    status = "ok"
    try:
        client.execute()
    except DeadKernelError:
        status = (
            "de Python-kernel stopte onverwacht (bijvoorbeeld door os._exit of te veel geheugen)"
        )
    return nb, status


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--timeout", type=int, default=30)
    parser.add_argument("--max-chars", type=int, default=20_000)
    args = parser.parse_args(argv)
    os.set_inheritable(args.fd, False)
    nb, status = run(args.notebook, args.timeout, args.max_chars)
    nb.metadata.setdefault("leerlab", {})["uitvoering"] = status
    with os.fdopen(args.fd, "w", encoding="utf-8") as out:
        out.write(nbformat.writes(nb))
    sys.exit(0)


if __name__ == "__main__":
    main()
