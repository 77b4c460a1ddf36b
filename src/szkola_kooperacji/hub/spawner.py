"""Each user's server: the Voilà dashboard for a trainee, JupyterLab with their courses for a trainer.

The role is the hub's: admins, members of the trainers' group and of any course's trainers' group
(``formgrade-KURS``) are trainers, everyone else a trainee. A trainee's course is the one whose
trainees' group (``nbgrader-KURS``) they are in; its folder reaches the dashboard's kernel in the
server's environment. Both run ``jupyterhub-singleuser`` (the hub's own sign-in, activity for the
idle culler), each with its own server configuration file written by ``hub.config``. A trainee's
dashboard kernel is a fork of the hub's fork server (``hub.fork_server``) when ``fork_socket`` names it,
and their server itself a fork of the hub's zygote (``hub.zygote``) when ``server_forks`` names it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from jupyterhub.spawner import SimpleLocalProcessSpawner
from jupyterhub.utils import random_port
from tornado import web
from traitlets import Dict, Unicode

from ..fork_provisioner import FORK_SOCKET_ENV, alive
from ..grading import COURSE_ENV
from ..grading.course_folder import CONFIG_FILE
from ..kernel_forks import request_fork
from .courses import TRAINER_NBGRADER_CONFIG
from .settings import GRADER_GROUP_PREFIX, SEVERAL_COURSES, TRAINER_GROUP, trainee_group
from .zygote import server_arguments


class CourseMembershipError(web.HTTPError):
    """A trainee in the trainees' groups of several courses: the hub shows the message as the page's own text.

    An ``HTTPError`` passes through the hub's spawn handler as it is (anything else becomes "Unhandled
    error starting server"), and ``jupyterhub_message`` is what the hub shows instead of its own words.
    """

    def __init__(self, message: str) -> None:
        super().__init__(409, "%s", message)
        self.jupyterhub_message = message

    def __str__(self) -> str:
        return self.jupyterhub_message


class SzkolaSpawner(SimpleLocalProcessSpawner):
    """Local processes of the hub's own system user, one working folder per account.

    On one server every trainee's process runs as the same system user; their work lives in
    the shared store, not in their folders. Separate system users or containers: see docs/hub.md.
    """

    trainee_config = Unicode(config=True, help="Server configuration file of a trainee's dashboard server.")
    trainer_config = Unicode(config=True, help="Server configuration file of a trainer's JupyterLab.")
    trainer_group = Unicode(TRAINER_GROUP, config=True, help="Hub group whose members are trainers.")
    courses = Dict(config=True, help="Course name on the hub -> its course folder.")
    default_course = Unicode(
        "", config=True, help="Course of a trainee in no course's group (the only course of a one-course hub)."
    )
    fork_socket = Unicode(
        "", config=True, help="The hub's kernel fork server's socket: trainees' kernels are its forks ('' — none)."
    )

    server_forks = Unicode(
        "", config=True, help="The hub's server zygote's socket: trainees' servers are its forks ('' — none)."
    )

    def group_names(self) -> set[str]:
        """Return the hub groups of this server's user."""
        return {group.name for group in self.user.groups}

    def is_trainer(self) -> bool:
        """Return True for an admin or a member of the trainers' group or of a course's trainers' group."""
        groups = self.group_names()
        return (
            bool(self.user.admin)
            or self.trainer_group in groups
            or any(group.startswith(GRADER_GROUP_PREFIX) for group in groups)
        )

    def trainee_course(self) -> str | None:
        """Return the course folder of this trainee's dashboard: their course group's, else the hub's only course."""
        groups = self.group_names()
        mine = sorted(name for name in self.courses if trainee_group(name) in groups)
        if len(mine) > 1:
            raise CourseMembershipError(SEVERAL_COURSES.format(user=self.user.name, courses=", ".join(mine)))
        name = mine[0] if mine else self.default_course
        return str(self.courses[name]) if name else None

    def get_args(self) -> list[str]:
        """Add the role's server configuration to the hub's arguments."""
        config = self.trainer_config if self.is_trainer() else self.trainee_config
        return [*super().get_args(), f"--config={config}"]

    def get_env(self) -> dict[str, Any]:
        """Make the working folder exist; give a trainee their course and fork server, a trainer nbgrader's courses."""
        home = Path(self.home_dir)
        home.mkdir(parents=True, exist_ok=True)
        env = dict(super().get_env())
        if self.is_trainer():
            (home / CONFIG_FILE).write_text(TRAINER_NBGRADER_CONFIG, encoding="utf-8")
            return env
        if course := self.trainee_course():
            env[COURSE_ENV] = course
        if self.fork_socket:
            env[FORK_SOCKET_ENV] = self.fork_socket
        return env

    async def start(self) -> Any:
        """Fork a trainee's server from the hub's zygote; without it, start it anew as JupyterHub does."""
        if self.server_forks and not self.is_trainer():
            try:
                return await self._forked_start()
            except OSError as error:
                self.log.warning("server zygote unavailable (%s): starting %s's server anew", error, self.user.name)
        return await super().start()

    async def _forked_start(self) -> tuple[str, int]:
        """Do what ``LocalProcessSpawner.start`` does, with the zygote's fork instead of a new process."""
        if self.port == 0:  # type: ignore[has-type]
            self.port = random_port()
        command = [*self.cmd, *self.get_args()]
        arguments = server_arguments(command)
        if arguments is None:
            raise OSError(f"not the single-user server's command: {command[:3]}")
        env = self.get_env()  # makes the working folder too
        self.log.info("Forking %s", " ".join(command))
        self.pid = await asyncio.to_thread(request_fork, Path(self.server_forks), arguments, env, self.home_dir)
        self.proc = None  # not our child: polled and stopped by pid, as a server found after a hub restart
        return (self.ip or "127.0.0.1", self.port)

    async def _signal(self, sig: int) -> bool:
        """Send a signal to the server; True while it runs (an exited server not yet collected counts as gone)."""
        return bool(await super()._signal(sig)) and (sig != 0 or alive(self.pid))
