"""With deploy/z2jh/values.yaml alone, every pod runs the trainee's locked dashboard; kursy.yaml unlocks trainers.

An organiser who installs values.yaml without kursy.yaml (or upgrades without it) runs no hook:
each pod runs ``singleuser.cmd`` as the chart hands it to KubeSpawner. Here a real hub starts that
same command line for an account (its image paths mapped onto this machine, as
test_formgrader_pod.py maps a formgrader pod's), and the account asks its server, with its own
hub token, for JupyterLab, a new kernel and code run in the dashboard's kernel: all refused, to
the admin too. With kursy.yaml's hook the admin's server is JupyterLab with the image's trainer
configuration, and a trainee's is still the dashboard.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.config import DASHBOARD_URL, trainee_server_config
from szkola_kooperacji.hub.launch import HubLaunch, RunningHub
from szkola_kooperacji.hub.z2jh import (
    HOOK_NAME,
    IMAGE_GUARD_CONFIG,
    IMAGE_TRAINEE_CONFIG,
    IMAGE_TRAINER_CONFIG,
    image_guard_config,
    pod_trainer_server_config,
)
from tests.aio import run
from tests.browser.conftest import new_course

from .conftest import ADMIN, EXERCISE, HUB_START_S
from .test_trainer_pod_formgrader import HOME_CONFIG
from .test_z2jh_values import CHART, COURSES, merged, values_file

pytestmark = pytest.mark.slow

TRAINEE = "anowak"
KEEP = object()
"""values.yaml's own ``singleuser.cmd``."""
IMAGE_PYTHON = "python"
"""The image's interpreter in ``singleuser.cmd``: here, this one (with the package installed)."""


