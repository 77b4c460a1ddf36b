"""A hub account joins a G-PZK meeting with its hub token: the session server asks a real JupyterHub who it is."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SessionError, SzkolaError
from szkola_kooperacji.roleplay.client import LiveSession
from szkola_kooperacji.roleplay.hub_identity import API_URL_ENV, NOT_ASSIGNED, NOT_CONFIRMED
from szkola_kooperacji.roleplay.passes import BAD_PASS
from szkola_kooperacji.roleplay.seats import Seats, release_role
from tests.aio import run

from .test_transport import SESSION_ID, _until, _with_server, trainer

CONFIG = """
import os
c = get_config()  # noqa: F821
c.JupyterHub.ip, c.JupyterHub.port = "127.0.0.1", int(os.environ["T_PORT"])
c.JupyterHub.hub_ip, c.JupyterHub.hub_port = "127.0.0.1", int(os.environ["T_HUB_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + os.environ["T_PROXY_PORT"]
c.ConfigurableHTTPProxy.command = [os.environ["T_PROXY"]]
c.JupyterHub.db_url = "sqlite:///" + os.environ["T_DIR"] + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = os.environ["T_DIR"] + "/cookie"
c.JupyterHub.pid_file = os.environ["T_DIR"] + "/pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {"ewa", "jan"}
c.JupyterHub.services = [{"name": "test-admin", "api_token": os.environ["T_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "test-admin", "scopes": ["admin:users", "tokens"], "services": ["test-admin"]}]
"""


def _port() -> int:
    from .test_transport import _free_port  # noqa: PLC0415

    return _free_port()


def _api(url: str, token: str, method: str = "GET", body: dict[str, object] | None = None) -> dict[str, object]:
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", f"token {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return dict(json.loads(answer.read() or b"{}"))


@pytest.fixture(scope="module")
def hub_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A real JupyterHub (dummy sign-in, no user servers); yield its API address and a token per account."""
    try:
        proxy = find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    folder = tmp_path_factory.mktemp("hub")
    (folder / "config.py").write_text(CONFIG, encoding="utf-8")
    admin = secrets.token_hex(16)
    hub_port = _port()
    env = {
        **os.environ,
        "T_PORT": str(_port()),
        "T_HUB_PORT": str(hub_port),
        "T_PROXY_PORT": str(_port()),
        "T_PROXY": proxy,
        "T_DIR": str(folder),
        "T_TOKEN": admin,
    }
    hub = Path(sys.executable).with_name("jupyterhub")
    with (folder / "hub.log").open("wb") as log:
        process = subprocess.Popen(
            [str(hub), "-f", str(folder / "config.py")],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    api = f"http://127.0.0.1:{hub_port}/hub/api"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _api(f"{api}/user", admin)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "hub.log").read_text(errors="replace")[-3000:]) from None
                time.sleep(0.5)
        tokens = {}
        for name in ("ewa", "jan"):  # the hub made the allowed accounts at its start
            tokens[name] = str(_api(f"{api}/users/{name}/tokens", admin, "POST", {"note": "test"})["token"])
        yield api, tokens
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_a_hub_account_takes_the_role_the_trainer_assigned_to_its_name(
    hub_api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case, directory
):
    api, tokens = hub_api
    monkeypatch.setenv(API_URL_ENV, api)  # as the hub sets it for a service
    db = tmp_path / "roleplay.sqlite"

    async def body(url: str) -> None:
        desk = LiveSession(url, SESSION_ID, trainer())
        await desk.start()
        desk.session.open(case, directory)
        await asyncio.sleep(0.3)
        Seats(db).assign(SESSION_ID, "pup", "ewa", case.id)
        ewa = LiveSession(url, SESSION_ID, hub_token=tokens["ewa"])
        await ewa.start()  # no pass anywhere: the hub says who the token is, the assignment says which role
        assert [i.id for i in ewa.known_case(case).knowledge] == ["K2"]
        ewa.session.claim_role("pup", "ewa")
        await _until(lambda: desk.session.header().roles.get("pup") == "ewa")
        for token, said in ((tokens["jan"], NOT_ASSIGNED), ("nie-token-huba", NOT_CONFIRMED)):
            with pytest.raises(SessionError) as refused:  # an account without a role; a token the hub denies
                await LiveSession(url, SESSION_ID, hub_token=token).start()
            assert str(refused.value) == said  # not the join link's error: this account used no link
            assert BAD_PASS not in str(refused.value)
        release_role(Seats(db), SESSION_ID, desk.session, "pup")
        await _until(lambda: ewa.released)  # the trainer freed her role: her hub account's connection ends too
        for live in (desk, ewa):
            await live.stop()

    run(_with_server(db, body))
