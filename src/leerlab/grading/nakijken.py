"""Autograde all submissions of an assignment in parallel, each in its own sandbox.

One rule: the student's kernel computes answers; it never decides whether they are right.
The parent process owns the gradebook: it sanitizes each notebook (locked cells restored),
replaces every test cell by a collector (no test code, no hidden test reaches the kernel),
runs it in a bubblewrap sandbox as an unprivileged uid, and afterwards judges the collected
answers with the trainer's test code and the cohort's CASUS in its own process
(:mod:`leerlab.grading.controles`). Scores go into nbgrader's gradebook, one short
transaction per notebook; Ctrl-C is held back during that write, so an interrupt never
leaves half a submission. Any failure while grading one notebook becomes that student's
status and Dutch reason; the run goes on.
"""

from __future__ import annotations

import contextlib
import json
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
from leerlab.grading import controles, sandbox
from leerlab.grading.controles import Controle, Uitslag
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
    probleem: bool = False  # something went wrong beyond wrong answers (limits, crashes)


@dataclass
class _Taak:
    student: str
    notebook: str
    workdir: Path
    resources: dict[str, Any]
    redenen: list[str]
    uid: int = 0
    nb: NotebookNode | None = None  # what the kernel runs (test cells are collectors)


@dataclass
class _Bron:
    """The trusted side of one notebook: the trainer's checks and the cohort's CASUS."""

    controles: list[Controle]
    casus: dict[str, Any]
    folder: Path


def load_checks(cursus: Cursus, assignment: str, notebook: str) -> _Bron:
    """The test cells (visible and hidden code) and CASUS of the course folder's source."""
    from nbgrader import utils

    from leerlab.grading.varianten import read_figures

    folder = cursus.folder("source", None, assignment)
    try:
        nb = nbformat.read(folder / f"{notebook}.ipynb", as_version=4)
        checks = [
            Controle(
                c.metadata["nbgrader"]["grade_id"],
                float(c.metadata["nbgrader"]["points"]),
                c.source,
                controles.free_names(c.source),
            )
            for c in nb.cells
            if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)
        ]
        return _Bron(checks, read_figures(nb), folder)
    except (OSError, ValueError, KeyError, SyntaxError) as exc:
        raise LeerlabFout(
            f"De bron van {assignment}/{notebook} in de cursusmap is niet bruikbaar: {exc}"
        ) from exc


