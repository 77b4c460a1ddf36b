"""How ``szkola serve`` runs Voilà: the notebook, the Polish template, safe options, the store.

Kept apart from the click command so tests can check the exact command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .data.paths import DATA_ENV, project_root
from .errors import SzkolaError
from .grading import COURSE_ENV
from .grading.course_folder import DRAFTS_STORE
from .storage.drafts import STORE_ENV, default_store_path

TEMPLATE = "szkola"
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"
"""Holds ``voila/templates/szkola``; put on JUPYTER_PATH so Voilà finds the Polish template."""

DISCONNECTED_KERNEL_SECONDS = 180
"""A kernel whose tab closed or lost its connection is culled after this long idle.

Connected kernels are never culled; a trainee who reloads gets a new kernel and
the draft from the store, so an orphaned kernel only holds memory.
"""

RESERVE_ENV = "SZKOLA_POOL_RESERVE"
CAP_ENV = "SZKOLA_MAX_KERNELS"
"""How ``szkola serve`` tells its Voilà (``workshop_voila``) the refill reserve and the kernel cap."""
DEFAULT_MAX_KERNELS = 60
REFILL_DELAY_SECONDS = 30
"""A kernel handed out is replaced half a minute later, not while its trainee's group is still arriving
and clicking: a starting kernel takes about a second of CPU from the two cores they share."""
"""Without ``--workshop``: the most kernels the server starts before refusing with a message."""


def pool_reserve(trainees: int) -> int:
    """Return how many spare kernels to keep after the initial pool is handed out."""
    return max(2, trainees // 8)


def kernel_cap(trainees: int) -> int:
    """Return the kernel cap for a workshop: everyone, the reserve, and room for reloads."""
    return trainees + pool_reserve(trainees) + max(4, trainees // 4)


@dataclass(frozen=True)
class ServeOptions:
    """What the host chose on the command line."""

    port: int = 8866
    host: str = "127.0.0.1"
    open_browser: bool = True
    store: Path | None = None
    data: Path | None = None
    workshop: int = 0
    course: Path | None = None
    notebook: str = "pulpit.ipynb"


def dashboard_notebook(name: str = "pulpit.ipynb") -> Path:
    """Return a dashboard notebook (checkout or wheel): the trainee's by default."""
    return project_root() / "notebooks" / name


def voila_command(options: ServeOptions) -> list[str]:
    """Return the Voilà command line for these options."""
    command = [
        sys.executable,
        "-m",
        "szkola_kooperacji.workshop_voila",
        str(dashboard_notebook(options.notebook)),
        f"--port={options.port}",
        f"--Voila.ip={options.host}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={DISCONNECTED_KERNEL_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]
    if options.workshop:
        # Pre-render the dashboard in N kernels before the trainees arrive (see workshop_voila).
        command += [
            "--preheat_kernel=True",
            f"--pool_size={options.workshop}",
            f"--VoilaKernelManager.fill_delay={REFILL_DELAY_SECONDS}",
        ]
    if not options.open_browser:
        command.append("--no-browser")
    return command


def store_path(options: ServeOptions) -> Path:
    """Return the draft store: ``--store``, else the course folder's, else the user's data folder."""
    if options.store is not None:
        return options.store
    if options.course is not None:
        return options.course.resolve() / DRAFTS_STORE
    return default_store_path()


def voila_environment(options: ServeOptions) -> dict[str, str]:
    """Return the environment for Voilà and its kernels: template path and draft store."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p)
    env[STORE_ENV] = str(store_path(options))
    if options.data is not None:
        env[DATA_ENV] = str(options.data.resolve())
    if options.course is not None:
        env[COURSE_ENV] = str(options.course.resolve())
    env[RESERVE_ENV] = str(pool_reserve(options.workshop))
    env[CAP_ENV] = str(kernel_cap(options.workshop) if options.workshop else DEFAULT_MAX_KERNELS)
    env.setdefault("PYTHONUNBUFFERED", "1")
    # One browser tab talks to each kernel, so ipywidgets' echo of every change back to the
    # front-end (meant for several views of one kernel) only doubles the messages under load.
    env.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    return env


def run_voila(options: ServeOptions) -> None:
    """Run Voilà until it ends or Ctrl-C stops it cleanly; a failure is a Polish message."""
    process = subprocess.Popen(voila_command(options), env=voila_environment(options))
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        print("Serwer zatrzymany.")
        return
    if code != 0:
        raise SzkolaError(f"Voilà zakończyła działanie z kodem {code}. Sprawdź komunikaty powyżej.")
