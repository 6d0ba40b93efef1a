"""The course on a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py) on 127.0.0.1.

As root this test creates a trainer and five student Linux accounts (unique names per run),
sets up the trainer's course folder with ``leerlab cursus opzetten``, and starts
JupyterHub with configurable-http-proxy (node_modules) using the deploy config unchanged
(only environment variables: free ports, a temporary state folder and exchange). Then:

- the hub REST API (a service token from the config) lists the users and starts every
  user's own JupyterLab, each running as that Linux user, with nbgrader's extensions;
- the trainer logs in with a password (PAM), the hub's home page links to the formgrader in
  a new tab, and the formgrader answers through the proxy (a student is refused);
- the round trip: release (formgrader API) -> fetch, edit, submit (each student's own
  server: nbgrader's assignment-list API and the contents API) -> collect (formgrader API)
  -> ``leerlab cursus nakijken`` and ``leerlab cursus feedback`` as the trainer ->
  release_feedback (formgrader API) -> fetch_feedback, with hand-known points;
- student A can neither reach B's server nor read B's submission or feedback.

Needs root (CI runs as root); everything is removed afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import psutil
import pytest
import requests

from leerlab.grading import proefklas

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
BIN = Path(sys.executable).parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE = "leerlab"
ASSIGNMENT = "h01"
RUN = f"lh{secrets.token_hex(3)}"
TRAINER = f"{RUN}tr"
STUDENTS = [f"{RUN}s{i}" for i in range(1, 6)]
TIMEOUT = 180

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.geteuid() != 0 or not all(shutil.which(t) for t in ("useradd", "setpriv", "bwrap")),
        reason="De hub-test maakt echte gebruikers aan en start JupyterHub als root: "
        "draai hem als root (CI doet dat).",
    ),
]


def _visible() -> list[str]:
    """Like tests/test_deploy_exchange.py: the venv, its interpreter and this checkout may sit
    under root's private home; show just those folders, read-only, to everything the hub
    starts (a bwrap mount namespace, entered as root, so the hub can still switch users)."""
    roots = {ROOT, Path(sys.prefix).resolve(), Path(os.path.realpath(sys.executable)).parents[1]}
    hidden = sorted(r for r in roots if Path("/root") in r.parents)
    hidden = [r for r in hidden if not any(o in r.parents for o in hidden)]
    if not hidden:
        return []
    binds: list[str] = []
    for r in hidden:
        between = [a for a in reversed(r.parents) if Path("/root") in a.parents]
        binds += [arg for a in between for arg in ("--perms", "0755", "--dir", str(a))]
        binds += ["--ro-bind", str(r), str(r)]
    return ["bwrap", "--dev-bind", "/", "/", "--tmpfs", "/root", *binds, "--"]


VISIBLE = _visible()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _free_pair() -> int:
    """A port whose successor is free too (the proxy's API listens on port + 1)."""
    for _ in range(50):
        port = _free_port()
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port + 1))
            return port
    raise AssertionError("geen twee vrije poorten naast elkaar")


