"""nbgrader's exchange without a shared folder: the hub's ngshare service and ngshare_exchange.

On one server the exchange is a folder every server sees (``wymiana`` in the course folder). On
Kubernetes each trainee's server is its own pod with its own volume, so no folder is shared:
released exercises, submissions and feedback go to ngshare, a hub service that keeps them in its
own database and files, asked by nbgrader's ``ngshare_exchange`` classes with the user's own hub
token. The single-user image reads ``deploy/ngshare/nbgrader_config.py``, which calls
:func:`configure_exchange`; the hub test of ngshare reads the same file.
"""

from __future__ import annotations

import os
from typing import Any

NGSHARE = "ngshare"
"""The hub service's name: its URL is ``/services/ngshare/`` and ngshare_exchange assumes it."""
NGSHARE_URL_ENV = "SZKOLA_NGSHARE_URL"
"""The environment variable naming the service's URL for a single-user server (the image's config reads it)."""
NGSHARE_CLUSTER_URL = "http://ngshare:8080/services/ngshare"
"""The service seen from a user's pod in the hub's namespace: the Service of ngshare's chart (release "ngshare").

As ngshare's chart prints it after installing; deploy/z2jh/values.yaml names it in full and opens
the pods' network path to it (``singleuser.networkPolicy.egress``)."""


def configure_exchange(c: Any, url: str | None = None) -> None:
    """Point nbgrader's exchange at ngshare in nbgrader's configuration object ``c``.

    ngshare_exchange's own ``configureExchange`` does it: it names its classes for every step and
    sets the URL on its exchange class, where its ``ngshare-course-management`` command finds it
    too. The URL is ``url``, else $SZKOLA_NGSHARE_URL, else the chart's in-cluster address.
    """
    from ngshare_exchange import configureExchange  # noqa: PLC0415  (installed in the single-user image)

    configureExchange(c, url or os.environ.get(NGSHARE_URL_ENV) or NGSHARE_CLUSTER_URL)


def ngshare_service(python: str, port: int, database: str, storage: str, admins: list[str]) -> dict[str, Any]:
    """Return ngshare as a hub-managed service (one server): listening on 127.0.0.1 behind the hub's proxy.

    ``admins`` (the hub's admins) may create courses in ngshare and name their trainers.
    """
    return {
        "name": NGSHARE,
        "url": f"http://127.0.0.1:{port}",
        "command": [
            python,
            "-m",
            "szkola_kooperacji.hub.ngshare_server",
            f"--database={database}",
            f"--storage={storage}",
            f"--admins={','.join(admins)}",
        ],
        "oauth_no_confirm": True,
    }
