"""Autograde all submissions of an assignment in parallel, each in its own sandbox.

The parent process owns the gradebook: it prepares a sanitized copy of each notebook
(test cells restored from the gradebook), hands it to a worker thread that runs it in a
bubblewrap sandbox, and writes the scores in one short transaction per notebook. Ctrl-C
is held back during that write, so an interrupt never leaves half a submission.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import nbformat
from nbformat import NotebookNode

from leerlab.errors import LeerlabFout
from leerlab.grading import sandbox
from leerlab.grading.cursusmap import Cursus, write_json_atomic
from leerlab.grading.sandbox import Limits

STATUS_FILE = "nakijkstatus.json"
LOG = logging.getLogger("leerlab.nakijken")

#: Status words used in the summary, the status file and the grades export.
NAGEKEKEN, ONLEESBAAR, ONTBREEKT, FOUT = "nagekeken", "onleesbaar", "ontbreekt", "fout"


@dataclass
class Resultaat:
    """The outcome for one student's notebook."""

    student: str
    notebook: str
    status: str
    score: float | None = None
    max_score: float = 0.0
    redenen: list[str] = field(default_factory=list)
    seconden: float = 0.0


@dataclass
class _Taak:
    student: str
    notebook: str
    workdir: Path
    resources: dict[str, Any]
    redenen: list[str]


# --- Ctrl-C safety --------------------------------------------------------------------
@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold SIGINT back for the duration of a gradebook write; re-raise it afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *a: pending.append(a))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending:
            raise KeyboardInterrupt


# --- status file -------------------------------------------------------------------------
def read_status(cursus: Cursus) -> dict[str, dict[str, dict[str, Any]]]:
    import json

    path = cursus.root / STATUS_FILE
    if not path.is_file():
        return {}
    try:
        data: dict[str, dict[str, dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return data


def _record(cursus: Cursus, assignment: str, results: list[Resultaat]) -> None:
    status = read_status(cursus)
    per_student = status.setdefault(assignment, {})
    for r in results:
        entry = asdict(r)
        entry["tijd"] = datetime.now(UTC).isoformat(timespec="seconds")
        per_student.setdefault(r.student, {})[r.notebook] = entry
    write_json_atomic(cursus.root / STATUS_FILE, status)


# --- preparation (parent) --------------------------------------------------------------
class _CachedGradebook:
    """Read-through cache for the source cells, which cannot change during a run.

    OverwriteCells asks for every cell of every notebook; answering from memory keeps the
    grader's single writer thread free for the real work.
    """

    def __init__(self, gb: Any) -> None:
        self._gb = gb
        self._cache: dict[tuple[str, ...], Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._gb, name)

    def _remember(self, key: tuple[str, ...], load: Callable[[], Any]) -> Any:
        from nbgrader.api import MissingEntry

        if key not in self._cache:
            try:
                self._cache[key] = load()
            except MissingEntry:
                self._cache[key] = None
        if self._cache[key] is None:
            raise MissingEntry()
        return self._cache[key]

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> Any:
        def load() -> Any:
            c = self._gb.find_source_cell(name, notebook, assignment)
            return SimpleNamespace(
                cell_type=c.cell_type, locked=c.locked, checksum=c.checksum, source=c.source
            )

        return self._remember(("source", name, notebook, assignment), load)

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> Any:
        def load() -> Any:
            c = self._gb.find_graded_cell(name, notebook, assignment)
            return SimpleNamespace(max_score=float(c.max_score))

        return self._remember(("graded", name, notebook, assignment), load)

    def kernelspec(self, notebook: str, assignment: str) -> Any:
        def load() -> Any:
            return SimpleNamespace(spec=self._gb.find_notebook(notebook, assignment).kernelspec)

        return self._remember(("kernelspec", notebook, assignment), load).spec


class _Sanitizer:
    """nbgrader's sanitizing steps, made once per run, plus a list of what a student changed."""

    def __init__(self, config: Any, gb: Any) -> None:
        from nbgrader.preprocessors import (
            CheckCellMetadata,
            ClearOutput,
            DeduplicateIds,
            OverwriteCells,
        )

        self.gb = _CachedGradebook(gb)
        self.changes: list[str] = []
        sanitizer = self

        class Tracking(OverwriteCells):  # type: ignore[misc]
            def preprocess(self, nb: Any, resources: Any) -> Any:
                # OverwriteCells.preprocess, but on the run's one (cached) gradebook.
                self.notebook_id = resources["nbgrader"]["notebook"]
                self.assignment_id = resources["nbgrader"]["assignment"]
                self.db_url = resources["nbgrader"]["db_url"]
                self.gradebook = sanitizer.gb
                nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
                if self.add_missing_cells:
                    nb, resources = self.add_missing_grade_cells(nb, resources)
                    nb, resources = self.add_missing_task_cells(nb, resources)
                return nb, resources

            def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
                # Checksums always differ for cells with hidden tests; compare_locked()
                # finds real edits against the released version instead.
                if attr != "checksum":
                    sanitizer.changes.append(f"cel '{name}': {attr} was gewijzigd; hersteld")

        self.steps = [
            ClearOutput(config=config),
            DeduplicateIds(config=config),
            Tracking(config=config),
            CheckCellMetadata(config=config),
        ]

    def run(self, nb: NotebookNode, resources: dict[str, Any]) -> list[str]:
        import json

        self.changes = compare_locked(nb, resources.pop("released", {}))
        for step in self.steps:
            nb, resources = step.preprocess(nb, resources)
        meta = resources["nbgrader"]
        kernelspec = self.gb.kernelspec(meta["notebook"], meta["assignment"])
        if kernelspec:  # as nbgrader's OverwriteKernelspec
            nb.metadata["kernelspec"] = json.loads(kernelspec)
        return self.changes


def locked_sources(cursus: Cursus, assignment: str, notebook: str) -> dict[str, str]:
    """grade_id → source of every locked cell in the released (student) version."""
    path = cursus.folder("release", None, assignment) / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source.strip()
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("locked") and "grade_id" in c.metadata["nbgrader"]
    }


def compare_locked(nb: NotebookNode, released: dict[str, str]) -> list[str]:
    """Reasons for every locked cell the student edited or deleted."""
    seen = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c.source.strip()
        for c in nb.cells
        if isinstance(c.get("metadata"), dict)
    }
    reasons = []
    for grade_id, source in released.items():
        if grade_id not in seen:
            reasons.append(f"cel '{grade_id}' ontbrak; het origineel is teruggezet")
        elif seen[grade_id] != source:
            reasons.append(f"cel '{grade_id}' was aangepast; het origineel is teruggezet")
    return reasons