RUN_AS_HERE = ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []
"""The image runs its servers as uid 1000; these tests may run as root, which jupyter_server refuses unless told."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _ask(url: str, token: str, method: str = "GET", follow: bool = True) -> tuple[int, Message, bytes]:
    data = b"{}" if method == "POST" else None
    request = urllib.request.Request(url, method=method, data=data, headers={"Authorization": f"token {token}"})
    opener = urllib.request.build_opener(*([] if follow else [_NoRedirect()]))
    try:
        with opener.open(request, timeout=120) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _pod_command(tmp_path: Path, cmd: Any = KEEP) -> tuple[list[str], str, dict[str, str]]:
    """``singleuser.cmd`` and ``singleuser.defaultUrl`` of values.yaml merged onto the chart's defaults, as helm does.

    ``cmd``: a value an organiser might give ``singleuser.cmd`` instead. The image's configurations
    are written here as deploy/Dockerfile writes them (checked by test_z2jh_values.py): the trainee's,
    and the image's own server configuration (``IMAGE_GUARD_CONFIG``), found here on
    ``JUPYTER_CONFIG_PATH``; the image's commands are this interpreter's. Returns the command, the
    default URL and the environment the image gives every server.
    """
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    values = merged(defaults, values_file())
    if cmd is not KEEP:
        values["singleuser"]["cmd"] = cmd
    config = tmp_path / "trainee_server_config.py"
    config.write_text(trainee_server_config(), encoding="utf-8")
    system = tmp_path / "etc-jupyter"
    system.mkdir()
    (system / Path(IMAGE_GUARD_CONFIG).name).write_text(image_guard_config(str(config)), encoding="utf-8")
    here = {
        IMAGE_PYTHON: sys.executable,
        "jupyterhub-singleuser": str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        f"--config={IMAGE_TRAINEE_CONFIG}": f"--config={config}",
    }
    command = values["singleuser"]["cmd"]
    command = [command] if isinstance(command, str) else command
    return (
        [here.get(part, part) for part in command],
        values["singleuser"]["defaultUrl"],
        {"JUPYTER_CONFIG_PATH": str(system)},
    )


def _code_runs(url: str, token: str) -> bool:
    """Send an ``execute_request`` to the dashboard's kernel; say whether the kernel answered it.

    The ``kernel_info_request`` sent after it proves the kernel answers this socket, so a missing
    ``execute_reply`` means the message was refused, not slow (as tests/hub/test_hub.py does in a page).
    """

    def message(kind: str, content: dict[str, Any]) -> str:
        header = {"msg_id": kind + secrets.token_hex(4), "msg_type": kind, "username": "", "session": "proba"}
        header |= {"date": "2026-11-27T08:00:00Z", "version": "5.3"}
        return json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
        )

    async def ask() -> bool:
        socket = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        code = {"code": "1 / 0", "silent": False, "store_history": False, "user_expressions": {}}
        await socket.write_message(message("execute_request", {**code, "allow_stdin": False, "stop_on_error": True}))
        await socket.write_message(message("kernel_info_request", {}))
        kinds: list[str] = []
        deadline = time.monotonic() + 30
        while "kernel_info_reply" not in kinds and time.monotonic() < deadline:
            answer = await asyncio.wait_for(socket.read_message(), timeout=30)
            assert isinstance(answer, str), "the kernel's socket closed"
            kinds.append(json.loads(answer)["header"]["msg_type"])
        socket.close()
        assert "kernel_info_reply" in kinds, kinds
        return bool({"execute_reply", "execute_input", "error"} & set(kinds))

    return run(ask())  # a thread of its own: the browser tests' Playwright may hold this thread's loop


@contextlib.contextmanager
def _chart_hub(tmp_path: Path, hook: bool, cmd: Any = KEEP) -> Iterator[tuple[RunningHub, str]]:
    """A real hub whose spawner starts each server as the chart's KubeSpawner would: ``cmd + get_args()``.

    Local processes stand in for pods; ``hook`` adds kursy.yaml's pre-spawn hook (its image paths
    mapped here too) as the chart runs ``hub.extraConfig``; ``cmd`` replaces values.yaml's
    ``singleuser.cmd``. Yields the hub and an organiser's token.
    """
    try:
        find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    command, default_url, image_environment = _pod_command(tmp_path, cmd)
    organiser = secrets.token_hex(16)
    lines = [
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.Spawner.cmd = {command!r}",
        f"c.Spawner.default_url = {default_url!r}",
        f"c.Spawner.environment.update({image_environment!r})  # added to the hub's own",
        f"c.Spawner.args = {RUN_AS_HERE!r}",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp_path / 'users' / '{username}')!r}",
        f"c.JupyterHub.services.append({{'name': 'organizator', 'api_token': {organiser!r}}})",
        "c.JupyterHub.load_roles.append({'name': 'organizator', 'scopes': ['admin:users', 'admin:servers', "
        "'admin:server_state', 'tokens'], 'services': ['organizator']})",
    ]
    if hook:
        trainer_config = tmp_path / "trainer_server_config.py"  # as deploy/Dockerfile writes it
        trainer_config.write_text(pod_trainer_server_config(), encoding="utf-8")
        source = values_file(COURSES)["hub"]["extraConfig"][HOOK_NAME]
        source = source.replace(repr(IMAGE_TRAINER_CONFIG), repr(str(trainer_config)))
        source = source.replace(repr(IMAGE_TRAINEE_CONFIG), repr(str(tmp_path / "trainee_server_config.py")))
        hook_file = tmp_path / "szkola_roles.py"
        hook_file.write_text(source, encoding="utf-8")
        lines += [
            f"load_subconfig({str(hook_file)!r})  # as the chart's jupyterhub_config.py runs hub.extraConfig",
            "c.Spawner.pre_spawn_hook = c.KubeSpawner.pre_spawn_hook",
        ]
    extra = tmp_path / "extra_config.py"
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    hub = HubLaunch(ADMIN, "", tmp_path / "state", config=extra).start(tmp_path / "hub.log")
    try:
        hub.wait_up(HUB_START_S)
        yield hub, organiser
    finally:
        hub.stop(patience=30)


def _started(hub: RunningHub, organiser: str, user: str) -> tuple[str, str]:
    """Start ``user``'s server through the hub's API; return its address and a token of the user's own."""
    (hub.launch.state.parent / "users" / user).mkdir(parents=True, exist_ok=True)
    _ask(hub.at(f"hub/api/users/{user}"), organiser, "POST")  # 201, or 409 for the admin the hub made
    status, _, body = _ask(hub.at(f"hub/api/users/{user}/tokens"), organiser, "POST")
    assert status == 201, body
    token = json.loads(body)["token"]
    status, _, body = _ask(hub.at(f"hub/api/users/{user}/server"), organiser, "POST")
    assert status in (201, 202), body
    deadline, ready = time.monotonic() + 180, False
    while time.monotonic() < deadline and not ready:
        time.sleep(1)
        _, _, body = _ask(hub.at(f"hub/api/users/{user}"), organiser)
        ready = bool(json.loads(body)["servers"].get("", {}).get("ready"))
    assert ready, hub.log.read_text(errors="replace")[-3000:]
    return hub.at(f"user/{user}/"), token


