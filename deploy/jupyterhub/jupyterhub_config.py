"""JupyterHub for the leerlab course on one Linux machine (local accounts, PAM login).

Start (as root, from the repository root, after ``make env``)::

    sudo env LEERLAB_HUB_TRAINERS=trainer LEERLAB_HUB_STUDENTEN=/srv/leerlab/studenten.csv \\
        LEERLAB_HUB_CURSUSMAP=~trainer/leerlab \\
        .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

What it sets up:

- **Login**: PAM (the machine's own accounts and passwords). JupyterHub 5 lets nobody in by
  default, so the allowed users are named explicitly: the trainers (``LEERLAB_HUB_TRAINERS``,
  comma-separated) plus the ids in the course's student list (``LEERLAB_HUB_STUDENTEN``, the
  same CSV as ``leerlab cursus opzetten --studenten``; column ``id`` = Linux account name).
  Trainers are the hub's admin users.
- **Servers**: LocalProcessSpawner starts each user's own JupyterLab as that Linux user (the
  hub runs as root to be allowed to do so). nbgrader's lab and server extensions come from
  the same environment; ``gebruikers/`` (on ``JUPYTER_CONFIG_PATH``) switches on only what
  students and trainers need there: the assignment list (fetch, submit, feedback), validate,
  and for trainers the course list. The formgrader and "create assignment" are off in user
  servers: they belong to the grader service.
- **Formgrader**: a managed hub service named after the course (nbgrader's rule: service name
  = course id), a JupyterLab server running as the grader account
  (``LEERLAB_HUB_NAKIJKER``, default: the first trainer) in the course folder
  (``LEERLAB_HUB_CURSUSMAP``, made with ``leerlab cursus opzetten``); config in
  ``formgrader/``. Trainers reach it at ``/services/<course>/formgrader`` via the group
  ``formgrade-<course>``. JupyterHub >= 4.1 forbids framing hub pages (a
  ``frame-ancestors`` policy against same-origin attacks), so nbgrader's own "Formgrader"
  menu, which shows it in an iframe inside Lab, would stay blank: it is switched off, and
  the hub's home page and Services menu (``templates/``) link to the formgrader in a new tab.
- **Exchange**: nbgrader's file exchange in ``NBGRADER_EXCHANGE`` (default
  ``/srv/nbgrader/exchange``), settings in ``nbgrader_config.py`` beside this file (why
  students cannot read each other's work: see there).

Pins: JupyterHub and its five extra packages are in requirements.txt, not in a separate
hub environment. The single-user servers run ``jupyterhub-singleuser``, which is part of the
jupyterhub package, in the same environment as JupyterLab, nbgrader and the course; the
hub and its single-user servers should run the same JupyterHub version; and the
Kubernetes image (deploy/kubernetes/Dockerfile) installs exactly requirements.txt. So one
pinned set serves CI, this hub and the image. Adding them changed no existing pin (checked
with ``pip install --dry-run --report``). JupyterHub is held at 5.5.4 (the 5.x line that
Zero to JupyterHub chart 4.x runs), configurable-http-proxy at 5.2.0 (package.json; the
proxy image tag of that chart).

Every setting that differs per machine comes from an environment variable (below), so
tests/test_hub.py runs this exact file on 127.0.0.1 with free ports.
"""

import os
import sys
from pathlib import Path

from leerlab.grading.cursusmap import read_students

c = get_config()  # noqa: F821

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
COURSE = os.environ.get("LEERLAB_HUB_CURSUS", "leerlab")
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
STATE = Path(os.environ.get("LEERLAB_HUB_STATE", "/srv/jupyterhub"))
TRAINERS = [n.strip() for n in os.environ.get("LEERLAB_HUB_TRAINERS", "").split(",") if n.strip()]
GRADER = os.environ.get("LEERLAB_HUB_NAKIJKER") or (TRAINERS[0] if TRAINERS else "")
STUDENT_LIST = os.environ.get("LEERLAB_HUB_STUDENTEN", "")
STUDENTS = [s.id for s in read_students(Path(STUDENT_LIST))] if STUDENT_LIST else []
COURSE_DIR = os.environ.get("LEERLAB_HUB_CURSUSMAP", f"/home/{GRADER}/{COURSE}")
IP = os.environ.get("LEERLAB_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("LEERLAB_HUB_PORT", "8000"))
HUB_PORT = int(os.environ.get("LEERLAB_HUB_INTERN_PORT", "8081"))
FORMGRADER_PORT = int(os.environ.get("LEERLAB_HUB_FORMGRADER_PORT", "9999"))
# The environment the hub runs from (.venv/bin): user servers and the service run from it too.
# Not looked up on PATH: `sudo` resets PATH.
BIN = Path(os.environ.get("LEERLAB_HUB_BIN", str(Path(sys.executable).parent)))
# Optional: a token for scripts (and the test) to manage users and servers via the REST API.
ADMIN_TOKEN = os.environ.get("LEERLAB_HUB_BEHEER_TOKEN", "")

# --- network and state ----------------------------------------------------------------
c.JupyterHub.ip = IP
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = HUB_PORT
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
# configurable-http-proxy from npm (package.json; `make env` installs it in node_modules).
_proxy = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_proxy) if _proxy.exists() else "configurable-http-proxy"]
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.template_paths = [str(HERE / "templates")]
c.JupyterHub.template_vars = {"leerlab_cursus": COURSE}

# --- who may log in -------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no login session (utmp, systemd) per server
c.Authenticator.allowed_users = set(TRAINERS) | set(STUDENTS)
c.Authenticator.admin_users = set(TRAINERS)
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": TRAINERS},
    f"nbgrader-{COURSE}": {"users": STUDENTS},
}
c.JupyterHub.load_roles = [
    {
        "name": f"formgrader-{COURSE}",
        "description": "Trainers open the formgrader service of the course.",
        "groups": [f"formgrade-{COURSE}"],
        "scopes": [f"access:services!service={COURSE}", f"read:services!service={COURSE}"],
    },
]

# --- each user's own JupyterLab, as that Linux user -------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
_user_env = {
    "JUPYTER_CONFIG_PATH": os.pathsep.join([str(HERE / "gebruikers"), str(HERE)]),
    "NBGRADER_EXCHANGE": EXCHANGE,
    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",  # nbgrader starts alembic by bare name
    "LANG": "C.UTF-8",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
c.Spawner.environment = _user_env

# --- the formgrader, a service of the hub, as the grader account ------------------------
_services: list[dict] = []
if GRADER:
    _services.append(
        {
            "name": COURSE,
            "display": True,
            "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
            "command": [str(BIN / "jupyterhub-singleuser"), "--ServerApp.default_url=/formgrader"],
            "user": GRADER,
            "cwd": COURSE_DIR,
            "oauth_no_confirm": True,
            "environment": {
                **_user_env,
                "JUPYTER_CONFIG_PATH": os.pathsep.join([str(HERE / "formgrader"), str(HERE)]),
                "LEERLAB_CURSUSMAP": COURSE_DIR,
                "HOME": os.path.expanduser(f"~{GRADER}"),
                "USER": GRADER,
            },
        }
    )
if ADMIN_TOKEN:
    _services.append({"name": "beheer", "api_token": ADMIN_TOKEN})
    c.JupyterHub.load_roles.append(
        {
            "name": "beheer",
            "description": "Scripts: manage users, servers and tokens.",
            "services": ["beheer"],
            "scopes": ["admin:users", "admin:servers", "tokens", "read:services", "read:hub"],
        }
    )
c.JupyterHub.services = _services