def _zero(gb: Any, assignment: str, student: str, notebook: str) -> None:
    submission = gb.find_submission_notebook(notebook, assignment, student)
    for grade in submission.grades:
        grade.auto_score = 0
        grade.needs_manual_grade = False


def _prepare(
    cursus: Cursus, gb: Any, assignment: str, student: str, sanitizer: _Sanitizer, scratch: Path
) -> tuple[list[_Taak], list[Resultaat]]:
    """Register the submission and make sanitized copies; broken notebooks are settled here."""
    submitted = cursus.folder("submitted", student, assignment)
    stamp_file = submitted / "timestamp.txt"
    timestamp = stamp_file.read_text().strip() if stamp_file.is_file() else None
    tasks: list[_Taak] = []
    settled: list[Resultaat] = []
    with uninterrupted(), _transaction(gb):
        gb.update_or_create_student(student)
        try:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        except Exception:  # noqa: BLE001 - an unparsable timestamp must not stop grading
            gb.update_or_create_submission(assignment, student)
        for notebook in cursus.notebooks(assignment):
            path = submitted / f"{notebook}.ipynb"
            if not path.is_file():
                _zero(gb, assignment, student, notebook)
                settled.append(Resultaat(student, notebook, ONTBREEKT, 0.0, 0.0,
                                         [f"{notebook}.ipynb is niet ingeleverd"]))  # fmt: skip
                continue
            try:
                nb = nbformat.read(path, as_version=4)
                resources = {"nbgrader": {"notebook": notebook, "assignment": assignment,
                                          "student": student, "db_url": cursus.db_url},
                             "released": locked_sources(cursus, assignment, notebook)}  # fmt: skip
                changes = sanitizer.run(nb, resources)
            except Exception as exc:  # noqa: BLE001 - any reading problem: unreadable
                _zero(gb, assignment, student, notebook)
                reason = f"het bestand is geen leesbaar notebook ({type(exc).__name__})"
                settled.append(Resultaat(student, notebook, ONLEESBAAR, None, 0.0, [reason]))
                continue
            workdir = Path(tempfile.mkdtemp(prefix=f"{student}-", dir=scratch))
            _copy_support_files(cursus.folder("source", None, assignment), workdir)
            nbformat.write(nb, workdir / f"{notebook}.ipynb")
            tasks.append(_Taak(student, notebook, workdir, resources, changes))
    return tasks, settled


@contextlib.contextmanager
def _transaction(gb: Any) -> Iterator[None]:
    """Commit on success, roll back on any error: one short transaction per step."""
    try:
        yield
        gb.db.commit()
    except BaseException:
        gb.db.rollback()
        raise


def _copy_support_files(source: Path, workdir: Path) -> None:
    """The assignment's data files come from the trainer's source, never from the student."""
    for path in source.rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
            target = workdir / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


# --- finishing (parent) ----------------------------------------------------------------
def _reasons(nb: NotebookNode, limits: Limits) -> list[str]:
    """Readable reasons for lost points, taken from the executed notebook."""
    from nbgrader import utils

    reasons: list[str] = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", f"cel {index}")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and "uitvoer ingekort" in out.get("text", ""):
                reasons.append(f"cel {index} gaf te veel uitvoer; die is ingekort")
            if out.get("output_type") != "error":
                continue
            ename, evalue = out.get("ename", ""), str(out.get("evalue", ""))[:300]
            if ename in ("Tijdslimiet", "KeyboardInterrupt", "CellTimeoutError"):
                reasons.append(f"cel {index} liep langer dan {limits.cel_seconden} s en is gestopt")
            elif ename == "NotImplementedError":
                reasons.append(f"antwoord '{grade_id}' is nog niet ingevuld")
            elif ename == "SystemExit":
                reasons.append(f"cel {index} riep sys.exit() aan; de volgende cellen liepen wel")
            elif utils.is_grade(cell) and not utils.is_solution(cell):
                reasons.append(f"controle '{grade_id}' niet gehaald: {evalue or ename}")
            else:
                reasons.append(f"cel {index} gaf een fout: {ename}: {evalue}".rstrip(": "))
    return reasons


