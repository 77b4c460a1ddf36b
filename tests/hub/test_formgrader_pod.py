"""A course's formgrader as its own pod on Kubernetes: an external hub service with the environment the hub gives one.

The chart cannot start a course's JupyterLab as `szkola hub` does; the pod runs it with
``formgrader_environment`` and the service's token. Here a real hub registers the course as an
external service and the same command runs beside it; trainers of the course reach its formgrader
through the hub's proxy, anyone else is refused.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.courses import course_roles, course_server_config, free_port
from szkola_kooperacji.hub.launch import HubLaunch
from szkola_kooperacji.hub.settings import HubSettings, grader_group
from szkola_kooperacji.hub.z2jh import FORMGRADER_PORT, HUB_API_URL, IMAGE_COURSE_CONFIG, formgrader_manifests
from tests.browser.conftest import new_course

from .conftest import ADMIN, EXERCISE, HUB_START_S

pytestmark = pytest.mark.slow

COURSE = "regionalny_2026"
TRAINER, TRAINEE = "mkowalska", "anowak"


def _api(url: str, token: str, method: str = "GET") -> tuple[int, bytes]:
    data = b"{}" if method == "POST" else None
    request = urllib.request.Request(url, method=method, data=data, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _as_pod_runs_it(folder: Path, tmp_path: Path, api: str, bind: str, token: str) -> tuple[list[str], dict[str, str]]:
    """The container of formgradery.yaml's Deployment, here: the image's config for this folder, the hub's addresses."""
    settings = HubSettings(state_dir="", store="", admins=[], courses={COURSE: str(folder)})
    deployment = next(m for m in formgrader_manifests(settings, "obraz") if m["kind"] == "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    config = tmp_path / "course_server_config.py"  # the image writes it for its folder (deploy/Dockerfile)
    config.write_text(course_server_config(str(folder)), encoding="utf-8")
    command = [part.replace(IMAGE_COURSE_CONFIG, str(config)) for part in container["command"]]
    here = {HUB_API_URL: api, f"http://0.0.0.0:{FORMGRADER_PORT}": bind}
    env = dict(os.environ)
    for entry in container["env"]:
        env[entry["name"]] = here.get(entry.get("value"), entry.get("value")) if "value" in entry else token
    return command, env


def test_a_course_formgrader_pod_serves_the_courses_trainers_only(tmp_path: Path):
    try:
        find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    (tmp_path / "kurs").mkdir()
    folder = new_course(tmp_path / "kurs", {TRAINEE: ("Anna", "Nowak")}, EXERCISE)
    service_token, organiser, port = secrets.token_hex(16), secrets.token_hex(16), free_port()
    settings = HubSettings(state_dir="", store="", admins=[ADMIN], courses={COURSE: str(folder)}, trainers={})
    (role,) = course_roles(settings)
    extra = tmp_path / "extra_config.py"
    extra.write_text(
        f"c.JupyterHub.services.append({{'name': {COURSE!r}, 'url': 'http://127.0.0.1:{port}', "
        f"'api_token': {service_token!r}, 'oauth_no_confirm': True}})\n"
        f"c.JupyterHub.services.append({{'name': 'organizator', 'api_token': {organiser!r}}})\n"
        f"c.JupyterHub.load_roles.append({role!r})\n"
        "c.JupyterHub.load_roles.append({'name': 'organizator', 'scopes': ['admin:users', 'tokens'], "
        "'services': ['organizator']})\n"
        f"c.JupyterHub.load_groups.update({{{grader_group(COURSE)!r}: {{'users': [{TRAINER!r}]}}}})\n",
        encoding="utf-8",
    )
    hub = HubLaunch(ADMIN, "", tmp_path / "state", config=extra).start(tmp_path / "hub.log")
    try:
        hub.wait_up(HUB_START_S)
        api = f"http://127.0.0.1:{hub.launch.hub_port}/hub/api"
        command, env = _as_pod_runs_it(folder, tmp_path, api, f"http://127.0.0.1:{port}", service_token)
        log = (tmp_path / "formgrader.log").open("wb")
        pod = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            tokens = {}
            for user in (TRAINER, TRAINEE):
                _api(hub.at(f"hub/api/users/{user}"), organiser, "POST")
                status, body = _api(hub.at(f"hub/api/users/{user}/tokens"), organiser, "POST")
                assert status == 201, body
                tokens[user] = json.loads(body)["token"]
            assignments = hub.at(f"services/{COURSE}/formgrader/api/assignments")
            deadline, status, body = time.monotonic() + 90, 0, b""
            while time.monotonic() < deadline and status != 200 and pod.poll() is None:
                status, body = _api(assignments, tokens[TRAINER])
                time.sleep(1)
            assert status == 200, (status, body[:500], (tmp_path / "formgrader.log").read_text()[-3000:])
            assert EXERCISE in {a["name"] for a in json.loads(body)}
            refused, _ = _api(assignments, tokens[TRAINEE])
            assert refused == 403
        finally:
            pod.terminate()
            pod.wait(timeout=30)
            log.close()
    finally:
        hub.stop(patience=30)