def kernel_notebook(nb: NotebookNode, checks: list[Controle], workdir: Path) -> NotebookNode:
    """The notebook the student's kernel runs: every test cell replaced by a collector."""
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    by_id = {c.grade_id: c for c in checks}
    placed = set()
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in by_id:
            cell.source = controles.collector_source(by_id[grade_id], workdir)
            cell.outputs = []
            placed.add(grade_id)
        elif cell.cell_type == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            cell.source = "# (controle verwijderd)"  # a test cell of unknown name: never run
    for check in checks:
        if check.grade_id not in placed:
            nb.cells.append(nbformat.v4.new_code_cell(controles.collector_source(check, workdir)))
    return nb


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
    path = cursus.status_file
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
    write_json_atomic(cursus.status_file, status)


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
    cursus: Cursus, gb: Any, assignment: str, student: str, sanitizer: _Sanitizer, scratch: Path,
    bronnen: dict[str, _Bron], limits: Limits,
) -> tuple[list[_Taak], list[Resultaat]]:  # fmt: skip
    """Register the submission and make sanitized copies; broken notebooks are settled here."""
    submitted = cursus.folder("submitted", student, assignment)
    stamp_file = submitted / "timestamp.txt"
    timestamp = _read_small(stamp_file)
    tasks: list[_Taak] = []
    settled: list[Resultaat] = []
    with uninterrupted(), _transaction(gb):
        gb.update_or_create_student(student)
        try:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        except Exception:  # noqa: BLE001 - an unparsable timestamp must not stop grading
            gb.db.rollback()
            gb.update_or_create_student(student)
            gb.update_or_create_submission(assignment, student)
        for notebook in cursus.notebooks(assignment):
            path = submitted / f"{notebook}.ipynb"
            if path.is_symlink() or not path.is_file():
                _zero(gb, assignment, student, notebook)
                settled.append(Resultaat(student, notebook, ONTBREEKT, 0.0, 0.0,
                                         [f"{notebook}.ipynb is niet ingeleverd"]))  # fmt: skip
                continue
            try:
                if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                    raise _TeGroot()
                nb = nbformat.read(path, as_version=4)
                resources = {"nbgrader": {"notebook": notebook, "assignment": assignment,
                                          "student": student, "db_url": cursus.db_url},
                             "released": locked_sources(cursus, assignment, notebook)}  # fmt: skip
                changes = sanitizer.run(nb, resources)
            except _TeGroot:
                _zero(gb, assignment, student, notebook)
                mb = MAX_NOTEBOOK_BYTES // 1024 // 1024
                reason = f"{notebook}.ipynb is groter dan {mb} MB en is niet nagekeken"
                settled.append(Resultaat(student, notebook, ONLEESBAAR, None, 0.0, [reason],
                                         probleem=True))  # fmt: skip
                continue
            except Exception as exc:  # noqa: BLE001 - any reading problem: unreadable
                _zero(gb, assignment, student, notebook)
                reason = f"het bestand is geen leesbaar notebook ({type(exc).__name__})"
                settled.append(Resultaat(student, notebook, ONLEESBAAR, None, 0.0, [reason],
                                         probleem=True))  # fmt: skip
                continue
            uid = sandbox.new_uid()
            workdir = sandbox.make_workdir(scratch, f"{student}-", uid, limits)
            bron = bronnen[notebook]
            _copy_support_files(bron.folder, workdir)
            run_nb = kernel_notebook(nb, bron.controles, workdir)
            nbformat.write(run_nb, workdir / f"{notebook}.ipynb")
            sandbox.give_to(workdir, uid)
            tasks.append(_Taak(student, notebook, workdir, resources, changes, uid, nb))
    return tasks, settled


MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024


class _TeGroot(Exception):
    pass