def _save_grades(gb: Any, nb: NotebookNode, assignment: str, student: str, notebook: str) -> None:
    """nbgrader's SaveAutoGrades, but as one transaction for the whole notebook."""
    from nbgrader import utils

    submission = gb.find_submission_notebook(notebook, assignment, student)
    grades = {g.name: g for g in submission.grades}
    comments = {c.name: c for c in submission.comments}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if utils.is_grade(cell):
            grade = grades[meta["grade_id"]]
            grade.auto_score, _ = utils.determine_grade(cell, LOG)
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        if utils.is_solution(cell):
            comment = comments[meta["grade_id"]]
            unchanged = meta.get("checksum") == utils.compute_checksum(cell)
            comment.auto_comment = (
                "Geen antwoord." if unchanged and not utils.is_task(cell) else None
            )


def _finish(
    cursus: Cursus, gb: Any, assignment: str, task: _Taak, run: sandbox.Uitvoering, config: Any,
    limits: Limits,
) -> Resultaat:  # fmt: skip
    from nbgrader.preprocessors import IgnorePattern, LimitOutput

    reasons = list(task.redenen)
    if run.notebook is None:
        nb = nbformat.read(task.workdir / f"{task.notebook}.ipynb", as_version=4)
        reasons.append(run.status)
    else:
        nb = run.notebook
        if run.status != "ok":
            reasons.append(run.status)
    if run.notebook is not None:
        nb.metadata.pop("leerlab", None)
    resources = dict(task.resources)
    for pp in (IgnorePattern(config=config), LimitOutput(config=config)):
        nb, resources = pp.preprocess(nb, resources)
    reasons += _reasons(nb, limits)
    target = cursus.folder("autograded", task.student, assignment)
    with uninterrupted():
        with _transaction(gb):
            _save_grades(gb, nb, assignment, task.student, task.notebook)
        submission = gb.find_submission_notebook(task.notebook, assignment, task.student)
        score, max_score = float(submission.score), float(submission.max_score)
        gb.db.commit()  # ends the read transaction
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / f".{task.notebook}.ipynb.tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, target / f"{task.notebook}.ipynb")
    return Resultaat(
        task.student, task.notebook, NAGEKEKEN, score, max_score, reasons, run.seconden
    )


# --- driver ------------------------------------------------------------------------------
def submitted_students(cursus: Cursus, assignment: str) -> list[str]:
    folder = cursus.root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir())


def default_workers() -> int:
    """Twice the cores: a sandbox spends part of its time waiting (kernel start, messages)."""
    return 2 * (os.cpu_count() or 1)


def nakijken(
    cursus: Cursus,
    assignment: str,
    students: list[str] | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    progress: Callable[[Resultaat], None] | None = None,
) -> list[Resultaat]:
    """Autograde every submission; returns one Resultaat per student and notebook."""
    cursus.check_assignment(assignment)
    if not cursus.folder("release", None, assignment).is_dir():
        raise LeerlabFout(f"Opdracht '{assignment}' is nog niet uitgedeeld. Doe eerst 'uitdelen'.")
    limits = limits or Limits()
    config = cursus.config()
    students = students if students is not None else submitted_students(cursus, assignment)
    results: list[Resultaat] = []
    scratch = Path(tempfile.mkdtemp(prefix="leerlab-nakijken-"))
    pending: list[tuple[_Taak, Future[sandbox.Uitvoering]]] = []

    def settle(done: list[Resultaat]) -> None:
        with uninterrupted():
            _record(cursus, assignment, done)
        results.extend(done)
        for r in done:
            if progress:
                progress(r)

    def drain(block: bool) -> None:
        while pending and (block or pending[0][1].done()):
            task, future = pending.pop(0)
            settle([_finish(cursus, gb, assignment, task, future.result(), config, limits)])
            shutil.rmtree(task.workdir, ignore_errors=True)

    pool = ThreadPoolExecutor(max_workers=workers or default_workers())
    gb = cursus.gradebook()
    sanitizer = _Sanitizer(config, gb)
    try:
        for student in students:
            tasks, settled = _prepare(cursus, gb, assignment, student, sanitizer, scratch)
            if settled:
                settle(settled)
            for task in tasks:
                future = pool.submit(
                    sandbox.execute_here,
                    task.workdir,
                    f"{task.notebook}.ipynb",
                    limits,
                    [cursus.root],
                )
                pending.append((task, future))
            drain(block=False)
        drain(block=True)
    finally:
        sandbox.STOP.set() if pending else None
        pool.shutdown(wait=True, cancel_futures=True)
        sandbox.STOP.clear()
        gb.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return results
