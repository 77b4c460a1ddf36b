"""The G-PZK session server in the hub's configuration: a service with the secret, the servers with its address."""

from __future__ import annotations

import stat
from pathlib import Path

from traitlets.config import Config

from szkola_kooperacji.hub.config import configure
from szkola_kooperacji.hub.roleplay_service import SERVICE_NAME, session_hint
from szkola_kooperacji.hub.settings import HubSettings
from szkola_kooperacji.roleplay.passes import SECRET_ENV
from szkola_kooperacji.roleplay.workshop import SERVER_ENV
from szkola_kooperacji.storage.drafts import STORE_ENV


def _configured(tmp_path: Path, store: str) -> Config:
    c = Config()
    configure(c, HubSettings(state_dir=str(tmp_path), store=store, admins=["trener"], gpzk_port=9870))
    return c


def test_the_session_server_is_a_hub_service_with_the_users_store_and_its_own_secret(tmp_path: Path):
    c = _configured(tmp_path, "postgresql://szkola:haslo@127.0.0.1/szkola")
    service = next(s for s in c.JupyterHub.services if s["name"] == SERVICE_NAME)
    assert service["command"][-3:] == ["roleplay", "serve", "--port=9870"]
    assert "url" not in service  # no route through the proxy: only the kernels on this machine connect
    secret = tmp_path / "roleplay.secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert service["environment"][SECRET_ENV] == secret.read_text(encoding="ascii").strip()
    assert service["environment"][STORE_ENV] == c.Spawner.environment[STORE_ENV]  # where dashboards read seats
    assert c.Spawner.environment[SERVER_ENV] == "ws://127.0.0.1:9870"
    assert SECRET_ENV not in c.Spawner.environment  # a trainee's server never holds the signing secret


def test_the_secret_survives_a_restart_of_the_hub(tmp_path: Path):
    first = next(s for s in _configured(tmp_path, "s.sqlite").JupyterHub.services if s["name"] == SERVICE_NAME)
    again = next(s for s in _configured(tmp_path, "s.sqlite").JupyterHub.services if s["name"] == SERVICE_NAME)
    assert first["environment"][SECRET_ENV] == again["environment"][SECRET_ENV]


def test_the_console_hint_names_the_server_and_keeps_the_database_password_off_the_screen(tmp_path: Path):
    settings = HubSettings(state_dir=str(tmp_path), store="postgresql://szkola:tajne@db/szkola", gpzk_port=9870)
    hint = session_hint(settings)
    assert "szkola roleplay open PRZYPADEK --server ws://127.0.0.1:9870" in hint
    assert f"$(cat {tmp_path / 'roleplay.secret'})" in hint
    assert "tajne" not in hint
