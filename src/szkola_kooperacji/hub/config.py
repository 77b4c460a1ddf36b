"""JupyterHub configuration of the Szkoła kooperacji from an organiser's ``HubSettings``.

Accounts: NativeAuthenticator (sign-up, approved by an admin at ``/hub/authorize``); the admins
are trainers too. Servers: ``SzkolaSpawner``. Idle servers are stopped by jupyterhub-idle-culler
(the trainee's work is in the store, so it is there when they come back). LTI 1.3 and OAuth
replace the authenticator by configuration only: see docs/hub.md. The G-PZK role-play's session
server is a hub service too (``roleplay_service``).

Courses, as nbgrader documents for several courses on one hub: each course is a hub service (a
shared JupyterLab with the formgrader in the course folder, at ``/services/KURS/``) that only
the group ``formgrade-KURS`` (and admins) may open, a role granting exactly that, and the group
``nbgrader-KURS`` of its trainees, whose dashboards the spawner points at the course folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..data.paths import project_root
from ..fork_provisioner import PROVISIONER_NAME
from ..serving import DASHBOARD_CONNECTION, DISCONNECTED_KERNEL_SECONDS, JUPYTER_DATA, TEMPLATE
from ..storage.drafts import STORE_ENV
from . import singleuser
from .courses import SERVER_ROLE, course_groups, course_roles, course_services, trainer_server_config
from .fork_server import fork_service, fork_socket
from .oauth_race import EXTENSION as OAUTH_RETRY
from .roleplay_service import kernel_environment, session_service
from .server_config import python_config
from .settings import HubSettings
from .zygote import SOCKET_NAME as ZYGOTE_SOCKET
from .zygote import zygote_service

DASHBOARD = "pulpit.ipynb"
DASHBOARD_URL = f"/voila/render/{DASHBOARD}"
MIN_PASSWORD = 10
TEMPLATES = Path(__file__).parent / "templates"
TRAINEE_EXTENSIONS = {
    "voila.server_extension": True,
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
    **OAUTH_RETRY,
}
"""A trainee's server: Voilà only — no Lab, no file browser, no terminal, no nbgrader pages."""
DASHBOARD_MESSAGE_TYPES = (
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
    "shutdown_request",
)
"""What a dashboard page may send its kernel: widget messages only, as standalone Voilà allows.

Voilà as a server extension (the hub's trainee server) uses the server's kernel manager, which
lets every message through; without this list a crafted ``execute_request`` would run code.
"""


def trainee_server_config() -> str:
    """Return the jupyter-server configuration of a trainee's dashboard server."""
    settings = {
        "ServerApp.root_dir": str(project_root() / "notebooks"),
        "ServerApp.default_url": DASHBOARD_URL,
        "ServerApp.authorizer_class": "szkola_kooperacji.hub.authorizer.TraineeAuthorizer",
        "ServerApp.jpserver_extensions": TRAINEE_EXTENSIONS,
        "VoilaConfiguration.template": TEMPLATE,
        "VoilaConfiguration.theme": "light",
        "VoilaConfiguration.strip_sources": True,
        "VoilaConfiguration.show_tracebacks": False,
        "MappingKernelManager.allowed_message_types": list(DASHBOARD_MESSAGE_TYPES),
        "MappingKernelManager.cull_idle_timeout": DISCONNECTED_KERNEL_SECONDS,
        "MappingKernelManager.cull_interval": 60,
        "MappingKernelManager.cull_connected": False,
        # A fork of the hub's preloaded fork server when the spawner names its socket (hub.fork_server);
        # else (Kubernetes, or the fork server is gone) a new process, as Jupyter's kernels always are.
        "KernelProvisionerFactory.default_provisioner_name": PROVISIONER_NAME,
        # The page's websocket: shell and IOPub only, opened on the kernel's IOPub welcome (as `szkola serve`).
        "ServerApp.kernel_websocket_connection_class": DASHBOARD_CONNECTION,
    }
    return python_config(settings)


def configure(c: Any, settings: HubSettings) -> None:
    """Fill JupyterHub's configuration object ``c`` (as in ``jupyterhub_config.py``)."""
    state = Path(settings.state_dir).resolve()
    state.mkdir(parents=True, exist_ok=True)
    python = settings.python or sys.executable
    trainee_config, trainer_config = state / "trainee_server_config.py", state / "trainer_server_config.py"
    trainee_config.write_text(trainee_server_config(), encoding="utf-8")
    trainer_config.write_text(trainer_server_config(), encoding="utf-8")

    c.JupyterHub.ip, c.JupyterHub.port = settings.ip, settings.port
    c.JupyterHub.hub_ip, c.JupyterHub.hub_port = "127.0.0.1", settings.hub_port
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [settings.proxy_command]
    c.JupyterHub.db_url = settings.hub_db_url or f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.template_paths = [str(TEMPLATES)]  # Polish sign-in and sign-up pages
    c.JupyterHub.template_vars = {"min_password": MIN_PASSWORD}

    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.allow_all = True  # only accounts an admin approved can sign in at all
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = MIN_PASSWORD
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 60
    c.Authenticator.admin_users = set(settings.admins)
    c.JupyterHub.load_groups = course_groups(settings)

    c.JupyterHub.spawner_class = "szkola_kooperacji.hub.spawner.SzkolaSpawner"
    c.SzkolaSpawner.home_dir_template = str(state / "users" / "{username}")
    c.SzkolaSpawner.trainee_config = str(trainee_config)
    c.SzkolaSpawner.trainer_config = str(trainer_config)
    c.SzkolaSpawner.courses = dict(settings.courses)
    c.SzkolaSpawner.default_course = settings.default_course or ""
    forks, zygote = fork_socket(state), fork_socket(state, ZYGOTE_SOCKET)
    c.SzkolaSpawner.fork_socket = str(forks or "")
    c.SzkolaSpawner.server_forks = str(zygote or "")
    c.Spawner.cmd = singleuser.command(python)
    c.Spawner.default_url = ""  # each role's server configuration names its own page
    c.Spawner.http_timeout = 120
    c.Spawner.start_timeout = 120
    jupyter_path = os.pathsep.join(p for p in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if p)
    environment = {
        STORE_ENV: settings.store,
        "JUPYTER_PATH": jupyter_path,
        "PYTHONUNBUFFERED": "1",
        **kernel_environment(settings),
    }
    c.Spawner.environment = environment

    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={settings.idle_minutes * 60}"],
        },
        session_service(settings, state, python, environment),
        *course_services(settings, state, python, environment),
        *([fork_service(forks, python, environment)] if forks else []),
        *([zygote_service(zygote, python, environment)] if zygote else []),
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        },
        SERVER_ROLE,
        *course_roles(settings),
    ]
