"""Run a student's notebook with its kernel in a bubblewrap sandbox, with limits.

What the kernel gets (an allow-list, nothing inherited):

- **Files.** An empty root with, read-only, ``/usr`` (plus the /bin, /lib symlinks), the
  Python interpreter and its packages, the ``leerlab`` package and the public ``data/``
  folder. Writable: only this submission's working copy. No other checkout, no course
  folder, no /home, /root, /tmp or /etc of the host.
- **Rights.** When the grader runs as root, bwrap sets up the mounts and ``setpriv`` then
  drops to a dedicated unprivileged uid (one per parallel slot, no passwd entry) with an
  empty capability bounding set and ``no_new_privs``: mount, chroot, ptrace and raw
  sockets fail. As an ordinary user bwrap runs in a user namespace without capabilities.
- **Environment.** Cleared; only PATH, HOME, LANG, TMPDIR and a few tool folders are set.
- **Limits.** No network, own pid/ipc/uts namespaces. With root on cgroup v1 (or v2) the
  whole process tree of the notebook gets one memory and one process limit, and its working
  copy is a tmpfs of fixed size (total bytes written). Without root, prlimit limits each
  process (memory, file size, process count) - a weaker guarantee, reported by
  :func:`guarantees`. nbclient (in the grader) caps output per cell and per notebook
  (including display updates) and time per cell; a watchdog caps time per notebook.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from leerlab.errors import LeerlabFout
from leerlab.paths import repo_root

#: Set by the grader on Ctrl-C: every running sandbox stops at once.
STOP = threading.Event()
#: Kernels run as BASE_UID + n: far above any real account, a new uid for every notebook.
BASE_UID = 1_900_000_000
_UIDS = itertools.count(random.randrange(0, 50_000_000))
_UID_LOCK = threading.Lock()
CGROUP_V1 = Path("/sys/fs/cgroup")
_TMPFS: bool | None = None  # can root mount a tmpfs here? (None: not tried yet)


@dataclass(frozen=True)
class Limits:
    """Limits for one notebook."""

    cel_seconden: int = 30
    totaal_seconden: int = 300
    geheugen_mb: int = 1536
    max_tekens: int = 20_000
    uitvoer_mb: int = 8  # all output of the notebook, display updates included
    schrijf_mb: int = 256  # the working copy (tmpfs when root)
    processen: int = 64  # processes and threads of the whole tree


@dataclass
class Uitvoering:
    """Result of one sandboxed run: the executed notebook (or None) and Dutch statuses."""

    notebook: NotebookNode | None
    status: str
    seconden: float
    redenen: list[str] = field(default_factory=list)
    verlopen: set[str] = field(default_factory=set)  # ids of cells that hit the time limit


def is_root() -> bool:
    return os.geteuid() == 0


def bwrap_available() -> bool:
    return all(shutil.which(t) for t in ("bwrap", "prlimit")) and (
        not is_root() or shutil.which("setpriv") is not None
    )


def new_uid() -> int:
    with _UID_LOCK:
        return BASE_UID + next(_UIDS) % 50_000_000


# --- cgroups -----------------------------------------------------------------------------
def _own_cgroup(controller: str) -> Path | None:
    """This process's group in a cgroup v1 hierarchy, if it exists and root may write it."""
    if not is_root():
        return None
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, names, path = line.split(":", 2)
            if controller in names.split(","):
                folder = CGROUP_V1 / controller / path.lstrip("/")
                if (folder / "cgroup.procs").is_file() and os.access(folder, os.W_OK):
                    return folder
    return None


def cgroups_available() -> bool:
    return _own_cgroup("memory") is not None and _own_cgroup("pids") is not None


def guarantees() -> list[str]:
    """Which guarantees hold on this machine, in Dutch (shown to the trainer)."""
    root = is_root()
    lines = [
        "De kernel draait als gebruiker zonder rechten (eigen uid, geen capabilities, "
        "no_new_privs)." if root else
        "De kernel draait als jouw eigen gebruiker, zonder capabilities (user namespace).",
    ]  # fmt: skip
    if cgroups_available():
        lines.append("Geheugen en aantal processen gelden voor het hele notebook (cgroup v1).")
    else:
        lines.append("Geen cgroups: geheugen en processen zijn alleen per proces begrensd.")
    if root and _TMPFS is not False:
        lines.append("De werkmap is een tmpfs van vaste grootte: alles wat het notebook schrijft "
                     "telt mee.")  # fmt: skip
    else:
        lines.append("Alleen de grootte per bestand is begrensd, niet het totaal geschreven.")
    return lines


