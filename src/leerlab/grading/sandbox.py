"""Run a student's notebook with its kernel in a bubblewrap sandbox, with limits.

The kernel sees the system read-only, has no network and a private /tmp. The course
folder, the repository and every home folder are hidden behind empty tmpfs mounts; only
the Python environment, the ``leerlab`` package and the public ``data/`` folder come back,
read-only. The one writable place is the temporary copy of this one submission, so a
notebook cannot read solutions, touch the gradebook or another student's work. prlimit
caps memory, CPU time, processes and file size; nbclient (in the grader) caps time per
cell and output per cell; a watchdog caps the time per notebook.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

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


def command(workdir: Path, limits: Limits, hide: list[Path]) -> list[str]:
    """bwrap + prlimit in front of a kernel command; ``workdir`` keeps its own path inside,
    so the kernel's Unix sockets there work for both sides."""
    folder = str(workdir)
    cmd = [
        "bwrap",
        "--unsetenv", "JPY_PARENT_PID",  # in its own pid namespace the parent check misfires
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--die-with-parent", "--new-session",
    ]  # fmt: skip
    for hidden in _hidden_roots(hide):
        cmd += ["--tmpfs", str(hidden)]
    for readable in _readonly_roots():
        cmd += ["--ro-bind", str(readable), str(readable)]
    cmd += ["--bind", folder, folder, "--chdir", folder]
    cmd += ["--setenv", "HOME", folder, "--setenv", "NBGRADER_EXECUTION", "autograde"]
    # leerlab.paths finds data/ through LEERLAB_ROOT (the repository's _toc.yml is hidden).
    with contextlib.suppress(FileNotFoundError):
        cmd += ["--setenv", "LEERLAB_ROOT", str(repo_root().resolve())]
    cmd += ["--setenv", "IPYTHONDIR", f"{folder}/.ipython"]
    cmd += ["--setenv", "MPLCONFIGDIR", f"{folder}/.mpl"]
    cmd += ["--setenv", "PYTHONDONTWRITEBYTECODE", "1"]
    memory = limits.geheugen_mb * 1024 * 1024
    cmd += ["prlimit", f"--as={memory}", f"--cpu={limits.totaal_seconden}", "--nproc=256"]
    cmd += [f"--fsize={50 * 1024 * 1024}", "--"]
    return cmd


def execute_here(
    workdir: Path, notebook: str, limits: Limits, hide: list[Path] | None = None
) -> Uitvoering:
    """Execute ``workdir/notebook``: the kernel in the sandbox, the client in this process.

    Never raises for a student's mistake. The kernel talks over Unix sockets in its own
    folder (it has no network) and is interrupted by message, since signals stop at bwrap.
    A kernel-only sandbox saves a Python start per notebook (bench/autograde.py).
    """
    from jupyter_client.manager import AsyncKernelManager
    from nbclient.exceptions import DeadKernelError

    from leerlab.grading.runner import CappedClient

    if not bwrap_available():
        raise LeerlabFout(
            "bubblewrap (bwrap) of prlimit ontbreekt. Installeer ze met "
            "'apt-get install bubblewrap util-linux' of 'make system-deps'."
        )
    start = time.monotonic()
    prefix = command(workdir, limits, hide or [])

    class SandboxedKernel(AsyncKernelManager):  # type: ignore[misc]
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            return prefix + list(super().format_kernel_cmd(extra_arguments))

        async def interrupt_kernel(self) -> None:  # type: ignore[override]
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)

    km = SandboxedKernel(kernel_name="python3", transport="ipc", ip=str(workdir / ".k"))
    km.connection_file = str(workdir / ".kernel.json")
    try:
        nb = nbformat.read(workdir / notebook, as_version=4)
    except Exception:  # noqa: BLE001
        return Uitvoering(None, "het notebook kon niet worden gelezen", 0.0)
    client = CappedClient(
        nb,
        km=km,
        timeout=limits.cel_seconden,
        interrupt_on_timeout=True,
        allow_errors=True,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(workdir)}},
        extra_arguments=["--HistoryManager.hist_file=:memory:"],
        error_on_timeout={
            "ename": "Tijdslimiet",
            "evalue": f"deze cel liep langer dan {limits.cel_seconden} seconden en is gestopt",
            "traceback": [f"Tijdslimiet: deze cel liep langer dan {limits.cel_seconden} seconden."],
        },
    )
    client.max_chars = limits.max_tekens
    finished = threading.Event()
    expired: list[str] = []

    def watchdog() -> None:
        deadline = time.monotonic() + limits.totaal_seconden
        while not finished.wait(0.5):
            if STOP.is_set() or time.monotonic() > deadline:
                expired.append("afgebroken" if STOP.is_set() else "tijd")
                process = getattr(getattr(km, "provisioner", None), "process", None)
                if process is not None:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                return

    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    status = "ok"
    try:
        # cleanup_kc: nbclient stops a kernel it did not create only when asked.
        client.execute(cleanup_kc=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except DeadKernelError:
        status = (
            "de Python-kernel stopte onverwacht (bijvoorbeeld door os._exit of te veel geheugen)"
        )
    except Exception as exc:  # noqa: BLE001 - never let one notebook stop the run
        status = f"het nakijken van dit notebook mislukte ({type(exc).__name__})"
    finally:
        finished.set()
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
    if expired == ["tijd"]:
        status = f"het notebook liep langer dan {limits.totaal_seconden} seconden en is gestopt"
    elif expired:
        return Uitvoering(None, "het nakijken is afgebroken", time.monotonic() - start)
    return Uitvoering(nb, status, time.monotonic() - start)