@dataclass
class Hub:
    url: str
    base: Path
    exchange: Path
    course: Path
    admin: dict[str, str]
    passwords: dict[str, str]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def api(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("headers", self.admin)
        kwargs.setdefault("timeout", 60)
        return requests.request(method, f"{self.url}/hub/api{path}", **kwargs)

    def as_user(self, user: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        """A request through the proxy with ``user``'s own API token."""
        kwargs.setdefault("timeout", 120)
        headers = {"Authorization": f"token {self.tokens[user]}"}
        return requests.request(method, f"{self.url}{path}", headers=headers, **kwargs)


def run_as(user: str, *args: str, cwd: Path, hub: Hub | None = None, check: bool = True) -> str:
    """Run a command as ``user`` (setpriv), with the hub's environment for user servers."""
    entry = pwd.getpwnam(user)
    env = {
        "HOME": entry.pw_dir,
        "USER": user,
        "PATH": f"{BIN}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LEERLAB_ROOT": str(ROOT),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "JUPYTER_CONFIG_PATH": f"{DEPLOY / 'gebruikers'}:{DEPLOY}",
    }
    if hub is not None:
        env["NBGRADER_EXCHANGE"] = str(hub.exchange)
    drop = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups"]
    done = subprocess.run(
        [*VISIBLE, *drop, "env", "-i", *(f"{k}={v}" for k, v in env.items()), *args],
        cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    if check and done.returncode != 0:
        raise AssertionError(f"{user}: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def _wait(what: str, probe: Any, log: Path, seconds: float = 120) -> Any:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(requests.RequestException):
            result = probe()
            if result:
                return result
        time.sleep(0.5)
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:] if log.exists() else ""
    raise AssertionError(f"{what}: niet op tijd klaar\n{tail}")


def _stop(proc: subprocess.Popen[bytes], uids: set[int]) -> None:
    """Stop the hub (it stops the proxy, the service and the servers), then make sure: every
    process it started (its descendants) and anything running as this run's accounts."""
    try:
        started = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        started = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    _gone, alive = psutil.wait_procs(started, timeout=20)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(alive, timeout=10)
    proc.wait(timeout=10)
    for p in psutil.process_iter(["uids"]):
        if p.info["uids"] and p.info["uids"].real in uids:
            with contextlib.suppress(psutil.Error):
                p.kill()


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    if not PROXY.exists():
        pytest.fail("configurable-http-proxy ontbreekt in node_modules: draai eerst `make env`.")
    base = Path(tempfile.mkdtemp(prefix="leerlab-hub-"))
    base.chmod(0o755)
    made: list[str] = []
    proc: subprocess.Popen[bytes] | None = None
    uids: set[int] = set()
    try:
        passwords = {u: secrets.token_urlsafe(12) for u in [TRAINER, *STUDENTS]}
        for user in [TRAINER, *STUDENTS]:
            subprocess.run(
                ["useradd", "--create-home", "--home-dir", str(base / user), "--shell",
                 "/bin/bash", user],
                check=True, timeout=30,
            )  # fmt: skip
            made.append(user)
            (base / user).chmod(0o700)
            uids.add(pwd.getpwnam(user).pw_uid)
        subprocess.run(
            ["chpasswd"], input="".join(f"{u}:{p}\n" for u, p in passwords.items()),
            text=True, check=True, timeout=30,
        )  # fmt: skip
        exchange = base / "exchange"
        exchange.mkdir()
        exchange.chmod(0o777)
        state = base / "state"
        state.mkdir(mode=0o700)
        students_csv = base / "studenten.csv"
        students_csv.write_text("id\n" + "".join(f"{s}\n" for s in STUDENTS), encoding="utf-8")
        students_csv.chmod(0o644)

        # The trainer's course folder, made the way the trainer page says.
        course = base / TRAINER / COURSE
        home = base / TRAINER
        run_as(TRAINER, "leerlab", "cursus", "opzetten", str(course), "--studenten",
               str(students_csv), cwd=home)  # fmt: skip
        run_as(TRAINER, "leerlab", "cursus", "uitdelen", ASSIGNMENT, "--map", str(course),
               cwd=home)  # fmt: skip

        port = _free_pair()
        admin_token = secrets.token_hex(16)
        env = {  # as after `sudo env ...` (the trainer page): the venv is not on PATH
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "HOME": "/root",
            "LEERLAB_ROOT": str(ROOT),
            "LEERLAB_HUB_TRAINERS": TRAINER,
            "LEERLAB_HUB_STUDENTEN": str(students_csv),
            "LEERLAB_HUB_CURSUSMAP": str(course),
            "LEERLAB_HUB_STATE": str(state),
            "LEERLAB_HUB_PORT": str(port),
            "LEERLAB_HUB_INTERN_PORT": str(_free_port()),
            "LEERLAB_HUB_FORMGRADER_PORT": str(_free_port()),
            "LEERLAB_HUB_BEHEER_TOKEN": admin_token,
            "NBGRADER_EXCHANGE": str(exchange),
        }
        log = base / "hub.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [*VISIBLE, str(BIN / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py")],
                cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            if proc is not None and proc.poll() is not None:
                raise AssertionError(log.read_text(errors="replace")[-4000:])
            return requests.get(f"{url}/hub/api/", timeout=5).status_code == 200

        _wait("JupyterHub", up, log)
        yield Hub(url, base, exchange, course, {"Authorization": f"token {admin_token}"},
                  passwords, log)  # fmt: skip
    finally:
        if proc is not None:
            _stop(proc, uids)
        if (base / "hub.log").exists():  # pytest shows this only when a test failed
            print((base / "hub.log").read_text(encoding="utf-8", errors="replace")[-6000:])
        for user in made:
            subprocess.run(["userdel", "--force", user], timeout=30, check=False,
                           capture_output=True)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


def _start_servers(hub: Hub) -> None:
    for user in [TRAINER, *STUDENTS]:
        r = hub.api("POST", f"/users/{user}/server")
        assert r.status_code in (201, 202), (user, r.status_code, r.text)
    for user in [TRAINER, *STUDENTS]:

        def ready(user: str = user) -> bool:
            model = hub.api("GET", f"/users/{user}").json()
            return bool(model["servers"].get("", {}).get("ready"))

        _wait(f"server van {user}", ready, hub.log, seconds=TIMEOUT)
        r = hub.api("POST", f"/users/{user}/tokens", json={"note": "test", "expires_in": 900})
        assert r.status_code == 201, r.text
        hub.tokens[user] = r.json()["token"]


def _page_config(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      html, re.S)  # fmt: skip
    assert found, html[:500]
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> str:
    return str(next(c.source for c in nb.cells
                    if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id))  # fmt: skip


def test_hub_starts_users_servers_and_formgrader(hub: Hub) -> None:
    # REST API: every allowed user exists; only the trainer is an admin.
    r = hub.api("GET", "/users")
    assert r.status_code == 200, r.text
    users = {u["name"]: u for u in r.json()}
    assert set(users) == {TRAINER, *STUDENTS}
    assert [n for n, u in users.items() if u["admin"]] == [TRAINER]
    assert users[TRAINER]["groups"] == [f"formgrade-{COURSE}"]
    assert all(users[s]["groups"] == [f"nbgrader-{COURSE}"] for s in STUDENTS)
    # A wrong password is refused by PAM (a valid login form, so not an XSRF refusal).
    intruder = requests.Session()
    intruder.get(f"{hub.url}/hub/login", timeout=30)
    wrong = {"username": STUDENTS[0], "password": hub.passwords[TRAINER],
             "_xsrf": intruder.cookies.get("_xsrf", "")}  # fmt: skip
    login = intruder.post(f"{hub.url}/hub/login", data=wrong, timeout=60)
    assert login.status_code == 403 and "Invalid username or password" in login.text, login.text

    _start_servers(hub)
    for user in [TRAINER, *STUDENTS]:
        uid = pwd.getpwnam(user).pw_uid
        mine = [p for p in psutil.process_iter(["uids", "cmdline"])
                if p.info["uids"] and p.info["uids"].real == uid
                and any("jupyterhub-singleuser" in a for a in p.info["cmdline"] or [])]  # fmt: skip
        assert mine, f"geen JupyterLab die als {user} draait"
        assert hub.as_user(user, "GET", f"/user/{user}/api/status").status_code == 200
    # nbgrader's lab extension is installed; students get the assignment list, not the
    # formgrader (that is the trainer's service).
    page = hub.as_user(STUDENTS[0], "GET", f"/user/{STUDENTS[0]}/lab")
    assert page.status_code == 200, page.text[:500]
    config = _page_config(page.text)
    assert "@jupyter/nbgrader" in {e["name"] for e in config["federated_extensions"]}
    disabled = config["disabledExtensions"]
    assert "@jupyter/nbgrader:formgrader" in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    # The trainer's own Lab has no formgrader menu either (it would show a blank iframe).
    page = hub.as_user(TRAINER, "GET", f"/user/{TRAINER}/lab")
    assert "@jupyter/nbgrader:formgrader" in _page_config(page.text)["disabledExtensions"]
    listing = hub.as_user(STUDENTS[0], "GET", f"/user/{STUDENTS[0]}/assignments",
                          params={"course_id": COURSE})  # fmt: skip
    assert listing.status_code == 200 and listing.json()["success"], listing.text
    assert hub.as_user(STUDENTS[0], "GET", f"/user/{STUDENTS[0]}/formgrader").status_code == 404
    # A student cannot reach another student's server.
    other = hub.as_user(STUDENTS[0], "GET", f"/user/{STUDENTS[1]}/api/contents")
    assert other.status_code in (403, 404), other.status_code

    # The formgrader answers through the hub for the trainer, not for a student.
    formgrader = f"/services/{COURSE}/formgrader"
    r = hub.as_user(TRAINER, "GET", f"{formgrader}/api/assignments")
    assert r.status_code == 200, r.text[:500]
    assert [a["name"] for a in r.json()] == sorted(
        p.name for p in (hub.course / "source").iterdir()
    )
    assert hub.as_user(STUDENTS[0], "GET", f"{formgrader}/api/assignments").status_code == 403

    # The trainer logs in with the Linux password (PAM); home links the formgrader in a new
    # tab, and JupyterHub forbids showing it in a frame.
    browser = requests.Session()
    browser.get(f"{hub.url}/hub/login", timeout=30)
    done = browser.post(
        f"{hub.url}/hub/login",
        data={"username": TRAINER, "password": hub.passwords[TRAINER],
              "_xsrf": browser.cookies.get("_xsrf", "")},
        timeout=60,
    )  # fmt: skip
    assert done.status_code == 200, done.text[:500]
    home = browser.get(f"{hub.url}/hub/home", timeout=60)
    links = re.findall(r"<a [^>]*href=\"([^\"]*formgrader[^\"]*)\"[^>]*>", home.text)
    tags = re.findall(r"<a [^>]*formgrader[^>]*>", home.text)
    assert links and all('target="_blank"' in t and 'rel="noopener"' in t for t in tags), tags
    assert "<iframe" not in home.text
    page = browser.get(f"{hub.url}{links[0]}", timeout=60)
    assert page.status_code == 200 and "formgrader" in page.url, (page.url, page.text[:300])
    assert "Manage Assignments" in page.text or "nbgrader" in page.text.lower()
    assert "frame-ancestors 'none'" in page.headers.get("Content-Security-Policy", ""), page.headers


def test_round_trip_through_the_hub(hub: Hub) -> None:
    if len(hub.tokens) < 1 + len(STUDENTS):
        _start_servers(hub)
    formgrader = f"/services/{COURSE}/formgrader/api"

    def trainer_post(path: str) -> dict[str, Any]:
        r = hub.as_user(TRAINER, "POST", f"{formgrader}{path}")
        assert r.status_code == 200, r.text[:1000]
        result: dict[str, Any] = r.json()
        assert result.get("success"), result
        return result

    trainer_post(f"/assignment/{ASSIGNMENT}/release")

    source = nbformat.read(hub.course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    expected: dict[str, float] = {}
    for i, student in enumerate(STUDENTS):
        base = f"/user/{student}"
        body = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
        r = hub.as_user(student, "POST", f"{base}/assignments/fetch", json=body)
        assert r.status_code == 200 and r.json()["success"], r.text[:1000]
        path = f"{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        got = hub.as_user(student, "GET", f"{base}/api/contents/{path}")
        assert got.status_code == 200, got.text[:500]
        released = nbformat.from_dict(got.json()["content"])
        good = proefklas.uitgewerkt(released, source)
        if i % 3 == 0:  # students 1 and 4: everything right (2 + 1 + 2 automatic points)
            nb, expected[student] = good, 5.0
        elif i % 3 == 1:  # students 2 and 5: handed in untouched (every check fails)
            nb, expected[student] = released, 0.0
        else:  # student 3: the wrong plan in question 2 (loses its 1 point)
            wrong = 'beste_plan = "B" if effect_a > effect_b else "A"'
            nb, expected[student] = proefklas.vervang_antwoord(good, "h01-beste", wrong), 4.0
        nb = proefklas.vervang_antwoord(
            nb, "h01-effect", _cell(nb, "h01-effect") + f"\n# {student}"
        )
        put = hub.as_user(student, "PUT", f"{base}/api/contents/{path}",
                          json={"type": "notebook", "content": nb})  # fmt: skip
        assert put.status_code == 200, put.text[:500]
        r = hub.as_user(student, "POST", f"{base}/assignments/submit", json=body)
        assert r.status_code == 200 and isinstance(r.json(), dict), r.text[:1000]
        assert r.json()["success"], r.json()

    # Student A sees only their own submission; the exchange hides B's.
    a, b = STUDENTS[0], STUDENTS[1]
    listing = hub.as_user(a, "GET", f"/user/{a}/assignments", params={"course_id": COURSE})
    assert b not in listing.text and a in listing.text
    inbound = hub.exchange / COURSE / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert len(submissions) == len(STUDENTS)
    b_dir = next(inbound / n for n in submissions if n.startswith(f"{b}+"))
    guessed = inbound / b_dir.name.rsplit("+", 1)[0] / f"{ASSIGNMENT}.ipynb"
    probe = (
        "import os, sys\n"
        "try:\n    os.listdir(sys.argv[1]); print('LIST')\n"
        "except PermissionError: print('NOLIST')\n"
        "try:\n    open(sys.argv[2]).read(); print('READ')\nexcept OSError: print('NOREAD')\n"
    )
    home_a = Path(pwd.getpwnam(a).pw_dir)
    out = run_as(a, "python", "-c", probe, str(inbound), str(guessed), cwd=home_a)
    assert out.split() == ["NOLIST", "NOREAD"], out
    # ... and not through B's home folder either.
    out = run_as(a, "python", "-c", probe, pwd.getpwnam(b).pw_dir,
                 f"{pwd.getpwnam(b).pw_dir}/{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
                 cwd=home_a)  # fmt: skip
    assert out.split() == ["NOLIST", "NOREAD"], out

    trainer_post(f"/assignment/{ASSIGNMENT}/collect")
    assert sorted(p.name for p in (hub.course / "submitted").iterdir()) == sorted(STUDENTS)
    home_t = Path(pwd.getpwnam(TRAINER).pw_dir)
    out = run_as(TRAINER, "leerlab", "cursus", "nakijken", ASSIGNMENT, "--map", str(hub.course),
                 "--processen", "2", cwd=home_t, hub=hub)  # fmt: skip
    assert all(s in out for s in STUDENTS), out
    run_as(TRAINER, "leerlab", "cursus", "feedback", ASSIGNMENT, "--map", str(hub.course),
           cwd=home_t, hub=hub)  # fmt: skip
    # Grades as the formgrader (and so the gradebook) has them, through the hub.
    r = hub.as_user(TRAINER, "GET", f"{formgrader}/submissions/{ASSIGNMENT}")
    assert r.status_code == 200, r.text[:500]
    scores = {s["student"]: s["score"] for s in r.json()}
    assert scores == expected, scores
    trainer_post(f"/assignment/{ASSIGNMENT}/release_feedback")

    feedback_root = hub.exchange / COURSE / "feedback"
    out = run_as(a, "python", "-c", probe, str(feedback_root), "/nonexistent", cwd=home_a)
    assert out.split()[0] == "NOLIST", out
    for student in STUDENTS:
        base = f"/user/{student}"
        body = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
        r = hub.as_user(student, "POST", f"{base}/assignments/fetch_feedback", json=body)
        assert r.status_code == 200, r.text[:500]
        folder = f"{COURSE}/{ASSIGNMENT}/feedback"
        listing = hub.as_user(student, "GET", f"{base}/api/contents/{folder}").json()
        (stamp,) = [entry["path"] for entry in listing["content"]]
        page = hub.as_user(student, "GET", f"{base}/api/contents/{stamp}/{ASSIGNMENT}.html",
                           params={"type": "file", "format": "text"}).json()  # fmt: skip
        html = page["content"]
        assert f"# {student}" in html
        assert all(other not in html for other in STUDENTS if other != student)
        assert f"Score: {expected[student]:g} van 8 punten" in html, html[:1500]
        assert "BEGIN HIDDEN TESTS" not in html and "verwacht =" not in html
    # A cannot open B's feedback through B's server.
    r = hub.as_user(a, "GET", f"/user/{b}/api/contents/{COURSE}/{ASSIGNMENT}/feedback")
    assert r.status_code in (403, 404)
