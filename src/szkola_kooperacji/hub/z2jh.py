"""The courses of a hub on Kubernetes: Zero to JupyterHub values made by the code that configures one server.

``szkola hub --course NAZWA=KATALOG --trainer NAZWA=KONTO`` gives each course, on one server, a
formgrader service, a role that lets the course's trainers' group open it, and two groups (its
trainers, its roster). :func:`course_values` returns the same groups and roles (from ``hub.courses``)
in the chart's form, for a second ``--values`` file next to ``deploy/z2jh/values.yaml``, with the
pre-spawn hook (:func:`spawn_hook`) that does what ``SzkolaSpawner`` does on one server. On Kubernetes
the hub cannot start a course's JupyterLab itself: each course's formgrader is an external service
at :func:`formgrader_url`, served by a pod of the single-user image in the course folder.

Safe by default: every server of the single-user image is a trainee's locked dashboard (its CMD and
``singleuser.cmd`` name ``IMAGE_TRAINEE_CONFIG``; ``IMAGE_GUARD_CONFIG`` covers a command naming no
configuration), so values.yaml alone opens no JupyterLab; only the hook gives trainers theirs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..grading import COURSE_ID_ENV, COURSE_PROGRAM_ENV
from ..grading.course_folder import CourseFolder
from . import singleuser
from .config import DASHBOARD_URL
from .courses import SERVER_ROLE, TRAINER_URL, course_groups, course_roles, trainer_server_config
from .settings import GRADER_GROUP_PREFIX, SEVERAL_COURSES, TRAINEE_GROUP_PREFIX, TRAINER_GROUP, HubSettings
from .z2jh_pages import page_values

FORMGRADER_PORT = 8888
HOOK_NAME = "szkola-roles"
"""The chart's ``hub.extraConfig`` entry that holds the hub's pre-spawn hook."""
IMAGE_TRAINEE_CONFIG = "/etc/szkola/trainee_server_config.py"
"""Where deploy/Dockerfile writes ``hub.config.trainee_server_config()``: a trainee's server as on one server.

