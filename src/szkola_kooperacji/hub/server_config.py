"""A jupyter-server configuration file written from a dict, for the servers the hub starts."""

from __future__ import annotations

import os
from typing import Any


def python_config(settings: dict[str, Any]) -> str:
    """Return a configuration file (Python) setting each ``Class.trait`` to its value."""
    lines = ["# Written by `szkola hub`; changes are overwritten at its next start.", "c = get_config()  # noqa"]
    if os.geteuid() == 0:  # a hub run as root (a container, CI) starts the users' servers as root too
        settings = {"ServerApp.allow_root": True, **settings}
    lines += [f"c.{name} = {value!r}" for name, value in settings.items()]
    return "\n".join(lines) + "\n"
