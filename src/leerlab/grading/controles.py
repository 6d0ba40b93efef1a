"""Checks outside the student's kernel: the kernel computes answers, the grader judges them.

In the student's kernel every test cell is replaced by a *collector*: it writes the values
of the names that test cell reads, encoded as plain JSON, to one file per test cell. After
the kernel is gone the grader reads those files (never following links, size-capped),
decodes them strictly (only plain values, lists, dicts, tuples, sets, numpy scalars, pandas
Series and DataFrames are rebuilt, by the grader), and runs the test cell's code - the
visible asserts plus the hidden tests, trusted trainer code from the gradebook - in its own
process, with the cohort's ``CASUS`` read from the course folder's source notebook.

So nothing the student's code does (a forged ``__eq__``, patched builtins, IPython hooks,
``set_custom_exc``, an overwritten ``CASUS``, printed numbers) can decide a check: the
worst a notebook can do is hand over wrong data, and then the check fails.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import json
import os
import stat
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Folder (inside the working copy) where collectors write their answers.
ANTWOORDEN = ".leerlab-antwoorden"
MAX_ANTWOORD_BYTES = 2 * 1024 * 1024
MAX_DIEPTE = 40
#: Modules a test may use by a name the student imported (``pd.Series``); the grader imports
#: them itself, by name, from this list only.
MODULES = {"pandas", "numpy", "math", "statistics", "re"}
DTYPES = {"int64", "int32", "float64", "float32", "bool", "object", "string", "category"}
_CHDIR = threading.Lock()

#: The collector's code. It runs in the student's kernel, so it is not trusted: whatever it
#: writes is only data, decoded and checked by the grader.
COLLECTOR = """\
def __leerlab_verzamel(namen, doel):
    import json, math, os
    def enc(v, d=0):
        if d > 30:
            raise ValueError("te diep")
        t = type(v)
        if v is None or t in (bool, str):
            return v
        if t is int:
            return v
        if t is float:
            return v if math.isfinite(v) else {"t": "float", "v": repr(v)}
        if t is list:
            return [enc(x, d + 1) for x in v]
        if t is tuple:
            return {"t": "tuple", "v": [enc(x, d + 1) for x in v]}
        if t in (set, frozenset):
            return {"t": "set", "v": [enc(x, d + 1) for x in v]}
        if t is dict:
            return {"t": "dict", "v": [[enc(k, d + 1), enc(x, d + 1)] for k, x in v.items()]}
        mod = getattr(t, "__module__", "") or ""
        if t.__name__ == "module" and mod == "builtins":
            return {"t": "module", "v": v.__name__}
        if mod.startswith("numpy") and hasattr(v, "dtype") and getattr(v, "shape", None) == ():
            return {"t": "np", "dtype": str(v.dtype), "v": v.item()}
        if mod.startswith("pandas") and t.__name__ == "Series":
            return {"t": "Series", "dtype": str(v.dtype), "name": enc(v.name, d + 1),
                    "index": enc(list(v.index), d + 1), "iname": enc(v.index.name, d + 1),
                    "v": enc([x.item() if hasattr(x, "item") else x for x in v.tolist()], d + 1)}
        if mod.startswith("pandas") and t.__name__ == "DataFrame":
            return {"t": "DataFrame", "columns": enc(list(v.columns), d + 1),
                    "dtypes": [str(x) for x in v.dtypes], "index": enc(list(v.index), d + 1),
                    "iname": enc(v.index.name, d + 1),
                    "v": enc([list(r) for r in v.itertuples(index=False)], d + 1)}
        raise TypeError(t.__name__)
    uit, fout = {}, {}
    for naam in namen:
        if naam not in globals():
            fout[naam] = "niet gedefinieerd"
            continue
        try:
            uit[naam] = enc(globals()[naam])
        except Exception as e:
            fout[naam] = f"type {e}"
    os.makedirs(os.path.dirname(doel), exist_ok=True)
    with open(doel, "w", encoding="utf-8") as f:
        json.dump({"antwoorden": uit, "fouten": fout}, f)
