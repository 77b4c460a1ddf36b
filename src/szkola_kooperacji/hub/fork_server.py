"""Trainees' dashboard kernels on a one-server hub: forks of one preloaded process, as in ``szkola serve``.

Every trainee's dashboard needs a kernel that has imported ipykernel, the dashboard and the training
data: about a CPU second and 40 MB each when started anew, while a group signs in together. On one
server every trainee's server runs as the hub's own system user, so one fork server
(``kernel_forks``) can preload all that once and fork each trainee's kernel from it. It is a hub
service: the hub starts it (and starts it again if it exits), it exits within a second of the hub
(its parent) being gone, even killed. Each request carries the trainee's server's kernel environment
(their ``JUPYTERHUB_*``, course and store), which replaces the fork server's own in the kernel.

A kernel follows the trainee's server that asked for it, not the fork server (``OUTLIVE_OPTION``):
a fork server that crashed and was started again takes no open dashboard with it. Without the
fork server (not yet up, gone, or no socket on Kubernetes) a kernel starts as a new process, as
Jupyter's always did (``fork_provisioner``). Trainers' JupyterLab servers keep Jupyter's own kernels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..kernel_forks import OUTLIVE_OPTION

SERVICE_NAME = "kernel-forks"
"""The hub service (a course's name has no "-", so they never clash)."""
SOCKET_NAME = "kernel-forks.sock"
"""The fork server's socket in the hub's folder (only the hub's user may connect)."""
MAX_SOCKET_PATH = 100
"""A Unix socket's path holds at most 107 bytes; a hub folder deeper than that runs without forks."""


def fork_socket(state: Path, name: str = SOCKET_NAME) -> Path | None:
    """Return a fork server's socket in the hub's folder, or None when its path is too long for one."""
    path = state / name
    return path if len(str(path).encode()) <= MAX_SOCKET_PATH else None


def fork_service(socket_path: Path, python: str, environment: dict[str, str]) -> dict[str, Any]:
    """Return the hub service running the fork server, with the users' servers' environment."""
    return {
        "name": SERVICE_NAME,
        "command": [python, "-m", "szkola_kooperacji.kernel_forks", str(socket_path), OUTLIVE_OPTION],
        "cwd": str(socket_path.parent),
        "environment": dict(environment),
    }
