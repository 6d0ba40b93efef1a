"""A real PostgreSQL server for tests (Debian's package), started with initdb/pg_ctl.

The server runs in a temporary folder on 127.0.0.1 as an unprivileged user (PostgreSQL
refuses to run as root; CI runs as root, so the server drops to ``nobody`` there).
Shared by the live-session store tests and the gradebook tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if found is None:
        pytest.fail(f"{name} ontbreekt: installeer PostgreSQL (apt-get install postgresql).")
    return found


def as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throw-away server; yields ``postgresql://leerlab@127.0.0.1:PORT/postgres``."""
    folder = Path(tempfile.mkdtemp(prefix="leerlab-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LC_ALL": "C"}
    initdb = [tool("initdb"), "-D", str(data), "-U", "leerlab", "--auth=trust", "-E", "UTF8",
              "--no-locale"]  # fmt: skip
    subprocess.run(as_user(initdb), check=True, capture_output=True, env=env)
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = [tool("pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
             "start"]  # fmt: skip
    subprocess.run(as_user(start), check=True, capture_output=True, env=env)
    try:
        yield f"postgresql://leerlab@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            as_user([tool("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            env=env,
        )
        shutil.rmtree(folder, ignore_errors=True)
