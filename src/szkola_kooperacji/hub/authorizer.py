"""A trainee's server serves the dashboard only: no new kernels, terminals, file writes or notebook API.

The hub already decides *who* may use a server (``JupyterHubAuthorizer``: only its owner and the
admins); this decides *what* a trainee may do there. Voilà starts the dashboard's kernel itself, and
the page talks to that kernel through its websocket (``execute`` on ``kernels``), which stays allowed.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.singleuser.extension import JupyterHubAuthorizer

DENIED = {
    ("kernels", "write"),  # start, restart or interrupt kernels through the API
    ("contents", "write"),
    ("sessions", "write"),
    ("terminals", "read"),
    ("terminals", "write"),
    ("terminals", "execute"),
}


class TraineeAuthorizer(JupyterHubAuthorizer):
    """The hub's access check, then the trainee's narrower rights."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        """Allow what the hub allows, minus what the dashboard does not need."""
        if (resource, action) in DENIED:
            return False
        return bool(super().is_authorized(handler, user, action, resource))