def _read_small(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file() or path.stat().st_size > 200:
        return None
    return path.read_text(errors="replace").strip() or None


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
def _reasons(nb: NotebookNode, limits: Limits, timed_out: set[str], checks: set[str]) -> list[str]:
    """Readable reasons for lost points, taken from the executed notebook's own cells."""
    reasons: list[str] = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", f"cel {index}")
        if grade_id in checks:
            continue  # judged by the grader, see controles.judge
        if str(cell.get("id")) in timed_out:
            reasons.append(f"cel {index} liep langer dan {limits.cel_seconden} s en is gestopt")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and "uitvoer ingekort" in out.get("text", ""):
                reasons.append(f"cel {index} gaf te veel uitvoer; die is ingekort")
            if out.get("output_type") != "error" or str(cell.get("id")) in timed_out:
                continue
            ename, evalue = str(out.get("ename", "")), str(out.get("evalue", ""))[:300]
            if ename == "NotImplementedError":
                reasons.append(f"antwoord '{grade_id}' is nog niet ingevuld")
            elif ename == "SystemExit":
                reasons.append(f"cel {index} riep sys.exit() aan; de volgende cellen liepen wel")
            elif ename == "KeyboardInterrupt":
                reasons.append(f"cel {index} werd onderbroken (KeyboardInterrupt)")
            else:
                reasons.append(f"cel {index} gaf een fout: {ename[:80]}: {evalue}".rstrip(": "))
    return reasons


def _save_grades(
    gb: Any, nb: NotebookNode, assignment: str, student: str, notebook: str,
    verdicts: dict[str, tuple[Uitslag, float]],
) -> None:  # fmt: skip
    """Scores into nbgrader's gradebook, as one transaction for the whole notebook.

    Test cells get the grader's verdict (all points or none: never a number printed by
    the student's code); other graded cells follow nbgrader (written answers: by hand)."""
    from nbgrader import utils

    submission = gb.find_submission_notebook(notebook, assignment, student)
    grades = {g.name: g for g in submission.grades}
    comments = {c.name: c for c in submission.comments}
    for name, (verdict, points) in verdicts.items():
        if name in grades:
            grades[name].auto_score = points if verdict.geslaagd else 0.0
            grades[name].needs_manual_grade = grades[name].manual_score is not None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if utils.is_grade(cell) and meta.get("grade_id") not in verdicts:
            grade = grades.get(meta["grade_id"])
            if grade is not None:
                grade.auto_score, _ = utils.determine_grade(cell, LOG)
                grade.needs_manual_grade = (
                    grade.manual_score is not None or grade.auto_score is None
                )
        if utils.is_solution(cell) and meta.get("grade_id") in comments:
            comment = comments[meta["grade_id"]]
            unchanged = meta.get("checksum") == utils.compute_checksum(cell)
            comment.auto_comment = (
                "Geen antwoord." if unchanged and not utils.is_task(cell) else None
            )


def _error_output(verdict: Uitslag) -> NotebookNode:
    return nbformat.v4.new_output(
        "error", ename=verdict.ename or "Controle", evalue=verdict.reden,
        traceback=[verdict.reden],
    )  # fmt: skip


def _finish(
    cursus: Cursus, gb: Any, assignment: str, task: _Taak, run: sandbox.Uitvoering, config: Any,
    limits: Limits, bron: _Bron,
) -> Resultaat:  # fmt: skip
    from nbgrader.preprocessors import IgnorePattern, LimitOutput

    reasons = list(task.redenen)
    problem = False
    base = task.nb if task.nb is not None else nbformat.v4.new_notebook()
    nb = run.notebook if run.notebook is not None else base
    if run.status != "ok":
        reasons.append(run.status)
        problem = True
    if run.redenen:
        reasons += run.redenen
        problem = True
    nb.metadata.pop("leerlab", None)
    resources = dict(task.resources)
    for pp in (IgnorePattern(config=config), LimitOutput(config=config)):
        nb, resources = pp.preprocess(nb, resources)
    checks = {c.grade_id: c for c in bron.controles}
    reasons += _reasons(nb, limits, run.verlopen, set(checks))
    verdicts: dict[str, tuple[Uitslag, float]] = {}
    for check in bron.controles:
        collected = controles.read_answers(task.workdir, check)
        verdict = controles.judge(check, collected, bron.casus, bron.folder)
        verdicts[check.grade_id] = (verdict, check.punten)
        if not verdict.geslaagd:
            reasons.append(verdict.reden)
    # The autograded notebook: the trainer's test code back in place, the grader's verdicts
    # as its outputs (formgrader and the feedback show these).
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id in checks:
            cell.source = checks[grade_id].code
            verdict = verdicts[grade_id][0]
            cell.outputs = [] if verdict.geslaagd else [_error_output(verdict)]
    target = cursus.folder("autograded", task.student, assignment)
    with uninterrupted():
        with _transaction(gb):
            _save_grades(gb, nb, assignment, task.student, task.notebook, verdicts)
        submission = gb.find_submission_notebook(task.notebook, assignment, task.student)
        score, max_score = float(submission.score), float(submission.max_score)
        gb.db.commit()  # ends the read transaction
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / f".{task.notebook}.ipynb.tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, target / f"{task.notebook}.ipynb")
    return Resultaat(task.student, task.notebook, NAGEKEKEN, score, max_score, reasons,
                     run.seconden, problem)  # fmt: skip


def _failed(gb: Any, assignment: str, task: _Taak, exc: BaseException) -> Resultaat:
    """Grading this one notebook went wrong: zero, a reason, and the run goes on."""
    LOG.warning("nakijken %s/%s mislukte: %r", task.student, task.notebook, exc)
    with contextlib.suppress(Exception), uninterrupted(), _transaction(gb):
        _zero(gb, assignment, task.student, task.notebook)
    reason = f"het nakijken van dit notebook mislukte ({type(exc).__name__}); kijk het zelf na"
    return Resultaat(task.student, task.notebook, FOUT, None, 0.0, [reason], probleem=True)


# --- driver ------------------------------------------------------------------------------
def submitted_students(cursus: Cursus, assignment: str) -> list[str]:
    folder = cursus.root / "submitted"
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir()
        if not p.is_symlink() and (p / assignment).is_dir() and not (p / assignment).is_symlink()
    )  # fmt: skip


