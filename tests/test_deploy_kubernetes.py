"""Kubernetes files in deploy/kubernetes: the Zero to JupyterHub values file validates against the
chart's published values schema (vendored with its version), the grading Job is an Indexed Job,
and the image installs exactly the pins CI installs."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "kubernetes"
CHART_VERSION = "4.4.0"
SCHEMA = K8S / "schema" / f"jupyterhub-{CHART_VERSION}-values.schema.json"
CHART_DEFAULTS = K8S / "schema" / f"jupyterhub-{CHART_VERSION}-values.yaml"


def _merge(base: Any, override: Any) -> Any:
    """Helm's coalescing of user values over the chart's values.yaml (maps merge)."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = copy.deepcopy(base)
        for key, value in override.items():
            out[key] = _merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(override)


def _errors(values: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    merged = _merge(yaml.safe_load(CHART_DEFAULTS.read_text(encoding="utf-8")), values)
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(merged)]


def _values() -> dict[str, Any]:
    data = yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_values_file_validates_against_the_chart_schema() -> None:
    assert _errors(_values()) == []


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("cull", "timeout"), "een uur"),
        (("singleuser", "storage", "type"), "usb-stick"),
        (("hub", "nietbestaand"), True),
    ],
)
def test_schema_rejects_a_wrong_value(path: tuple[str, ...], bad: object) -> None:
    values = _values()
    node: dict[str, Any] = values
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = bad
    assert _errors(values), f"{path} = {bad!r} should not validate"


def test_values_file_has_what_a_course_needs() -> None:
    values = _values()
    auth = values["hub"]["config"]["Authenticator"]
    assert "trainer" in auth["admin_users"]
    assert set(auth["admin_users"]) <= set(auth["allowed_users"])
    assert values["cull"]["enabled"] is True and values["cull"]["users"] is False
    assert values["singleuser"]["memory"]["limit"] and values["singleuser"]["cpu"]["limit"]
    mounts = {m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]}
    assert "/srv/nbgrader/exchange" in mounts
    assert "LTI13Authenticator" in (K8S / "values.yaml").read_text(encoding="utf-8")


def _documents() -> list[dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all((K8S / "grading-job.yaml").read_text("utf-8")) if d]
    for doc in docs:
        assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"]
    return docs


def test_grading_job_is_an_indexed_job_of_n_shards() -> None:
    docs = {d["kind"]: d for d in _documents()}
    job = docs["Job"]
    assert job["apiVersion"] == "batch/v1"
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed"
    assert spec["completions"] == spec["parallelism"]
    n = spec["completions"]
    pod = spec["template"]["spec"]
    assert pod["restartPolicy"] in {"Never", "OnFailure"}
    (container,) = pod["containers"]
    script = " ".join(container["command"] + container["args"])
    assert f'--deel "$((JOB_COMPLETION_INDEX+1))/{n}"' in script
    assert 'leerlab cursus nakijken "$OPDRACHT"' in script
    assert any(e["name"] == "OPDRACHT" and e["value"] for e in container["env"])
    # The real CLI accepts the pod's command line: in an empty folder it stops because there
    # is no course there, not on a usage error (missing assignment, unknown option).
    env = {**os.environ, "JOB_COMPLETION_INDEX": "0", "OPDRACHT": "h01",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            container["args"], shell=True, executable="/bin/bash", cwd=empty, env=env,
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
    assert done.returncode == 2 and "geen cursusmap" in done.stderr, done.stderr
    assert "Argument" not in done.stderr and "Onbekende optie" not in done.stderr, done.stderr
    merge = docs["CronJob"]["spec"]["jobTemplate"]["spec"]
    assert merge["completions"] == merge["parallelism"] == 1
    (merger,) = merge["template"]["spec"]["containers"]
    assert merger["command"] == ["leerlab", "cursus", "samenvoegen"]


def test_image_installs_the_ci_pins_and_the_wheel() -> None:
    dockerfile = (K8S / "Dockerfile").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # CI (Makefile `env`) installs requirements.txt, then the course without dependencies.
    assert "pip install --quiet -r requirements.txt" in makefile
    assert "COPY requirements.txt /tmp/requirements.txt" in dockerfile
    assert re.search(r"pip install --no-cache-dir -r /tmp/requirements\.txt", dockerfile)
    wheel = r"pip install --no-cache-dir --no-deps /tmp/leerlab-[\d.]+-py3-none-any\.whl"
    assert re.search(wheel, dockerfile)
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert version and f"leerlab-{version.group(1)}-py3-none-any.whl" in dockerfile
    # No package is installed from anything but requirements.txt (no second, unpinned pip line).
    pip_lines = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert len(pip_lines) == 2
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text("utf-8").split()
        if "==" in line
    )
    for package in ("jupyterlab", "nbgrader", "notebook"):
        assert package in pins, package
    tag = yaml.safe_load((K8S / "values.yaml").read_text("utf-8"))["singleuser"]["image"]["tag"]
    assert tag == version.group(1)
