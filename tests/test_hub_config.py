"""The hub's configuration without starting it (fast, no root): what jupyterhub_config.py sets
from its environment, and that the trainer page documents exactly the settings it reads.
tests/test_hub.py runs the same file for real."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from leerlab.errors import LeerlabFout

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
PAGE = ROOT / "book" / "gebruik-trainer.md"


def _load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEERLAB_HUB_STATE", str(tmp_path / "state"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_config_names_users_roles_and_the_formgrader(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lijst = tmp_path / "studenten.csv"
    lijst.write_text("id;voornaam\ns001;Anna\ns002;Bram\n", encoding="utf-8")
    c = _load(monkeypatch, tmp_path, LEERLAB_HUB_TRAINERS="tr1, tr2",
              LEERLAB_HUB_STUDENTEN=str(lijst), LEERLAB_HUB_CURSUSMAP="/srv/cursus")  # fmt: skip
    assert c.Authenticator.allowed_users == {"tr1", "tr2", "s001", "s002"}
    assert c.Authenticator.admin_users == {"tr1", "tr2"}
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.JupyterHub.ip == "127.0.0.1"
    assert (tmp_path / "state").is_dir()
    (service,) = c.JupyterHub.services  # no admin token: no "beheer" service
    assert service["name"] == "leerlab" and service["user"] == "tr1"
    assert service["cwd"] == "/srv/cursus" and service["url"].startswith("http://127.0.0.1:")
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["formgrader-leerlab"]["groups"] == ["formgrade-leerlab"]
    assert "access:services!service=leerlab" in roles["formgrader-leerlab"]["scopes"]
    assert c.JupyterHub.load_groups["formgrade-leerlab"]["users"] == ["tr1", "tr2"]
    # The proxy is the pinned one from npm when node_modules is there.
    pin = json.loads((ROOT / "package.json").read_text())["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pin)
    # User servers: formgrader off; the service: formgrader on (its own config folder first).
    users = c.Spawner.environment["JUPYTER_CONFIG_PATH"].split(":")
    assert users[0].endswith("gebruikers") and service["environment"]["JUPYTER_CONFIG_PATH"]
    ext = json.loads((DEPLOY / "gebruikers" / "jupyter_server_config.json").read_text())
    assert ext["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False


def test_a_bad_student_list_stops_the_hub_with_a_dutch_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lijst = tmp_path / "studenten.csv"
    lijst.write_text("id\nmet spatie\n", encoding="utf-8")
    with pytest.raises(LeerlabFout, match="geen geldige id"):
        _load(monkeypatch, tmp_path, LEERLAB_HUB_STUDENTEN=str(lijst))


def test_trainer_page_documents_the_settings_the_config_reads() -> None:
    config = (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")
    page = PAGE.read_text(encoding="utf-8")
    read = set(re.findall(r'environ\.get\("((?:LEERLAB_HUB|NBGRADER)_[A-Z_]+)"', config))
    documented = set(re.findall(r"`((?:LEERLAB_HUB|NBGRADER)_[A-Z_]+)`", page))
    assert documented and documented <= read, documented - read
    # The ones a trainer must set to start the hub are in the start command.
    for name in ("LEERLAB_HUB_TRAINERS", "LEERLAB_HUB_STUDENTEN", "LEERLAB_HUB_CURSUSMAP"):
        assert name in documented
    assert "-f deploy/jupyterhub/jupyterhub_config.py" in page