def _server_config(hub: RunningHub, organiser: str, user: str) -> str | None:
    """The configuration file the user's server process was started with: the last --config of its command line."""
    _, _, body = _ask(hub.at(f"hub/api/users/{user}"), organiser)
    pid = json.loads(body)["servers"][""]["state"]["pid"]  # the local stand-in of the pod
    command = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    named = [part.removeprefix("--config=") for part in command if part.startswith("--config=")]
    return named[-1] if named else None


def _assert_locked(server: str, token: str) -> None:
    """The trainee's dashboard server: it opens the dashboard, and nothing else answers."""
    status, headers, _ = _ask(server, token, follow=False)
    assert (status, str(headers.get("Location", "")).split("?")[0]) == (302, urlsplit(server).path + DASHBOARD_URL[1:])
    for closed in ("lab", "tree", "api/terminals", "formgrader"):  # no Lab, files, terminal or nbgrader
        status, _, _ = _ask(server + closed, token)
        assert status in (403, 404), (closed, status)
    status, _, _ = _ask(server + "api/kernels", token, "POST")  # no kernel of the trainee's own
    assert status == 403


def test_without_kursy_yaml_a_users_pod_serves_the_locked_dashboard(tmp_path: Path):
    with _chart_hub(tmp_path, hook=False) as (hub, organiser):
        server, token = _started(hub, organiser, TRAINEE)
        assert _server_config(hub, organiser, TRAINEE) == str(tmp_path / "trainee_server_config.py")
        _assert_locked(server, token)
        status, _, page = _ask(server + DASHBOARD_URL.lstrip("/"), token)
        assert status == 200
        found = re.search(rb'"kernelId": "([0-9a-f-]+)"', page)
        assert found is not None, page[:2000]
        channels = server.replace("http", "ws", 1) + f"api/kernels/{found.group(1).decode()}/channels"
        assert _code_runs(channels, token) is False, "code sent to the dashboard's kernel must not run"
        server, token = _started(hub, organiser, ADMIN)  # the admin trainer too, until kursy.yaml says otherwise
        _assert_locked(server, token)


def test_with_kursy_yaml_a_trainers_pod_serves_jupyterlab_and_a_trainees_the_dashboard(tmp_path: Path):
    home = tmp_path / "users" / ADMIN
    home.mkdir(parents=True)
    new_course(home, {TRAINEE: ("Anna", "Nowak")}, EXERCISE)  # docs/hub.md, step 7: the course in the trainer's home
    (home / "nbgrader_config.py").write_text(HOME_CONFIG, encoding="utf-8")
    with _chart_hub(tmp_path, hook=True) as (hub, organiser):
        server, token = _started(hub, organiser, ADMIN)
        assert _server_config(hub, organiser, ADMIN) == str(tmp_path / "trainer_server_config.py")
        status, headers, _ = _ask(server, token, follow=False)
        assert (status, str(headers.get("Location", "")).split("?")[0]) == (302, urlsplit(server).path + "lab")
        for opened in ("lab", "formgrader", "api/terminals"):  # the trainer's Lab grades in their own folder
            status, _, body = _ask(server + opened, token)
            assert status == 200, (opened, status, body[:300])
        status, _, body = _ask(server + "formgrader/api/assignments", token)
        assert status == 200, body[:300]
        assert {a["name"]: a["status"] for a in json.loads(body)}.get(EXERCISE) == "released"
        server, token = _started(hub, organiser, TRAINEE)
        assert _server_config(hub, organiser, TRAINEE) == str(tmp_path / "trainee_server_config.py")
        _assert_locked(server, token)


def test_the_charts_own_default_command_serves_the_locked_dashboard_too(tmp_path: Path):
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    with _chart_hub(tmp_path, hook=False, cmd=defaults["singleuser"]["cmd"]) as (hub, organiser):
        server, token = _started(hub, organiser, TRAINEE)  # `singleuser.cmd` dropped: jupyterhub-singleuser
        assert _server_config(hub, organiser, TRAINEE) is None  # no --config: the image's own file decides
        _assert_locked(server, token)
