"""The role-play inside ``szkola serve``: the session websocket on the workshop server's own port.

The workshop's Voilà mounts ``workshop_routes`` beside its pages, so no second
server or port is needed; its kernels find it through ``kernel_environment``.
A signed-in trainee's dashboard joins with a pass its kernel signs (``seats``),
so no pass ever appears in an address. Kept free of heavy imports: ``serving``
imports this module to build the kernels' environment.
"""

from __future__ import annotations

import atexit
from typing import Any

SERVER_ENV = "SZKOLA_GPZK_SERVER"
"""Where a kernel finds the session server (``dashboard.gpzk.server_url`` reads it)."""


def kernel_environment(host: str, port: int, base_url: str = "/") -> dict[str, str]:
    """Return the variables telling the workshop's kernels where the session websocket is."""
    local = "127.0.0.1" if host in {"0.0.0.0", "::", "", "localhost"} else host
    if ":" in local:
        local = f"[{local}]"
    return {SERVER_ENV: f"ws://{local}:{port}{base_url.rstrip('/')}"}


def workshop_routes(base_url: str = "/") -> list[tuple[str, Any, dict[str, Any]]]:
    """Return the session websocket's tornado routes for the workshop server (rooms start on first use)."""
    from ..storage.database import redact  # noqa: PLC0415
    from .passes import load_secret  # noqa: PLC0415
    from .server import LOG, SessionRooms, session_handlers  # noqa: PLC0415
    from .store import default_location  # noqa: PLC0415

    location = default_location()
    rooms = SessionRooms(location, load_secret(create=True))
    atexit.register(rooms.flush_now)  # Voilà's SIGTERM (and Ctrl-C) stop its loop and return: then store the rooms
    LOG.info("G-PZK sessions stored in %s", redact(location) if isinstance(location, str) else location)
    prefix = base_url.rstrip("/")
    return [(prefix + route, handler, kwargs) for route, handler, kwargs in session_handlers(rooms)]
