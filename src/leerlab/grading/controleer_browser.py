"""The self-check in the browser (JupyterLite): nbgrader's Validator needs a second kernel,
which Pyodide cannot start. Here the saved notebook's code cells run in a fresh namespace
inside the running kernel, with ``NBGRADER_EXECUTION`` set as nbgrader sets it, and a grade
cell that raises counts as failed — the same rule as the Validator. Not checked here:
whether a locked cell was edited (the grader puts those back anyway).
"""

from __future__ import annotations

import json
import os
import traceback
from pathlib import Path
from typing import Any

#: The cell the JupyterLite site puts in front (loads the packages); skipped here.
SETUP_TAG = "leerlab-lite-start"


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _python(source: str) -> str:
    """IPython syntax (magics) as plain Python, when IPython is there."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython is part of every kernel here
        return source
    return str(TransformerManager().transform_cell(source))


def valideer(pad: Path) -> dict[str, list[dict[str, str]]]:
    """Run the saved notebook at ``pad``; the failed grade cells in the Validator's form."""
    nb = json.loads(Path(pad).read_text(encoding="utf-8"))
    namespace: dict[str, Any] = {"__name__": "__main__"}
    failed: list[dict[str, str]] = []
    before = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "validate"
    cwd = os.getcwd()
    os.chdir(Path(pad).resolve().parent)
    try:
        for cell in nb.get("cells", []):
            metadata = cell.get("metadata", {})
            if cell.get("cell_type") != "code" or SETUP_TAG in metadata.get("tags", []):
                continue
            source = _source(cell)
            try:
                exec(compile(_python(source), "<cel>", "exec"), namespace)  # noqa: S102
            except Exception:  # noqa: BLE001 - any error in a student's cell is a result
                if metadata.get("nbgrader", {}).get("grade"):
                    failed.append({"source": source, "raw_error": traceback.format_exc()})
    finally:
        os.chdir(cwd)
        if before is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = before
    return {"failed": failed}
