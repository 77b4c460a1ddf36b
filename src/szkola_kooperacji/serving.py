"""How ``szkola serve`` runs Voilà: the notebook, the Polish template, safe options, the store.

Kept apart from the click command so tests can check the exact command line.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .data.paths import DATA_ENV, project_root
from .storage.drafts import STORE_ENV, default_store_path

TEMPLATE = "szkola"
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"
"""Holds ``voila/templates/szkola``; put on JUPYTER_PATH so Voilà finds the Polish template."""

IDLE_KERNEL_SECONDS = 45 * 60
"""A trainee's kernel idle this long is culled; the draft is in the store, so nothing is lost."""


@dataclass(frozen=True)
class ServeOptions:
    """What the host chose on the command line."""

    port: int = 8866
    host: str = "127.0.0.1"
    open_browser: bool = True
    store: Path | None = None
    data: Path | None = None


def dashboard_notebook() -> Path:
    """Return the landing dashboard notebook (checkout or wheel)."""
    return project_root() / "notebooks" / "pulpit.ipynb"


def voila_command(options: ServeOptions) -> list[str]:
    """Return the Voilà command line for these options."""
    command = [
        sys.executable, "-m", "voila", str(dashboard_notebook()),
        f"--port={options.port}",
        f"--Voila.ip={options.host}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]
    if not options.open_browser:
        command.append("--no-browser")
    return command


def voila_environment(options: ServeOptions) -> dict[str, str]:
    """Return the environment for Voilà and its kernels: template path and draft store."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p)
    env[STORE_ENV] = str(options.store or default_store_path())
    if options.data is not None:
        env[DATA_ENV] = str(options.data.resolve())
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
