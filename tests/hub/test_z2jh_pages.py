"""The hub's Polish pages on Kubernetes: kursy.yaml mounts the one-server templates into the chart's hub."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.config import TEMPLATES
from szkola_kooperacji.hub.courses import free_port
from szkola_kooperacji.hub.z2jh_pages import HUB_TEMPLATES

COURSES = Path(__file__).parents[2] / "deploy" / "z2jh" / "kursy.yaml"


def _mounted(folder: Path) -> dict[str, object]:
    """Write kursy.yaml's hub files where the chart would mount them (inside ``folder``); return the hub's config."""
    hub = yaml.safe_load(COURSES.read_text(encoding="utf-8"))["hub"]
    for entry in hub["extraFiles"].values():
        mount = Path(entry["mountPath"])
        assert mount.parent == Path(HUB_TEMPLATES)
        (folder / mount.name).write_text(entry["stringData"], encoding="utf-8")
    return dict(hub["config"]["JupyterHub"])


def test_kursy_yaml_mounts_every_template_of_the_one_server_hub(tmp_path: Path) -> None:
    config = _mounted(tmp_path)
    assert config["template_paths"] == [HUB_TEMPLATES]
    for template in TEMPLATES.glob("*.html"):
        assert (tmp_path / template.name).read_text(encoding="utf-8") == template.read_text(encoding="utf-8")
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in TEMPLATES.glob("*.html")}


def test_a_jupyterhub_with_the_mounted_pages_signs_in_in_polish(tmp_path: Path) -> None:
    try:
        proxy = find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    pages = tmp_path / "templates"
    pages.mkdir()
    jupyterhub = _mounted(pages)
    port = free_port()
    settings = {
        "JupyterHub.authenticator_class": "native",  # as values.yaml: the chart's image has it
        "JupyterHub.ip": "127.0.0.1",
        "JupyterHub.port": port,
        "JupyterHub.hub_port": free_port(),
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.command": [proxy],
        "JupyterHub.db_url": f"sqlite:///{tmp_path / 'hub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(tmp_path / "secret"),
        "JupyterHub.template_paths": [str(pages)],  # the chart's mount point, here in the test's folder
        "JupyterHub.template_vars": jupyterhub["template_vars"],
    }
    config = tmp_path / "jupyterhub_config.py"
    config.write_text("".join(f"c.{k} = {v!r}\n" for k, v in settings.items()), encoding="utf-8")
    with (tmp_path / "hub.log").open("wb") as log:
        hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}/hub/"
        deadline = time.monotonic() + 90
        while True:  # the proxy may answer before the hub behind it does: wait for the hub's own page
            try:
                login = httpx.get(base + "login", timeout=5)
                if login.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or hub.poll() is not None:
                raise AssertionError((tmp_path / "hub.log").read_text(errors="replace"))
            time.sleep(0.5)
        signup = httpx.get(base + "signup", timeout=5)
    finally:
        hub.terminate()
        hub.wait(30)
    assert login.status_code == 200
    assert "Logowanie — Szkoła Kooperacji" in login.text
    assert 'value="Zaloguj"' in login.text
    assert signup.status_code == 200
    assert "Nowe konto — Szkoła Kooperacji" in signup.text
    assert f"{jupyterhub['template_vars']['min_password']}" in signup.text  # the template's own variable