class Groep:
    """One notebook's process tree in the memory and pids hierarchies (cgroup v1)."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.folders: list[Path] = []
        memory, pids = _own_cgroup("memory"), _own_cgroup("pids")
        if memory is None or pids is None:
            return
        try:
            for parent in (memory, pids):
                folder = parent / name
                folder.mkdir()
                self.folders.append(folder)
            limit = str(limits.geheugen_mb * 1024 * 1024)
            (self.folders[0] / "memory.limit_in_bytes").write_text(limit)
            with contextlib.suppress(OSError):  # absent without swap accounting
                (self.folders[0] / "memory.memsw.limit_in_bytes").write_text(limit)
            (self.folders[1] / "pids.max").write_text(str(limits.processen))
        except OSError:
            self.remove()
            self.folders = []

    @property
    def active(self) -> bool:
        return len(self.folders) == 2

    def wrap(self, cmd: list[str]) -> list[str]:
        """Join both groups before bwrap starts, so every descendant is inside."""
        if not self.active:
            return cmd
        script = 'echo $$ > "$1" && echo $$ > "$2" && shift 2 && exec "$@"'
        procs = [str(f / "cgroup.procs") for f in self.folders]
        return ["/bin/sh", "-c", script, "sh", *procs, *cmd]

    def breaches(self, limits: Limits) -> list[str]:
        reasons: list[str] = []
        if not self.active:
            return reasons
        with contextlib.suppress(OSError, ValueError):
            oom = (self.folders[0] / "memory.oom_control").read_text()
            kills = [
                int(line.split()[1]) for line in oom.splitlines() if line.startswith("oom_kill ")
            ]
            failcnt = int((self.folders[0] / "memory.failcnt").read_text())
            if (kills and kills[0] > 0) or (not kills and failcnt > 0):
                reasons.append(f"het notebook gebruikte meer dan {limits.geheugen_mb} MB "
                               "geheugen (alle processen samen) en is gestopt")  # fmt: skip
        with contextlib.suppress(OSError, ValueError):
            events = (self.folders[1] / "pids.events").read_text().split()
            if len(events) >= 2 and int(events[1]) > 0:
                reasons.append(f"het notebook probeerde meer dan {limits.processen} processen "
                               "of threads te starten")  # fmt: skip
        return reasons

    def kill_all(self) -> None:
        """No process of the notebook outlives it."""
        for _ in range(50):
            pids = set()
            for folder in self.folders:
                with contextlib.suppress(OSError, ValueError):
                    pids |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.05)

    def remove(self) -> None:
        self.kill_all()
        for folder in reversed(self.folders):
            for _ in range(20):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.05)


# --- the working copy --------------------------------------------------------------------
def make_workdir(parent: Path, prefix: str, uid: int, limits: Limits) -> Path:
    """A fresh folder for one submission, owned by the kernel's uid.

    As root it is a tmpfs of ``limits.schrijf_mb``: the notebook cannot write more than
    that in total, and nothing it writes reaches the host's disk."""
    global _TMPFS
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    if is_root() and _TMPFS is not False:
        size = limits.schrijf_mb * 1024 * 1024
        options = f"size={size},nr_inodes=20000,mode=0700,uid={uid},gid={uid},nosuid,nodev"
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "leerlab", str(folder)],
                              capture_output=True)  # fmt: skip
        _TMPFS = done.returncode == 0  # e.g. a container that forbids mounting: a plain folder
    return folder


def workdir_full(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        info = os.statvfs(folder)
        return os.path.ismount(folder) and info.f_bavail * info.f_frsize < 64 * 1024
    return False


def remove_workdir(folder: Path) -> None:
    if is_root() and os.path.ismount(folder):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def give_to(folder: Path, uid: int) -> None:
    """Hand the prepared working copy to the kernel's uid (root only)."""
    if not is_root():
        return
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, uid)


# --- the command -------------------------------------------------------------------------
def _readonly_roots() -> list[Path]:
    """Folders the kernel needs to read: the Python environment, the package and public data."""
    import leerlab

    roots = {Path(sys.prefix).resolve(), Path(leerlab.__file__).resolve().parent}
    roots.add(Path(sys.base_prefix).resolve())
    roots.add(Path(os.path.realpath(sys.executable)).parent.parent)
    with contextlib.suppress(FileNotFoundError):
        roots.add((repo_root() / "data").resolve())
    usr = Path("/usr")
    return sorted(r for r in roots if r != usr and usr not in r.parents)


def _parents(paths: list[Path]) -> list[Path]:
    """Every folder above the mounted paths that bwrap must create (readable, mode 0755)."""
    covered = set(paths) | {Path("/usr")}
    found: set[Path] = set()
    for path in paths:
        for parent in path.parents:
            if parent != Path("/") and not any(parent == c or c in parent.parents for c in covered):
                found.add(parent)
    return sorted(found, key=lambda p: len(p.parts))


