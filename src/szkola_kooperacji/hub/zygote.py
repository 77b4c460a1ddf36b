"""Trainees' servers forked from one process that has imported the single-user server (the "zygote").

Each trainee's server is ``python -m szkola_kooperacji.hub.singleuser``: a new Python that imports
jupyterhub.singleuser, jupyter_server and Voilà (about 1.3 CPU seconds) before it answers, while a
whole group signs in at once on a two-core server. On one server every user's server runs as the
hub's own system user, so one process can import all that once and fork each server from it, as
``kernel_forks`` does for kernels. Nothing of a server is started before the fork (no event loop,
no configuration read, no hub token): the child gets the trainee's environment, folder and
arguments exactly as a new process would, and then runs the single-user server's ``main``.

It is a hub service (``python -m szkola_kooperacji.hub.zygote SOCKET``): the hub starts it, starts
it again if it exits, and it exits within a second of the hub being gone. The servers it forked
are the hub's to watch and stop, by pid, as JupyterHub does with a server it finds running after a
restart (``SzkolaSpawner``); they outlive the zygote. Without it the hub starts servers anew.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .. import kernel_forks
from . import singleuser

SERVICE_NAME = "server-forks"
"""The hub service (a course's name has no "-", so they never clash)."""
SOCKET_NAME = "server-forks.sock"
"""The zygote's socket in the hub's folder (only the hub's user may connect)."""


def server_arguments(command: list[str]) -> list[str] | None:
    """Return the single-user server's own arguments when ``command`` starts it, else None (not forkable)."""
    if len(command) >= 3 and command[1:3] == ["-m", singleuser.MODULE]:
        return command[3:]
    return None


def preload() -> None:
    """Import what every trainee's server imports, without starting or configuring anything."""
    from ..grading import prefer_fast_validation  # noqa: PLC0415

    prefer_fast_validation()
    import jupyter_server.serverapp  # noqa: F401, PLC0415
    import setproctitle  # noqa: PLC0415

    setproctitle.getproctitle()  # takes over the title's memory now, before a server's environment replaces ours
    import jupyterhub.singleuser  # noqa: F401, PLC0415
    import voila.server_extension  # noqa: F401, PLC0415

    from ..dashboard import hub_identity  # noqa: F401, PLC0415
    from . import authorizer, oauth_race  # noqa: F401, PLC0415


def _run_server(request: dict[str, Any], requester: int | None) -> None:
    """In the forked child: become the single-user server with the request's arguments; never return."""
    if requester is not None:
        os.close(requester)  # a server outlives the hub that asked for it, as a server the hub started does

    def main() -> None:
        import setproctitle  # noqa: PLC0415

        arguments = [str(a) for a in request["arguments"]]
        # In ps, top and the host's tools it is a user's server, as one started anew would be named.
        setproctitle.setproctitle(" ".join([*singleuser.command(sys.executable), *arguments]))
        sys.argv = [singleuser.MODULE, *arguments]
        singleuser.main()

    kernel_forks.run_then_exit(main)


def serve(socket_path: Path) -> None:
    """Preload, then fork a server for each request until the hub that started this one is gone."""
    preload()
    kernel_forks.fork_on_request(socket_path, preload, _run_server)


def zygote_service(socket_path: Path, python: str, environment: dict[str, str]) -> dict[str, Any]:
    """Return the hub service running the zygote, with the users' servers' environment."""
    return {
        "name": SERVICE_NAME,
        "command": [python, "-m", __name__, str(socket_path)],
        "cwd": str(socket_path.parent),
        "environment": dict(environment),
    }


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
