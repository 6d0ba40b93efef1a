"""nbgrader's exchange between real, separate system users (deploy/jupyterhub/nbgrader_config.py).

A trainer and five students (created with useradd, removed afterwards) go through release ->
fetch -> submit -> collect -> autograde -> feedback -> fetch_feedback, each nbgrader command
run as that user with setpriv. Student A must not read student B's submission or feedback.
Needs root (CI runs as root)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "jupyterhub" / "nbgrader_config.py"
BIN = Path(sys.executable).parent
PREFIX = f"ll{os.getpid() % 100000}"
TRAINER = f"{PREFIX}tr"
STUDENTS = [f"{PREFIX}s{i}" for i in range(1, 6)]
TIMEOUT = 120


def _visible() -> list[str]:
    """The venv and its interpreter may sit under root's private home (pyenv, a clone in /root):
    show just those folders, read-only, to the users (a bwrap mount namespace, run as root)."""
    roots = {Path(sys.prefix).resolve(), Path(os.path.realpath(sys.executable)).parents[1]}
    hidden = [r for r in roots if Path("/root") in r.parents]
    if not hidden:
        return []
    binds: list[str] = []
    for r in sorted(hidden):
        between = [a for a in reversed(r.parents) if Path("/root") in a.parents]
        binds += [arg for a in between for arg in ("--perms", "0755", "--dir", str(a))]
        binds += ["--ro-bind", str(r), str(r)]
    return ["bwrap", "--dev-bind", "/", "/", "--tmpfs", "/root", *binds, "--"]


_VISIBLE = _visible()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("setpriv"),
        reason="Deze test maakt echte gebruikers aan (useradd) en moet als root draaien.",
    ),
]


def _as(user: str, *args: str, cwd: Path, exchange: Path, check: bool = True) -> str:
    env = {
        "HOME": pwd.getpwnam(user).pw_dir,
        "PATH": f"{BIN}:/usr/bin:/bin",
        "NBGRADER_EXCHANGE": str(exchange),
        "LANG": "C.UTF-8",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    entry = pwd.getpwnam(user)
    drop = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups"]
    done = subprocess.run(
        [*_VISIBLE, *drop, "env", "-i", *(f"{k}={v}" for k, v in env.items()), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{user}: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def _source_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell(
        "def dubbel(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"
    )
    answer.metadata["nbgrader"] = {
        "grade": False, "solution": True, "locked": False, "task": False,
        "grade_id": "antwoord", "schema_version": 3,
    }  # fmt: skip
    test = nbformat.v4.new_code_cell("assert dubbel(3) == 6")
    test.metadata["nbgrader"] = {
        "grade": True, "solution": False, "locked": True, "task": False,
        "grade_id": "toets", "points": 1, "schema_version": 3,
    }  # fmt: skip
    nb.cells = [answer, test]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)


@pytest.fixture
def accounts() -> Iterator[dict[str, Path]]:
    base = Path(tempfile.mkdtemp(prefix="leerlab-hub-"))
    base.chmod(0o755)
    homes: dict[str, Path] = {}
    try:
        for user in [TRAINER, *STUDENTS]:
            home = base / user
            subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash", user],
                check=True,
                timeout=30,
            )
            home.chmod(0o700)
            # Where a hub installs it for everyone: the Jupyter config path (here the user's own).
            (home / ".jupyter").mkdir()
            shutil.copy(CONFIG, home / ".jupyter" / "nbgrader_config.py")
            os.chown(home / ".jupyter", pwd.getpwnam(user).pw_uid, -1)
            shutil.copy(CONFIG, home / "nbgrader_config.py")
            os.chown(home / "nbgrader_config.py", pwd.getpwnam(user).pw_uid, -1)
            homes[user] = home
        exchange = base / "exchange"
        exchange.mkdir(mode=0o777)
        exchange.chmod(0o777)
        homes["exchange"] = exchange
        yield homes
    finally:
        for user in homes:
            if user != "exchange":
                subprocess.run(["userdel", "--force", user], timeout=30, check=False)
        shutil.rmtree(base, ignore_errors=True)


def test_exchange_round_trip_keeps_students_apart(accounts: dict[str, Path]) -> None:
    exchange = accounts["exchange"]
    course = accounts[TRAINER]
    uid = pwd.getpwnam(TRAINER).pw_uid
    _source_notebook(course / "source" / "opdracht1" / "opdracht.ipynb")
    for folder in [course / "source", course / "source" / "opdracht1"]:
        os.chown(folder, uid, -1)
    os.chown(course / "source" / "opdracht1" / "opdracht.ipynb", uid, -1)

    def trainer(*args: str) -> str:
        return _as(TRAINER, "nbgrader", *args, cwd=course, exchange=exchange)

    trainer("db", "student", "add", *STUDENTS[:1])  # warm up the gradebook (alembic)
    for student in STUDENTS[1:]:
        trainer("db", "student", "add", student)
    trainer("generate_assignment", "opdracht1", "--force")
    trainer("release_assignment", "opdracht1", "--force")

    # Each student fetches; student i answers right when i is odd, wrong when even.
    for i, student in enumerate(STUDENTS, start=1):
        home = accounts[student]
        _as(student, "nbgrader", "fetch_assignment", "opdracht1", cwd=home, exchange=exchange)
        work = home / "leerlab"  # path_includes_course: fetched into ./<course>/<assignment>
        path = work / "opdracht1" / "opdracht.ipynb"
        nb = nbformat.read(path, as_version=4)
        body = "2 * x" if i % 2 else "x + 1"
        nb.cells[0].source = f"def dubbel(x):\n    return {body}\n# {student}"
        text = nbformat.writes(nb)
        _as(student, "python", "-c", f"open({str(path)!r}, 'w').write({text!r})",
            cwd=home, exchange=exchange)  # fmt: skip
        _as(student, "nbgrader", "submit", "opdracht1", cwd=home, exchange=exchange)

    inbound = exchange / "leerlab" / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert len(submissions) == len(STUDENTS)
    a, b = STUDENTS[0], STUDENTS[1]
    b_dir = next(inbound / n for n in submissions if n.startswith(f"{b}+"))
    probe = (
        "import os, sys\n"
        "try:\n    os.listdir(sys.argv[1]); print('LIST')\n"
        "except PermissionError: print('NOLIST')\n"
        "try:\n    open(sys.argv[2]).read(); print('READ')\nexcept OSError: print('NOREAD')\n"
    )
    # A cannot list the inbound folder, and without the random part of B's folder name the
    # submission cannot be opened by a guessed name (the only name A could know).
    guessed = inbound / b_dir.name.rsplit("+", 1)[0] / "opdracht.ipynb"
    out = _as(a, "python", "-c", probe, str(inbound), str(guessed),
              cwd=accounts[a], exchange=exchange)  # fmt: skip
    assert out.split() == ["NOLIST", "NOREAD"], out
    # nbgrader's own listing as A shows no other student's submission.
    listed = _as(a, "nbgrader", "list", "--inbound", cwd=accounts[a], exchange=exchange)
    assert all(s not in listed for s in STUDENTS[1:]), listed
    # Control: the trainer (the owner of inbound) can list it.
    assert "LIST" in _as(TRAINER, "python", "-c", probe, str(inbound), str(guessed),
                         cwd=course, exchange=exchange).split()  # fmt: skip

    trainer("collect", "opdracht1")
    trainer("autograde", "opdracht1", "--force")
    trainer("generate_feedback", "opdracht1", "--force")
    trainer("release_feedback", "opdracht1")

    feedback_root = exchange / "leerlab" / "feedback"
    out = _as(a, "python", "-c", probe, str(feedback_root), "/nonexistent",
              cwd=accounts[a], exchange=exchange)  # fmt: skip
    assert out.split()[0] == "NOLIST", out

    for i, student in enumerate(STUDENTS, start=1):
        home = accounts[student]
        _as(student, "nbgrader", "fetch_feedback", "opdracht1", cwd=home, exchange=exchange)
        pages = list(home.glob("**/opdracht1/feedback/*/opdracht.html"))
        assert len(pages) == 1, (student, pages)
        html = pages[0].read_text(encoding="utf-8")
        assert f"# {student}" in html
        assert all(f"# {other}<" not in html for other in STUDENTS if other != student)
        score = "1.0 / 1.0" if i % 2 else "0.0 / 1.0"
        assert f"Score: {score}" in " ".join(html.split()), (student, html[:2000])
