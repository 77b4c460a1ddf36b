"""`szkola hub` writes a configuration JupyterHub can load, and refuses bad input in Polish."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from szkola_kooperacji.cli import main
from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.config import DASHBOARD_URL, trainee_server_config
from szkola_kooperacji.hub.settings import HubSettings


def test_write_only_saves_settings_and_a_config_jupyterhub_loads(tmp_path: Path):
    proxy = tmp_path / "chp"
    proxy.write_text("#!/bin/sh\n", encoding="utf-8")
    proxy.chmod(0o755)
    state = tmp_path / "hub"
    extra = tmp_path / "own.py"  # e.g. LTI 1.3 or OAuth sign-in; here a class every JupyterHub has
    extra.write_text('c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"\n')
    args = ["hub", "--admin", "trener", "--state", str(state), "--proxy", str(proxy), "--port", "9000"]
    args += ["--config", str(extra), "--write-only"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    settings = HubSettings.read(state / "szkola_hub.json")
    assert settings.admins == ["trener"]
    assert settings.store == str(state / "prace.sqlite")
    assert (state / "prace.sqlite").is_file()  # the store was opened (tables made) before the hub starts
    # JupyterHub itself loads the written file: the settings arrive in its configuration
    probe = (
        "from jupyterhub.app import JupyterHub; app = JupyterHub(); "
        f"app.load_config_file({str(state / 'jupyterhub_config.py')!r}); "
        "print(app.config.JupyterHub.port, app.config.JupyterHub.authenticator_class, "
        "app.config.JupyterHub.spawner_class, app.config.Spawner.environment['SZKOLA_STORE'])"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert loaded.stdout.split() == [
        "9000",
        "jupyterhub.auth.DummyAuthenticator",  # the organiser's file wins
        "szkola_kooperacji.hub.spawner.SzkolaSpawner",
        str(state / "prace.sqlite"),
    ]
    assert f"c.ServerApp.default_url = {DASHBOARD_URL!r}" in (state / "trainee_server_config.py").read_text()


def test_trainee_server_config_is_python_that_opens_the_dashboard_only():
    namespace: dict[str, object] = {}

    class Config:
        def __getattr__(self, name: str) -> Config:
            value = Config()
            object.__setattr__(self, name, value)
            return value

    config = Config()
    exec(trainee_server_config(), {"get_config": lambda: config}, namespace)
    assert config.ServerApp.default_url == DASHBOARD_URL  # type: ignore[attr-defined]
    assert config.ServerApp.jpserver_extensions["jupyterlab"] is False  # type: ignore[attr-defined]
    assert config.ServerApp.jpserver_extensions["voila.server_extension"] is True  # type: ignore[attr-defined]
    allowed = config.MappingKernelManager.allowed_message_types  # type: ignore[attr-defined]
    assert "execute_request" not in allowed
    assert "comm_msg" in allowed


def test_a_store_that_is_not_a_postgresql_url_is_refused(tmp_path: Path):
    result = CliRunner().invoke(main, ["hub", "--admin", "t", "--state", str(tmp_path), "--db", "mysql://x/y"])
    assert result.exit_code == 1
    assert "oczekiwano adresu postgresql://" in result.output


def test_missing_proxy_says_how_to_install_it(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("szkola_kooperacji.commands.hub.project_root", lambda: tmp_path)
    with pytest.raises(SzkolaError, match=r"npm install --prefix \.hub-proxy configurable-http-proxy"):
        find_proxy(None)