Every server of the image starts with it (the image's CMD, ``singleuser.cmd`` of values.yaml):
without kursy.yaml's hook, everyone gets the locked dashboard, never a Lab with a code-running kernel."""
IMAGE_GUARD_CONFIG = "/etc/jupyter/jupyter_server_config.py"
"""Where deploy/Dockerfile writes :func:`image_guard_config`: every Jupyter server of the image reads it."""
GUARD = """# Written by deploy/Dockerfile (hub/z2jh.py `image_guard_config`): every Jupyter server of this image reads
# this file. One started without a role's configuration file (--config), e.g. by the chart's default command
# `jupyterhub-singleuser`, is a trainee's locked dashboard server.
import os
import sys

if not any(argument.startswith("--config") for argument in sys.argv[1:]):
    if not os.path.isfile({config}):
        raise SystemExit("Brak konfiguracji serwera uczestnika " + {config} + ": serwer bez niej się nie uruchomi.")
    load_subconfig({config})  # noqa: F821 (the configuration loader defines it)
"""
"""The text of :func:`image_guard_config`, ``{config}`` the trainee's configuration (a missing one stops the server)."""
IMAGE_TRAINER_CONFIG = "/etc/szkola/trainer_server_config.py"
"""Where deploy/Dockerfile writes :func:`pod_trainer_server_config`: the hook gives it to trainers only."""
HOOK_BODY = """
from tornado import web


def without_config(arguments):
    \"\"\"The arguments without any --config: jupyter_server reads one configuration file, the last one named.\"\"\"
    kept, skip = [], False
    for argument in arguments:
        if not skip and not argument.startswith("--config"):
            kept.append(argument)
        skip = argument == "--config"
    return kept


def serve_with(spawner, config, url):
    \"\"\"Start the server with this role's configuration alone, at its page; the same at every start.\"\"\"
    spawner.cmd = [*without_config(spawner.cmd or SERVER_COMMAND), "--config=" + config]
    spawner.args = without_config(spawner.args)
    spawner.default_url = url


def szkola_roles(spawner):
    \"\"\"A trainer gets JupyterLab; a trainee the dashboard only, with the course id of their one course group.\"\"\"
    groups = {group.name for group in spawner.user.groups}
    if spawner.user.admin or TRAINERS in groups or any(g.startswith(GRADER_PREFIX) for g in groups):
        serve_with(spawner, TRAINER_CONFIG, TRAINER_URL)
        return
    serve_with(spawner, TRAINEE_CONFIG, DASHBOARD_URL)  # as without this hook: the image's own command
    courses = sorted(g[len(TRAINEE_PREFIX):] for g in groups if g.startswith(TRAINEE_PREFIX))
    if len(courses) > 1:  # as on one server: no server, and the hub's page says why (HTTPError, 409)
        message = SEVERAL_COURSES.format(user=spawner.user.name, courses=", ".join(courses))
        refusal = web.HTTPError(409, "%s", message)
        refusal.jupyterhub_message = message
        raise refusal
    if courses:  # no course folder in the pod: the dashboard exchanges (ngshare) by this id
        spawner.environment = {**spawner.environment, COURSE_ID_ENV: courses[0]}
    if courses and courses[0] in PROGRAMS:  # and shows this course's programme
        spawner.environment = {**spawner.environment, COURSE_PROGRAM_ENV: PROGRAMS[courses[0]]}


c.KubeSpawner.pre_spawn_hook = szkola_roles
"""
"""What the hook does with the constants :func:`spawn_hook` puts before it (the hub's image lacks this package)."""


def server_command(config: str) -> list[str]:
    """Return the command of a server of the image with one configuration file (the image's CMD: a trainee's)."""
    return [*singleuser.command(), f"--config={config}"]


def image_guard_config(trainee_config: str = IMAGE_TRAINEE_CONFIG) -> str:
    """Return the image's own server configuration: a server named no role's configuration is a trainee's.

    values.yaml (``singleuser.cmd``) and the image's CMD name the trainee's configuration; this
    covers a command that names none, such as the chart's default, should ``singleuser.cmd`` be dropped.
    """
    return GUARD.format(config=repr(trainee_config))


def pod_trainer_server_config() -> str:
    """Return a trainer's JupyterLab in their pod: the one-server trainer's, with nbgrader's formgrader of their own.

    On one server the hub always runs each course's formgrader; on Kubernetes it is a pod of its
    own (formgradery.yaml), and a trainer may grade in their own Lab instead (docs/hub.md, step 7).
    """
    return trainer_server_config(own_formgrader=True)


def formgrader_host(course: str) -> str:
    """Return the Kubernetes Service of a course's formgrader: a DNS label (no ``_``), one per course."""
    return "formgrader-" + re.sub(r"[^a-z0-9-]", "-", course)


def formgrader_url(course: str) -> str:
    """Return where the hub's proxy finds a course's formgrader, inside the hub's namespace."""
    return f"http://{formgrader_host(course)}:{FORMGRADER_PORT}"


def spawn_hook(settings: HubSettings) -> str:
    """Return the chart's pre-spawn hook: the one-server spawner's roles, trainee server and course, for KubeSpawner.

    The hub's pod runs the chart's image, without this package, so the hook carries its constants
    (the groups' names, the refusal's words, each course's programme from its folder) from here.
    A trainee's server reads the same server configuration as on one server (Voilà only, widget
    messages only, the Polish template), which the single-user image keeps at ``IMAGE_TRAINEE_CONFIG``
    and starts with anyway; the hook replaces it with ``IMAGE_TRAINER_CONFIG`` for trainers only.
    """
    constants = {
        "TRAINERS": TRAINER_GROUP,
        "GRADER_PREFIX": GRADER_GROUP_PREFIX,
        "TRAINEE_PREFIX": TRAINEE_GROUP_PREFIX,
        "COURSE_ID_ENV": COURSE_ID_ENV,
        "COURSE_PROGRAM_ENV": COURSE_PROGRAM_ENV,
        "PROGRAMS": {name: CourseFolder.open(Path(folder)).course().id for name, folder in settings.courses.items()},
        "SEVERAL_COURSES": SEVERAL_COURSES,
        "SERVER_COMMAND": singleuser.command(),
        "TRAINER_CONFIG": IMAGE_TRAINER_CONFIG,
        "TRAINER_URL": TRAINER_URL,
        "TRAINEE_CONFIG": IMAGE_TRAINEE_CONFIG,
        "DASHBOARD_URL": DASHBOARD_URL,
    }
    lines = [f"{name} = {value!r}" for name, value in constants.items()]
    return "# Written by `szkola z2jh` (hub/z2jh.py).\n" + "\n".join(lines) + "\n" + HOOK_BODY


FORMGRADER_FOLDER = "/srv/kurs"
"""Where a course's formgrader pod keeps the course folder: its own volume."""
IMAGE_COURSE_CONFIG = "/etc/szkola/course_server_config.py"
"""Where deploy/Dockerfile writes ``hub.courses.course_server_config(FORMGRADER_FOLDER)``."""
HUB_API_URL = "http://hub:8081/hub/api"
"""The chart's hub API inside the namespace (its Service ``hub``)."""
HUB_SECRET = "hub"
"""The chart's Secret, which keeps a service's generated token under ``hub.services.NAME.apiToken``."""
FORMGRADER_STORAGE = "1Gi"


def formgrader_container(course: str, image: str) -> dict[str, Any]:
    """Return the container of a course's formgrader pod: JupyterLab with the formgrader, as `szkola hub` runs it."""
    environment = formgrader_environment(course, HUB_API_URL, f"http://0.0.0.0:{FORMGRADER_PORT}")
    token = {"secretKeyRef": {"name": HUB_SECRET, "key": f"hub.services.{course}.apiToken"}}
    return {
        "name": "formgrader",
        "image": image,
        "command": server_command(IMAGE_COURSE_CONFIG),
        "workingDir": FORMGRADER_FOLDER,
        "ports": [{"containerPort": FORMGRADER_PORT}],
        "env": [
            *({"name": k, "value": v} for k, v in environment.items()),
            {"name": "JUPYTERHUB_API_TOKEN", "valueFrom": token},
        ],
        "volumeMounts": [{"name": "kurs", "mountPath": FORMGRADER_FOLDER}],
    }


def formgrader_manifests(settings: HubSettings, image: str) -> list[dict[str, Any]]:
    """Return, per course, the volume, Deployment and Service of its formgrader (hub service ``/services/NAZWA/``)."""
    manifests: list[dict[str, Any]] = []
    for course in settings.courses:
        name = formgrader_host(course)
        labels = {"app.kubernetes.io/name": name}
        pod_labels = {**labels, "hub.jupyter.org/network-access-hub": "true"}  # the chart's hub admits its API calls
        manifests += [
            {
                "apiVersion": "v1",
                "kind": "PersistentVolumeClaim",
                "metadata": {"name": name},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": FORMGRADER_STORAGE}}},
            },
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": name, "labels": labels},
                "spec": {
                    "replicas": 1,
                    "strategy": {"type": "Recreate"},  # one pod holds the course's volume
                    "selector": {"matchLabels": labels},
                    "template": {
                        "metadata": {"labels": pod_labels},
                        "spec": {
                            "securityContext": {"fsGroup": 100},  # the image's user (1000, group 100) writes the volume
                            "containers": [formgrader_container(course, image)],
                            "volumes": [{"name": "kurs", "persistentVolumeClaim": {"claimName": name}}],
                        },
                    },
                },
            },
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": name},
                "spec": {"selector": labels, "ports": [{"port": FORMGRADER_PORT, "targetPort": FORMGRADER_PORT}]},
            },
        ]
    return manifests