"""


@dataclass
class Controle:
    """One test cell: its name, points, trusted code and the names it reads."""

    grade_id: str
    punten: float
    code: str
    namen: list[str]


@dataclass
class Uitslag:
    """The outcome of one check, judged by the grader."""

    geslaagd: bool
    reden: str = ""
    ename: str = ""


def free_names(code: str) -> list[str]:
    """Names a test cell reads but does not define itself (without CASUS and builtins)."""
    tree = ast.parse(code)
    loaded: list[str] = []
    stored: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loaded.append(node.id)
            else:
                stored.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                stored.add((alias.asname or alias.name).split(".")[0])
    skip = stored | set(dir(builtins)) | {"CASUS"}
    return sorted(set(loaded) - skip)


def collector_source(controle: Controle, workdir: Path) -> str:
    target = workdir / ANTWOORDEN / f"{_safe(controle.grade_id)}.json"
    return (
        "# Deze cel verzamelt je antwoorden; de controles draaien bij het nakijken.\n"
        + COLLECTOR
        + f"__leerlab_verzamel({controle.namen!r}, {str(target)!r})\n"
        + "del __leerlab_verzamel\n"
    )


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)[:100]


# --- reading (grader) ------------------------------------------------------------------
def read_answers(workdir: Path, controle: Controle) -> dict[str, Any] | None:
    """The collector's file for one check, or None when it is missing or unreadable.

    Never follows a symbolic link and reads at most MAX_ANTWOORD_BYTES: the working copy
    belongs to the student's kernel."""
    path = workdir / ANTWOORDEN / f"{_safe(controle.grade_id)}.json"
    try:
        folder_fd = os.open(workdir / ANTWOORDEN, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fd = os.open(path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
    except OSError:
        return None
    finally:
        os.close(folder_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ANTWOORD_BYTES:
            return {"te_groot": True} if stat.S_ISREG(info.st_mode) else None
        with os.fdopen(fd, "rb") as f:
            fd = -1
            raw = f.read(MAX_ANTWOORD_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


class _Onleesbaar(Exception):
    pass


def decode(value: Any, depth: int = 0) -> Any:
    """Rebuild one answer from the collector's JSON; anything unexpected is refused."""
    if depth > MAX_DIEPTE:
        raise _Onleesbaar("te diep genest")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [decode(v, depth + 1) for v in value]
    if not isinstance(value, dict) or not isinstance(value.get("t"), str):
        raise _Onleesbaar("onbekende vorm")
    kind, inner = value["t"], value.get("v")
    if kind == "float" and inner in ("nan", "inf", "-inf"):
        return float(inner)
    if kind in ("tuple", "set", "dict"):
        if not isinstance(inner, list):
            raise _Onleesbaar(kind)
        items = [decode(v, depth + 1) for v in inner]
        if kind == "tuple":
            return tuple(items)
        try:
            if kind == "set":
                return set(items)
            if not all(isinstance(p, list) and len(p) == 2 for p in items):
                raise _Onleesbaar("dict")
            return {k: v for k, v in items}
        except TypeError as exc:  # an unhashable key
            raise _Onleesbaar(kind) from exc
    if kind == "module":
        if inner not in MODULES:
            raise _Onleesbaar(f"module {str(inner)[:40]}")
        import importlib

        return importlib.import_module(str(inner))
    if kind == "np":
        import numpy as np

        dtype = value.get("dtype")
        if dtype not in DTYPES - {"object", "string", "category"} or not isinstance(
            inner, (bool, int, float)
        ):
            raise _Onleesbaar("numpy")
        return np.dtype(dtype).type(inner)
    if kind in ("Series", "DataFrame"):
        return _pandas(kind, value, depth)
    raise _Onleesbaar(f"type {kind[:40]}")


def _pandas(kind: str, value: dict[str, Any], depth: int) -> Any:
    import pandas as pd

    index = decode(value.get("index"), depth + 1)
    data = decode(value.get("v"), depth + 1)
    iname = decode(value.get("iname"), depth + 1)
    if not isinstance(index, list) or not isinstance(data, list) or len(index) != len(data):
        raise _Onleesbaar(kind)
    if kind == "Series":
        dtype = value.get("dtype")
        series = pd.Series(data, index=pd.Index(index, name=iname),
                           name=decode(value.get("name"), depth + 1))  # fmt: skip
        if dtype in DTYPES and str(series.dtype) != dtype:
            with contextlib.suppress(ValueError, TypeError):
                series = series.astype(dtype)
        return series
    columns = decode(value.get("columns"), depth + 1)
    dtypes = value.get("dtypes")
    if not isinstance(columns, list) or not all(
        isinstance(r, list) and len(r) == len(columns) for r in data
    ):
        raise _Onleesbaar(kind)
    frame = pd.DataFrame(data, columns=columns, index=pd.Index(index, name=iname))
    if isinstance(dtypes, list) and len(dtypes) == len(columns):
        for column, dtype in zip(columns, dtypes, strict=True):
            if dtype in DTYPES and str(frame[column].dtype) != dtype:
                with contextlib.suppress(ValueError, TypeError, KeyError):
                    frame[column] = frame[column].astype(dtype)
    return frame


# --- judging (grader) ------------------------------------------------------------------
@contextlib.contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    """Tests read data files by relative name; run them in the trainer's source folder."""
    with _CHDIR:
        previous = os.getcwd()
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(previous)


def judge(
    controle: Controle, collected: dict[str, Any] | None, casus: dict[str, Any], folder: Path
) -> Uitslag:
    """Run one check in the grader's process against the collected answers."""
    name = controle.grade_id
    if collected is None:
        return Uitslag(False, f"controle '{name}' is niet uitgevoerd: het notebook stopte "
                              "eerder of de tijd was op", "NietUitgevoerd")  # fmt: skip
    if collected.get("te_groot"):
        return Uitslag(False, f"controle '{name}': de antwoorden zijn te groot", "TeGroot")
    answers = collected.get("antwoorden")
    errors = collected.get("fouten")
    if not isinstance(answers, dict) or not isinstance(errors, dict):
        return Uitslag(False, f"controle '{name}': antwoorden onleesbaar", "Onleesbaar")
    namespace: dict[str, Any] = {"__builtins__": builtins, "__name__": "__leerlab_controle__"}
    missing = []
    for var in controle.namen:
        if var in answers:
            try:
                namespace[var] = decode(answers[var])
                continue
            except (_Onleesbaar, ValueError, TypeError, OverflowError, RecursionError):
                pass
        missing.append(var)
    if missing:
        why = str(errors.get(missing[0], "onleesbaar"))[:60]
        kind = "niet ingevuld" if why == "niet gedefinieerd" else f"niet te lezen ({why})"
        shown = ", ".join(f"'{m}'" for m in missing[:5])
        return Uitslag(False, f"controle '{name}': antwoord {shown} {kind}", "Ontbreekt")
    import copy

    namespace["CASUS"] = copy.deepcopy(casus)
    try:
        code = compile(controle.code, f"<controle {name}>", "exec")
        with _in_folder(folder):
            exec(code, namespace)  # noqa: S102 - trusted trainer code from the gradebook
    except AssertionError as exc:
        message = str(exc).strip() or "een controle klopt niet"
        return Uitslag(False, f"controle '{name}' niet gehaald: {message}"[:400], "AssertionError")
    except Exception as exc:  # noqa: BLE001 - a wrong type in an answer, e.g. TypeError
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()[:200]
        return Uitslag(False, f"controle '{name}' niet gehaald: {last}", type(exc).__name__)
    return Uitslag(True)