def default_workers() -> int:
    """Twice the cores: a sandbox spends part of its time waiting (kernel start, messages)."""
    return 2 * (os.cpu_count() or 1)


def samenvatting(results: list[Resultaat]) -> str:
    """'N nagekeken, M met problemen' for the trainer."""
    done = sum(1 for r in results if r.status == NAGEKEKEN)
    problems = sum(1 for r in results if r.probleem or r.status in (ONLEESBAAR, FOUT))
    return f"{done} nagekeken, {problems} met problemen"


def nakijken(
    cursus: Cursus,
    assignment: str,
    students: list[str] | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    progress: Callable[[Resultaat], None] | None = None,
) -> list[Resultaat]:
    """Autograde every submission; returns one Resultaat per student and notebook.

    Raises only when the course itself is broken (not released, unusable source)."""
    cursus.check_assignment(assignment)
    if not cursus.folder("release", None, assignment).is_dir():
        raise LeerlabFout(f"Opdracht '{assignment}' is nog niet uitgedeeld. Doe eerst 'uitdelen'.")
    if not sandbox.bwrap_available():  # the machine cannot grade safely: nobody is graded
        raise LeerlabFout(
            "bubblewrap (bwrap), prlimit of setpriv ontbreekt. Installeer ze met "
            "'apt-get install bubblewrap util-linux' of 'make system-deps'."
        )
    limits = limits or Limits()
    config = cursus.config()
    bronnen = {nb: load_checks(cursus, assignment, nb) for nb in cursus.notebooks(assignment)}
    students = students if students is not None else submitted_students(cursus, assignment)
    results: list[Resultaat] = []
    scratch = Path(tempfile.mkdtemp(prefix="leerlab-nakijken-"))
    os.chmod(scratch, 0o755)  # kernels of other uids pass through to their own folder
    pending: list[tuple[_Taak, Future[sandbox.Uitvoering]]] = []

    def settle(done: list[Resultaat]) -> None:
        with uninterrupted():
            _record(cursus, assignment, done)
        results.extend(done)
        for r in done:
            if progress:
                progress(r)

    def finish(task: _Taak, future: Future[sandbox.Uitvoering]) -> None:
        try:
            run = future.result()
            result = _finish(cursus, gb, assignment, task, run, config, limits,
                             bronnen[task.notebook])  # fmt: skip
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - one notebook never stops the run
            with contextlib.suppress(Exception):
                gb.db.rollback()
            result = _failed(gb, assignment, task, exc)
        finally:
            sandbox.remove_workdir(task.workdir)
        settle([result])

    def drain(block: bool) -> None:
        while pending and (block or pending[0][1].done()):
            finish(*pending.pop(0))

    pool = ThreadPoolExecutor(max_workers=workers or default_workers())
    gb = cursus.gradebook()
    sanitizer = _Sanitizer(config, gb)
    try:
        for student in students:
            try:
                tasks, settled = _prepare(cursus, gb, assignment, student, sanitizer, scratch,
                                          bronnen, limits)  # fmt: skip
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # noqa: BLE001
                LOG.warning("voorbereiden %s mislukte: %r", student, exc)
                reason = f"het voorbereiden mislukte ({type(exc).__name__}); kijk het zelf na"
                tasks, settled = [], [Resultaat(student, "", FOUT, None, 0.0, [reason],
                                                probleem=True)]  # fmt: skip
            if settled:
                settle(settled)
            for task in tasks:
                future = pool.submit(sandbox.execute_here, task.workdir,
                                     f"{task.notebook}.ipynb", limits, task.uid)  # fmt: skip
                pending.append((task, future))
            drain(block=False)
        drain(block=True)
    finally:
        sandbox.STOP.set() if pending else None
        pool.shutdown(wait=True, cancel_futures=True)
        sandbox.STOP.clear()
        for task, _ in pending:
            sandbox.remove_workdir(task.workdir)
        gb.close()
        for leftover in scratch.iterdir() if scratch.is_dir() else []:
            sandbox.remove_workdir(leftover)
        shutil.rmtree(scratch, ignore_errors=True)
    return results