def formgrader_environment(course: str, hub_api_url: str, bind_url: str) -> dict[str, str]:
    """Return what JupyterHub gives a service it starts (``Service.start``), but the API token, for a course's pod.

    On one server the hub starts each course's formgrader itself; the chart cannot, so the pod of
    the course's formgrader gets this environment (the token from the chart's Secret ``hub``).
    """
    prefix = f"/services/{course}/"
    scopes = json.dumps([f"access:services!service={course}"])
    return {
        "JUPYTERHUB_SERVICE_NAME": course,
        "JUPYTERHUB_SERVICE_URL": bind_url,
        "JUPYTERHUB_SERVICE_PREFIX": prefix,
        "JUPYTERHUB_API_URL": hub_api_url,
        "JUPYTERHUB_BASE_URL": "/",
        "JUPYTERHUB_CLIENT_ID": f"service-{course}",
        "JUPYTERHUB_OAUTH_CALLBACK_URL": f"{prefix}oauth_callback",
        "JUPYTERHUB_OAUTH_SCOPES": scopes,
        "JUPYTERHUB_OAUTH_ACCESS_SCOPES": scopes,
        "JUPYTERHUB_USER": course,
    }


def course_values(settings: HubSettings) -> dict[str, Any]:
    """Return the chart values of the hub's courses: groups, roles (one per course and the servers'), services.

    With them go the hub's Polish pages (``z2jh_pages``): the file every organiser passes to helm anyway.
    """
    roles = [SERVER_ROLE, *course_roles(settings)]
    services = {name: {"url": formgrader_url(name), "oauth_no_confirm": True} for name in settings.courses}
    pages = page_values()["hub"]  # the Polish sign-in and server pages, as on one server
    return {
        "hub": {
            "config": {"JupyterHub": {"load_groups": course_groups(settings), **pages["config"]["JupyterHub"]}},
            "extraConfig": {HOOK_NAME: spawn_hook(settings)},
            "extraFiles": pages["extraFiles"],
            "loadRoles": {role["name"]: {k: v for k, v in role.items() if k != "name"} for role in roles},
            "services": services,
        }
    }
