"""The G-PZK role-play on a hub: its session server is a hub service, the dashboards' kernels know where it is.

The hub starts ``szkola roleplay serve`` on 127.0.0.1 (no proxy route: only the kernels, which run on
this machine, connect to it) with the users' servers' environment, so the sessions and the trainer's
role assignments live where the dashboards read them (the store's database, or ``roleplay.sqlite``
beside a SQLite store). As a hub service it gets the hub's API address: a trainee's kernel presents
its account's hub token and the server asks the hub whose it is (``roleplay.hub_identity``).

The server's signing secret (the trainer's passes, ``szkola roleplay open``) is ``roleplay.secret`` in
the hub's folder, given to the service only: the trainees' servers never hold it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from ..roleplay.passes import SECRET_ENV, SECRET_FILE_NAME
from ..roleplay.workshop import SERVER_ENV
from ..storage.database import is_database_url
from .settings import HubSettings

SERVICE_NAME = "gpzk-sesje"
"""The service's name on the hub (a course's name has no "-", so they never clash)."""


def session_server_url(settings: HubSettings) -> str:
    """Return where the dashboards' kernels (and the trainer's ``szkola roleplay … --server``) reach the server."""
    return f"ws://127.0.0.1:{settings.gpzk_port}"


def kernel_environment(settings: HubSettings) -> dict[str, str]:
    """Return what the users' servers need to find the session server."""
    return {SERVER_ENV: session_server_url(settings)}


def secret_file(state: Path) -> Path:
    """Return the session server's secret file in the hub's folder, made (owner-only) when missing."""
    path = state / SECRET_FILE_NAME
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(32))
    return path


def session_service(settings: HubSettings, state: Path, python: str, environment: dict[str, str]) -> dict[str, Any]:
    """Return the hub service running the session server (the hub restarts it if it exits)."""
    secret = secret_file(state).read_text(encoding="ascii").strip()
    return {
        "name": SERVICE_NAME,
        "command": [python, "-m", "szkola_kooperacji", "roleplay", "serve", f"--port={settings.gpzk_port}"],
        "cwd": str(state),
        "environment": {**environment, SECRET_ENV: secret},
    }


def session_hint(settings: HubSettings) -> str:
    """Return the console line telling the organiser how a trainer opens a meeting on this hub."""
    secret = secret_file(Path(settings.state_dir))
    store = "ADRES_Z_--db" if is_database_url(settings.store) else settings.store  # no password on the console
    server = session_server_url(settings)
    return (
        f"Spotkania G-PZK: serwer sesji {server} (usługa huba {SERVICE_NAME}). Trener otwiera sesję i przydziela "
        f"role na tym komputerze: export SZKOLA_STORE={store} SZKOLA_GPZK_SECRET=$(cat {secret}); "
        f"szkola roleplay open PRZYPADEK --server {server}; "
        f"szkola roleplay assign ID_SESJI ROLA KONTO --server {server}."
    )
