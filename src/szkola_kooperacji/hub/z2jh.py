"""The courses of a hub on Kubernetes: Zero to JupyterHub values made by the code that configures one server.

``szkola hub --course NAZWA=KATALOG --trainer NAZWA=KONTO`` gives each course, on one server, a
formgrader service, a role that lets the course's trainers' group open it, and two groups (its
trainers, its roster). :func:`course_values` returns the same groups and roles (from ``hub.courses``)
in the chart's form, for a second ``--values`` file next to ``deploy/z2jh/values.yaml``. On Kubernetes
the hub cannot start a course's JupyterLab itself: each course's formgrader is an external service
at :func:`formgrader_url`, served by a pod of the single-user image in the course folder.
"""

from __future__ import annotations

import re
from typing import Any

from .courses import SERVER_ROLE, course_groups, course_roles
from .settings import HubSettings

FORMGRADER_PORT = 8888


def formgrader_host(course: str) -> str:
    """Return the Kubernetes Service of a course's formgrader: a DNS label (no ``_``), one per course."""
    return "formgrader-" + re.sub(r"[^a-z0-9-]", "-", course)


def formgrader_url(course: str) -> str:
    """Return where the hub's proxy finds a course's formgrader, inside the hub's namespace."""
    return f"http://{formgrader_host(course)}:{FORMGRADER_PORT}"


def course_values(settings: HubSettings) -> dict[str, Any]:
    """Return the chart values of the hub's courses: groups, roles (one per course and the servers'), services."""
    roles = [SERVER_ROLE, *course_roles(settings)]
    services = {name: {"url": formgrader_url(name), "oauth_no_confirm": True} for name in settings.courses}
    return {
        "hub": {
            "config": {"JupyterHub": {"load_groups": course_groups(settings)}},
            "loadRoles": {role["name"]: {k: v for k, v in role.items() if k != "name"} for role in roles},
            "services": services,
        }
    }
