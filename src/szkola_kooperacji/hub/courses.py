"""Several courses on one hub, as nbgrader documents it: a formgrader service and two groups per course.

Each course (a ``szkola course init`` folder) becomes a hub service: a shared JupyterLab with the
formgrader, started by the hub in the course folder and reached at ``/services/KURS/``. Only the
group ``formgrade-KURS`` (the course's trainers, and the admins) holds the role that may open it;
anyone else gets JupyterHub's 403. The group ``nbgrader-KURS`` holds its trainees: the spawner
gives each one's dashboard that course folder. A trainer's own JupyterLab lists, through nbgrader's
course list, the formgraders of exactly the courses whose ``formgrade-`` group they are in.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from ..grading import COURSE_ENV
from . import singleuser
from .oauth_race import EXTENSION as OAUTH_RETRY
from .server_config import python_config
from .settings import TRAINER_GROUP, HubSettings, grader_group, trainee_group

TRAINER_NBGRADER_CONFIG = """# Written by `szkola hub` at each start of this server; changes are overwritten.
# nbgrader's course list (Nbgrader -> Course List) asks the hub which courses this trainer grades.
c = get_config()  # noqa
c.Authenticator.plugin_class = "nbgrader.auth.JupyterHubAuthPlugin"
"""
"""The ``nbgrader_config.py`` of a trainer's own folder: their courses come from their hub groups."""

SERVER_ROLE = {
    "name": "server",
    "description": "A user's server: activity, its own access, and (for a trainer's course list) the user's "
    "groups and the services the user may see; JupyterHub intersects these with the owner's own rights.",
    "scopes": [
        "users:activity!user",
        "access:servers!server",
        "read:users:name!user",
        "read:users:groups!user",
        "list:services",
        "read:services",
    ],
}
"""nbgrader's course list asks the hub, with the server's token, for the user's groups and the courses'
services; a trainee, who may see no service, gets only their own name and groups on top of the default."""


TRAINER_URL = "/lab"
"""A trainer's own server and a course's service open JupyterLab."""


def trainer_server_config(own_formgrader: bool = False) -> str:
    """Return the config of a trainer's own JupyterLab: their courses' formgraders listed, none of its own.

    ``own_formgrader``: nbgrader's formgrader in the trainer's own folder too (a Kubernetes pod's, see hub/z2jh.py).
    """
    return python_config(
        {
            "ServerApp.default_url": TRAINER_URL,
            "ServerApp.jpserver_extensions": {
                "nbgrader.server_extensions.formgrader": own_formgrader,  # on one server: the course's service
                "nbgrader.server_extensions.course_list": True,
                **OAUTH_RETRY,
            },
        }
    )


def course_server_config(folder: str) -> str:
    """Return the config of a course's service: JupyterLab with the formgrader, in the course folder."""
    return python_config(
        {
            "ServerApp.default_url": TRAINER_URL,
            "ServerApp.root_dir": folder,
            "CourseDirectory.root": folder,
            "ServerApp.jpserver_extensions": {
                "nbgrader.server_extensions.formgrader": True,
                "nbgrader.server_extensions.assignment_list": False,  # trainees' pages: not here
                "nbgrader.server_extensions.course_list": False,
                **OAUTH_RETRY,
            },
        }
    )


def course_roster_ids(folder: Path) -> list[str]:
    """Return the trainee ids of a course folder's roster (the group's list): its hub trainees' group."""
    from ..grading.course_dir import course_roster  # noqa: PLC0415  (nbgrader: only when a course is given)

    return [trainee.id for trainee in course_roster(folder)]


def course_groups(settings: HubSettings) -> dict[str, dict[str, list[str]]]:
    """Return the groups loaded at each start: trainers, each course's trainers (with the admins) and its roster.

    JupyterHub only adds these members: whoever was added on the admin page stays.
    """
    groups = {TRAINER_GROUP: {"users": list(settings.admins)}}
    for name, folder in settings.courses.items():
        trainers = [*settings.admins, *settings.trainers.get(name, [])]
        groups[grader_group(name)] = {"users": list(dict.fromkeys(trainers))}
        groups[trainee_group(name)] = {"users": course_roster_ids(Path(folder))}
    return groups


def course_roles(settings: HubSettings) -> list[dict[str, Any]]:
    """Per course, the right to open its formgrader service, given to its trainers' group only."""
    return [
        {
            "name": grader_group(name),
            "description": f"Trainers of the course {name}: its formgrader service",
            "scopes": [f"access:services!service={name}", "list:services", f"read:services!service={name}"],
            "groups": [grader_group(name)],
        }
        for name in settings.courses
    ]


def course_services(
    settings: HubSettings, state: Path, python: str, environment: dict[str, str]
) -> list[dict[str, Any]]:
    """Per course, a shared JupyterLab with the formgrader in the course folder, started by the hub."""
    services = []
    for name, folder in settings.courses.items():
        config = state / f"kurs_{name}_server_config.py"
        config.write_text(course_server_config(folder), encoding="utf-8")
        services.append(
            {
                "name": name,
                "url": f"http://127.0.0.1:{free_port()}",
                "command": [*singleuser.command(python), f"--config={config}"],
                "cwd": folder,
                "oauth_no_confirm": True,  # the hub's own service: no "authorize access?" page for trainers
                "environment": {**environment, COURSE_ENV: folder},
            }
        )
    return services


def free_port() -> int:
    """Return a port free on 127.0.0.1 now: a course service listens there, behind the hub's proxy."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
