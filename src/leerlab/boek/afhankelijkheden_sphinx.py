"""Sphinx extension: a page that reads a data file is executed again when that file changes.

jupyter-cache keys a notebook on its code cells only, so on its own an edit to
data/casussen/03.yaml would leave the chapter that draws it with the old figure. Here:

1. Every kernel of the build runs leeslog_kernel.py first (``PYTHONSTARTUP``), which logs
   the files under data/ and the leerlab package that the page opens.
2. After a page was executed, those files and their SHA-256 are kept in the environment and
   noted as Sphinx dependencies of the page (also after a later read from the cache), so
   Sphinx reads the page again when one of them changes.
3. Before reading, a page whose recorded files now have other contents loses its
   jupyter-cache entry, so myst-nb executes it again. A page that did not read the file
   is neither read nor executed.

It also writes ``_build/.leerlab/bouwverslag.json``: which pages were read and why, and
which were executed; leerlab.boek.bouw prints that as one Dutch line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

import leerlab
from leerlab.paths import data_dir, repo_root

logger = logging.getLogger(__name__)

KERNEL_STARTUP = Path(__file__).with_name("leeslog_kernel.py")
#: Files a page read when it was last executed: {docname: {path: sha256}}.
READS = "leerlab_reads"
#: Bump when the kernel log changes meaning: every page is then executed once more.
VERSION = 1


def state_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".leerlab"


def report_path(app: Sphinx) -> Path:
    return state_dir(app) / "bouwverslag.json"


def _log_path(app: Sphinx, docname: str) -> Path:
    return state_dir(app) / "leeslog" / (docname.replace("/", "__") + ".txt")


def _sha(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _shown(path: str) -> str:
    """A path as an author knows it: relative to the checkout or to src/."""
    for base in (repo_root(), Path(leerlab.__file__).resolve().parent.parent):
        try:
            return Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return path


def _reads(env: Any) -> dict[str, dict[str, str]]:
    if getattr(env, "leerlab_reads_version", None) != VERSION:
        env.leerlab_reads_version = VERSION
        setattr(env, READS, {})
    reads: dict[str, dict[str, str]] = getattr(env, READS)
    return reads


def _builder_inited(app: Sphinx) -> None:
    (state_dir(app) / "leeslog").mkdir(parents=True, exist_ok=True)
    roots = [str(data_dir().resolve()), str(Path(leerlab.__file__).resolve().parent)]
    # Kernels inherit the build's environment when they start (the per-page log is set
    # in source-read, in the process that executes that page).
    os.environ["PYTHONSTARTUP"] = str(KERNEL_STARTUP)
    os.environ["LEERLAB_LEESWORTELS"] = os.pathsep.join(roots)
    app.leerlab_report = {"gelezen": {}, "uitgevoerd": []}  # type: ignore[attr-defined]


def _outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """An environment from before this extension (or an older VERSION) knows no reads:
    every page with code is read and executed once more, so its reads get recorded."""
    known = getattr(env, "leerlab_reads_version", None) == VERSION
    for docname in removed:
        _reads(env).pop(docname, None)
    if known:
        return []
    _reads(env)
    app.leerlab_evict_all = True  # type: ignore[attr-defined]
    return sorted(env.found_docs)


def _reason(app: Sphinx, env: Any, docname: str) -> str:
    if docname not in env.all_docs:
        return "nieuw"
    try:
        mtime = int(os.stat(env.doc2path(docname)).st_mtime_ns // 1000)
    except OSError:
        return "bron verdwenen"
    if mtime > env.all_docs[docname]:
        return "bron gewijzigd"
    newer = []
    for dep in sorted(env.dependencies.get(docname, ())):
        path = os.path.join(env.srcdir, dep)
        try:
            if int(os.stat(path).st_mtime_ns // 1000) > env.all_docs[docname]:
                newer.append(_shown(path))
        except OSError:
            newer.append(_shown(path) + " (weg)")
    if newer:
        return "gewijzigd: " + ", ".join(newer[:3]) + (" …" if len(newer) > 3 else "")
    return "bijgewerkt door een extensie of de instellingen"


def _evict(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Drop the jupyter-cache entries of these pages, so myst-nb executes them again."""
    from jupyter_cache import get_cache

    cache_path = env.mystnb_config.execution_cache_path
    if not cache_path or not Path(cache_path).exists():
        return
    uris = {str(Path(env.doc2path(d)).resolve()) for d in docnames}
    cache = get_cache(cache_path)
    for record in cache.list_cache_records():
        if str(Path(record.uri).resolve()) in uris:
            with contextlib.suppress(KeyError):  # its notebook file was already gone
                cache.remove_cache(record.pk)


def _before_read(app: Sphinx, env: Any, docnames: list[str]) -> None:
    report = app.leerlab_report  # type: ignore[attr-defined]
    reads = _reads(env)
    stale = []
    for docname in docnames:
        reason = _reason(app, env, docname)
        changed = [p for p, sha in reads.get(docname, {}).items() if _sha(p) != sha]
        if changed:
            stale.append(docname)
            shown = ", ".join(_shown(p) for p in sorted(changed)[:3])
            reason = f"leest {shown}, en dat is gewijzigd"
        report["gelezen"][docname] = reason
    if getattr(app, "leerlab_evict_all", False):
        stale = list(docnames)
    if stale:
        _evict(app, env, stale)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    log = _log_path(app, docname)
    log.unlink(missing_ok=True)
    os.environ["LEERLAB_LEESLOG"] = str(log)


def _doctree_read(app: Sphinx, doctree: Any) -> None:
    env = app.env
    docname = env.docname
    os.environ.pop("LEERLAB_LEESLOG", None)
    log = _log_path(app, docname)
    reads = _reads(env)
    if log.is_file():  # executed in this build: what it read now replaces the old record
        paths = sorted({ln for ln in log.read_text(encoding="utf-8").splitlines() if ln})
        reads[docname] = {p: sha for p in paths if (sha := _sha(p)) is not None}
    for path in reads.get(docname, {}):
        env.note_dependency(path)


def _merge(app: Sphinx, env: Any, docnames: set, other: Any) -> None:
    mine, theirs = _reads(env), _reads(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def _finished(app: Sphinx, exception: Exception | None) -> None:
    report = getattr(app, "leerlab_report", None)
    if report is None:
        return
    report["uitgevoerd"] = sorted(d for d in report["gelezen"] if _log_path(app, d).is_file())
    report["geslaagd"] = exception is None
    path = report_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _before_read, priority=900)
    app.connect("source-read", _source_read)
    app.connect("doctree-read", _doctree_read)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
