"""The sandbox itself, probed from inside a real kernel: no rights, no host files, a clean
environment, limits for the whole process tree. As root (as CI runs) the escape from issue
20 (bind-mount / and remount it read-write) must fail."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from leerlab.grading import sandbox
from leerlab.grading.sandbox import Limits
from leerlab.paths import repo_root

ROOT = os.geteuid() == 0
LIMITS = Limits(cel_seconden=20, totaal_seconden=90, geheugen_mb=400, processen=40, schrijf_mb=20)

PROBE = r"""
import ctypes, json, os, socket, subprocess
r = {}
status = open("/proc/self/status").read()
r["capeff"] = status.split("CapEff:")[1].split()[0]
r["nnp"] = status.split("NoNewPrivs:")[1].split()[0]
r["uid"] = os.getuid()
r["env"] = sorted(os.environ)
os.makedirs("X", exist_ok=True)
r["mount"] = subprocess.run(["mount", "--bind", "/", "X"], capture_output=True).returncode
r["remount"] = subprocess.run(["mount", "-o", "remount,bind,rw", "X"],
                              capture_output=True).returncode
r["userns"] = subprocess.run(
    ["unshare", "-rm", "sh", "-c", "mount --bind / X && mount -o remount,bind,rw X && "
     "touch X/usr/leerlab-escape"], capture_output=True).returncode
try:
    os.chroot("/")
    r["chroot"] = "ok"
except OSError as e:
    r["chroot"] = e.errno
libc = ctypes.CDLL(None, use_errno=True)
r["ptrace"] = libc.ptrace(16, 1, 0, 0)
try:
    socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    r["raw"] = "ok"
except OSError as e:
    r["raw"] = e.errno
try:
    socket.create_connection(("1.1.1.1", 53), 2)
    r["net"] = "ok"
except OSError:
    r["net"] = "geen"
seen = {}
for p in PATHS:
    try:
        seen[p] = sorted(os.listdir(p))[:5] if os.path.isdir(p) else open(p, "rb").read(10).hex()
    except OSError as e:
        seen[p] = type(e).__name__
r["seen"] = seen
writes = {}
for p in ["/usr/leerlab-x", "/tmp/leerlab-x", "/dev/shm/leerlab-x", "/leerlab-x"]:
    try:
        open(p, "w").write("x")
        writes[p] = "ok"
    except OSError as e:
        writes[p] = type(e).__name__
r["writes"] = writes
open("probe.json", "w").write(json.dumps(r))
"""


def _run(tmp_path: Path, code: str, limits: Limits = LIMITS) -> tuple[sandbox.Uitvoering, Path]:
    uid = sandbox.new_uid()
    scratch = tmp_path / "scratch"
    scratch.mkdir(mode=0o755, exist_ok=True)
    os.chmod(tmp_path, 0o755)
    work = sandbox.make_workdir(scratch, "probe-", uid, limits)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, work / "probe.ipynb")
    sandbox.give_to(work, uid)
    return sandbox.execute_here(work, "probe.ipynb", limits, uid), work


def _hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for top in paths:
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and not path.is_symlink() and ".venv" not in path.parts:
                digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def test_kernel_has_no_rights_and_sees_nothing_of_the_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEERLAB_GEHEIM", "wachtwoord-123")
    checkout = repo_root()
    secret_dir = tmp_path / "cursus"
    secret_dir.mkdir()
    (secret_dir / "gradebook.db").write_text("geheim")
    paths = [str(checkout / "exercises" / "source"), str(checkout / "README.md"),
             str(secret_dir / "gradebook.db"), "/root", "/home", "/etc/passwd", "/work",
             str(checkout / "src" / "leerlab" / "grading" / "controles.py")]  # fmt: skip
    watched = [checkout / "exercises", checkout / "data", secret_dir]
    before = _hash(watched)
    run, work = _run(tmp_path, f"PATHS = {paths!r}\n" + PROBE)
    try:
        assert run.status == "ok", run
        result = json.loads((work / "probe.json").read_text())
    finally:
        sandbox.remove_workdir(work)
    if ROOT:
        assert result["capeff"] == "0000000000000000"
        assert result["uid"] >= sandbox.BASE_UID
        assert result["nnp"] == "1"
        assert result["ptrace"] == -1 and result["chroot"] != "ok" and result["raw"] != "ok"
    assert result["mount"] != 0 and result["remount"] != 0 and result["userns"] != 0
    assert result["net"] == "geen"
    assert "LEERLAB_GEHEIM" not in result["env"]
    # ipykernel itself sets the pager and colour variables at start-up.
    own = {"PWD", "LC_CTYPE", "SHLVL", "_", "TERM", "PAGER", "GIT_PAGER", "CLICOLOR",
           "CLICOLOR_FORCE", "FORCE_COLOR", "PYDEVD_USE_FRAME_EVAL"}  # fmt: skip
    assert set(result["env"]) <= set(sandbox.environment("/x")) | own
    seen = result["seen"]
    # A folder above an allowed path (/root above pyenv's Python) shows only that path.
    allowed = {*sandbox._readonly_roots(), tmp_path}
    for hidden in paths[:7]:
        if isinstance(seen[hidden], list):
            for name in seen[hidden]:
                entry = Path(hidden) / name
                assert any(entry == a or entry in a.parents for a in allowed), entry
        else:
            assert seen[hidden] in ("FileNotFoundError", "PermissionError"), (hidden, seen[hidden])
    assert seen[paths[7]] != "FileNotFoundError"  # the package itself is readable
    assert all(v != "ok" for v in result["writes"].values()), result["writes"]
    assert not Path("/usr/leerlab-escape").exists()
    assert _hash(watched) == before


@pytest.mark.skipif(not (ROOT and sandbox.cgroups_available()), reason="cgroup v1 nodig (root)")
def test_limits_hold_for_the_whole_process_tree(tmp_path: Path) -> None:
    """Six children of 150 MB each stay under 400 MB together; a fork bomb stops at 40;
    100 files of 1 MB stop at the 20 MB working copy. No process is left."""
    code = (
        "import os, subprocess, sys, time\n"
        "kids = [subprocess.Popen([sys.executable, '-c', "
        "'b = bytearray(150 * 1024**2); import time; time.sleep(30)']) for _ in range(6)]\n"
        "time.sleep(4)\n"
        "alive = sum(k.poll() is None for k in kids)\n"
        "n = 0\n"
        "try:\n"
        "    for _ in range(200):\n"
        "        subprocess.Popen(['sleep', '3141']); n += 1\n"
        "except Exception:\n"
        "    pass\n"
        "w = 0\n"
        "try:\n"
        "    for i in range(100):\n"
        "        open(f'f{i}', 'wb').write(b'x' * 1024**2); w += 1\n"
        "except OSError:\n"
        "    pass\n"
        "open('limits.txt', 'w').write(f'{alive} {n} {w}')\n"
    )
    run, work = _run(tmp_path, code)
    try:
        text = (work / "limits.txt").read_text() if (work / "limits.txt").exists() else ""
    finally:
        sandbox.remove_workdir(work)
    reasons = " | ".join(run.redenen)
    assert "geheugen" in reasons and "processen" in reasons, run
    if text:
        alive, forks, files = map(int, text.split())
        assert alive < 6 and forks < 40 and files < 20
    leftover = subprocess.run(["pgrep", "-f", "sleep 3141"], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""
