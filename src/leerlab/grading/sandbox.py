"""Run a student's notebook in a bubblewrap sandbox with memory, CPU and time limits.

The sandbox sees the system read-only, has no network and a private /tmp. The course
folder, the repository and every home folder are hidden behind empty tmpfs mounts; only
the Python environment, the ``leerlab`` package and the public ``data/`` folder come back,
read-only. The one writable place is the temporary copy of this one submission, so a
notebook cannot read solutions, touch the gradebook or another student's work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import nbformat
from nbformat import NotebookNode

from ..errors import LeerlabFout
from ..paths import repo_root

#: Where the submission's copy appears inside the sandbox.
WORKDIR = "/tmp/inzending"
#: Set by the grader on Ctrl-C: every running sandbox stops at once.
STOP = threading.Event()
HIDDEN = ["/tmp", "/var/tmp", "/home", "/root", "/dev/shm", "/run", "/srv", "/mnt", "/media"]


@dataclass(frozen=True)
class Limits:
    """Limits for one notebook: seconds per cell, total seconds, memory and output size."""

    cel_seconden: int = 30
    totaal_seconden: int = 300
    geheugen_mb: int = 1536
    max_tekens: int = 20_000


@dataclass
class Uitvoering:
    """Result of one sandboxed run: the executed notebook (or None) and a Dutch status."""

    notebook: NotebookNode | None
    status: str
    seconden: float


def bwrap_available() -> bool:
    return shutil.which("bwrap") is not None and shutil.which("prlimit") is not None


def _readonly_roots() -> list[Path]:
    """Folders the kernel needs to read: the Python environment, the package and public data."""
    import leerlab

    roots = {Path(sys.prefix).resolve(), Path(leerlab.__file__).resolve().parent}
    base = Path(sys.base_prefix).resolve()
    if not str(base).startswith("/usr"):
        roots.add(base)
    with contextlib.suppress(FileNotFoundError):
        roots.add((repo_root() / "data").resolve())
    return sorted(roots)


def _hidden_roots(extra: list[Path]) -> list[Path]:
    hidden = [Path(p) for p in HIDDEN if Path(p).exists()]
    with contextlib.suppress(FileNotFoundError):
        hidden.append(repo_root().resolve())
    hidden += [p.resolve() for p in extra]
    # Mount parents before children so a child mount is not covered again.
    return sorted(set(hidden), key=lambda p: len(p.parts))


def command(workdir: Path, notebook: str, limits: Limits, fd: int, hide: list[Path]) -> list[str]:
    """The full bwrap + prlimit command line for one notebook."""
    cmd = [
        "bwrap",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--die-with-parent", "--new-session",
    ]  # fmt: skip
    for folder in _hidden_roots(hide):
        cmd += ["--tmpfs", str(folder)]
    for folder in _readonly_roots():
        cmd += ["--ro-bind", str(folder), str(folder)]
    cmd += ["--bind", str(workdir), WORKDIR, "--chdir", WORKDIR]
    cmd += ["--setenv", "HOME", WORKDIR, "--setenv", "NBGRADER_EXECUTION", "autograde"]
    # leerlab.paths finds data/ through LEERLAB_ROOT (the repository's _toc.yml is hidden).
    with contextlib.suppress(FileNotFoundError):
        cmd += ["--setenv", "LEERLAB_ROOT", str(repo_root().resolve())]
    cmd += ["--setenv", "IPYTHONDIR", f"{WORKDIR}/.ipython"]
    cmd += ["--setenv", "JUPYTER_RUNTIME_DIR", f"{WORKDIR}/.jupyter"]
    cmd += [
        "--setenv",
        "MPLCONFIGDIR",
        f"{WORKDIR}/.mpl",
        "--setenv",
        "PYTHONDONTWRITEBYTECODE",
        "1",
    ]
    memory = limits.geheugen_mb * 1024 * 1024
    cmd += ["prlimit", f"--as={memory}", f"--cpu={limits.totaal_seconden}", "--nproc=256"]
    cmd += [f"--fsize={50 * 1024 * 1024}", "--"]
    cmd += [sys.executable, "-m", "leerlab.grading.runner", f"{WORKDIR}/{notebook}"]
    cmd += ["--fd", str(fd), "--timeout", str(limits.cel_seconden)]
    cmd += ["--max-chars", str(limits.max_tekens)]
    return cmd


def execute(
    workdir: Path, notebook: str, limits: Limits, hide: list[Path] | None = None
) -> Uitvoering:
    """Execute ``workdir/notebook`` in the sandbox; never raises for a student's mistake."""
    if not bwrap_available():
        raise LeerlabFout(
            "bubblewrap (bwrap) of prlimit ontbreekt. Installeer ze met "
            "'apt-get install bubblewrap util-linux' of 'make system-deps'."
        )
    start = time.monotonic()
    read_end, write_end = os.pipe()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEERLAB_", "JUPYTER_"))}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    errlog = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        command(workdir, notebook, limits, write_end, hide or []),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=errlog,
        pass_fds=(write_end,),
        start_new_session=True,
        env=env,
    )
    os.close(write_end)
    try:
        data, reason = _read_result(proc, read_end, limits.totaal_seconden, errlog)
    finally:
        _stop(proc)
        errlog.close()
    seconds = time.monotonic() - start
    if data is None:
        return Uitvoering(None, reason, seconds)
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception:  # noqa: BLE001 - any parse problem means the run did not finish cleanly
        return Uitvoering(None, "het nakijken gaf geen leesbaar resultaat", seconds)
    status = nb.metadata.get("leerlab", {}).get("uitvoering", "ok")
    return Uitvoering(nb, status, seconds)


def _read_result(
    proc: subprocess.Popen[bytes], fd: int, limit: int, errlog: IO[bytes]
) -> tuple[bytes | None, str]:
    import selectors

    deadline = time.monotonic() + limit + 30
    chunks: list[bytes] = []
    with os.fdopen(fd, "rb", buffering=0) as pipe, selectors.DefaultSelector() as sel:
        sel.register(pipe, selectors.EVENT_READ)
        while True:
            if STOP.is_set():
                return None, "het nakijken is afgebroken"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None, f"het notebook liep langer dan {limit} seconden en is gestopt"
            if not sel.select(timeout=min(remaining, 1.0)):
                continue
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    if not chunks:
        errlog.seek(0, os.SEEK_END)
        errlog.seek(max(0, errlog.tell() - 2000))
        err = errlog.read().decode("utf-8", "replace")
        if "MemoryError" in err or "Cannot allocate" in err:
            return None, "het notebook gebruikte meer geheugen dan toegestaan"
        return None, "het nakijken stopte voordat het notebook klaar was"
    return b"".join(chunks), "ok"


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill the sandbox's whole process group; safe to call twice."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait()