def environment(folder: str) -> dict[str, str]:
    """The kernel's whole environment (an allow-list; nothing of the grader's)."""
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": folder,
        "LANG": "C.UTF-8",
        "TMPDIR": f"{folder}/.tmp",
        "IPYTHONDIR": f"{folder}/.ipython",
        "MPLCONFIGDIR": f"{folder}/.mpl",
        "MPLBACKEND": "agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde",
    }
    with contextlib.suppress(FileNotFoundError):
        env["LEERLAB_ROOT"] = str(repo_root().resolve())
    return env


def command(workdir: Path, limits: Limits, uid: int | None = None) -> list[str]:
    """bwrap (+ setpriv as root) + prlimit in front of a kernel command. ``workdir`` keeps
    its own path inside, so the kernel's Unix sockets there work for both sides."""
    folder = str(workdir)
    readonly = _readonly_roots()
    cmd = [
        "bwrap", "--clearenv",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        "--dev", "/dev", "--proc", "/proc",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent", "--new-session",
    ]  # fmt: skip
    for name in ("/etc/ld.so.cache", "/etc/localtime"):
        if os.path.isfile(name):
            cmd += ["--ro-bind", name, name]
    for parent in _parents([*readonly, workdir]):
        cmd += ["--perms", "0755", "--dir", str(parent)]
    for readable in readonly:
        cmd += ["--ro-bind", str(readable), str(readable)]
    cmd += ["--bind", folder, folder, "--chdir", folder]
    for key, value in environment(folder).items():
        cmd += ["--setenv", key, value]
    if is_root():
        uid = uid if uid is not None else new_uid()
        cmd += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]  # fmt: skip
        nproc = limits.processen
    else:
        cmd[1:1] = ["--unshare-user", "--cap-drop", "ALL"]
        nproc = max(limits.processen, 256)  # counts all of this user's processes
    memory = limits.geheugen_mb * 1024 * 1024
    cmd += ["prlimit", f"--as={memory}", f"--cpu={limits.totaal_seconden}", f"--nproc={nproc}"]
    cmd += [f"--fsize={min(limits.schrijf_mb, 64) * 1024 * 1024}", "--core=0", "--"]
    return cmd


def execute_here(
    workdir: Path, notebook: str, limits: Limits, uid: int | None = None
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
            "bubblewrap (bwrap), prlimit of setpriv ontbreekt. Installeer ze met "
            "'apt-get install bubblewrap util-linux' of 'make system-deps'."
        )
    start = time.monotonic()
    kernel_uid: int = uid if uid is not None else new_uid()
    group = Groep(f"leerlab-{kernel_uid}-{os.getpid()}", limits)
    prefix = group.wrap(command(workdir, limits, kernel_uid))

    class SandboxedKernel(AsyncKernelManager):  # type: ignore[misc]
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            if is_root():  # the kernel's uid must read its connection file
                os.chown(self.connection_file, kernel_uid, kernel_uid)
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
        group.remove()
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
    client.max_total = limits.uitvoer_mb * 1024 * 1024
    finished = threading.Event()
    expired: list[str] = []

    def kill() -> None:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        group.kill_all()

    def watchdog() -> None:
        deadline = time.monotonic() + limits.totaal_seconden
        while not finished.wait(0.25):
            if STOP.is_set() or time.monotonic() > deadline:
                expired.append("afgebroken" if STOP.is_set() else "tijd")
                kill()
                return

    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    status = "ok"
    reasons: list[str] = []
    try:
        # cleanup_kc: nbclient stops a kernel it did not create only when asked.
        client.execute(cleanup_kc=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except DeadKernelError:
        status = (
            "de Python-kernel stopte onverwacht (bijvoorbeeld door os._exit of te veel geheugen)"
        )
    except Exception as exc:  # noqa: BLE001 - never let one notebook stop the run
        status = f"het uitvoeren van dit notebook mislukte ({type(exc).__name__})"
    finally:
        finished.set()
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        reasons += group.breaches(limits)
        group.remove()
    if client.over_total:
        reasons.append(f"het notebook gaf meer dan {limits.uitvoer_mb} MB uitvoer; de rest is "
                       "weggelaten")  # fmt: skip
    if workdir_full(workdir):
        reasons.append(f"het notebook schreef meer dan {limits.schrijf_mb} MB aan bestanden")
    if expired == ["tijd"]:
        status = f"het notebook liep langer dan {limits.totaal_seconden} seconden en is gestopt"
    elif expired:
        return Uitvoering(None, "het nakijken is afgebroken", time.monotonic() - start, reasons)
    return Uitvoering(nb, status, time.monotonic() - start, reasons, set(client.timed_out))
