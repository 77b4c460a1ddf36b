"""How ``szkola serve`` runs Voilà: the notebook, the Polish template, safe options, the store.

Kept apart from the click command so tests can check the exact command line.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .data.paths import DATA_ENV, project_root
from .errors import SzkolaError
from .fork_provisioner import FORK_SOCKET_ENV, PROVISIONER_NAME
from .grading import COURSE_ENV
from .grading.course_folder import DRAFTS_STORE
from .host_console import CONSOLE_FD_ENV, PUBLIC_URL_ENV
from .roleplay.workshop import kernel_environment as roleplay_kernel_environment
from .storage.database import StoreLocation
from .storage.drafts import STORE_ENV, default_store_location, store_folder

TEMPLATE = "szkola"
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"
"""Holds ``voila/templates/szkola``; put on JUPYTER_PATH so Voilà finds the Polish template."""

DISCONNECTED_KERNEL_SECONDS = 180
"""A kernel whose tab closed or lost its connection is culled after this long idle.

Connected kernels are never culled; a trainee who reloads gets a new kernel and
the draft from the store, so an orphaned kernel only holds memory.
"""

IOPUB_TIMEOUT_SECONDS = 60
DASHBOARD_CONNECTION = "szkola_kooperacji.kernel_connection.DashboardConnection"
"""The kernel websocket of a trainee's page, as `szkola serve`'s Voilà and the hub's trainee servers name it."""
RESERVE_ENV = "SZKOLA_POOL_RESERVE"
CAP_ENV = "SZKOLA_MAX_KERNELS"
"""How ``szkola serve`` tells its Voilà (``workshop_voila``) the refill reserve and the kernel cap."""
DEFAULT_MAX_KERNELS = 60
"""Without ``--workshop``: the most kernels the server starts before refusing with a message."""
REFILL_DELAY_SECONDS = 30
"""A kernel handed out is replaced half a minute later, not while its trainee's group is still arriving
and clicking: a starting kernel takes about a second of CPU from the two cores they share."""


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
    store: StoreLocation | None = None
    data: Path | None = None
    workshop: int = 0
    course: Path | None = None
    notebook: str = "pulpit.ipynb"
    log: Path | None = None


def dashboard_notebook(name: str = "pulpit.ipynb") -> Path:
    """Return a dashboard notebook (checkout or wheel): the trainee's by default."""
    return project_root() / "notebooks" / name


KERNEL_CHECK_SECONDS = 1.0
"""How often the server checks that each kernel still runs (Jupyter's restarter; its default is 3 s)."""
LOG_NAME = "serwer.log"
"""The technical log (Voilà's and its kernels' output) beside the draft store, unless ``--log`` names one."""
LOG_ROTATE_BYTES = 20 * 1024 * 1024
"""A log grown past this is kept as ``serwer.log.1`` and a new one begun, so a long course cannot fill a disk."""


def voila_command(options: ServeOptions, runtime_dir: Path | None = None) -> list[str]:
    """Return the Voilà command line for these options; kernel sockets go into ``runtime_dir``."""
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
        # Kernels talk to the server over Unix sockets named after their kernel id: TCP ports picked
        # while 40 kernels start at once could clash ("Address already in use") and kill a kernel.
        "--KernelManager.transport=ipc",
        "--Voila.port_retries=0",  # the port the host announced, or a clear failure, never another port
        # Jupyter looks every 3 s whether a kernel still runs; the trainee's page learns of a dead one only
        # then, and must say so within 3 s (trainee_page.js): look every second (a /proc read per kernel).
        f"--KernelRestarter.time_to_dead={KERNEL_CHECK_SECONDS}",
        # Kernels are forks of one process that has imported the dashboard (kernel_forks): a third
        # of the memory each; without that process they start as new processes, as Jupyter's do.
        f"--KernelProvisionerFactory.default_provisioner_name={PROVISIONER_NAME}",
        # nbclient waits 4 s for a cell's output after its reply: while many kernels start together the
        # output (the dashboard itself) can come later, and the page would be rendered without it.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
        # A trainee's websocket: shell and IOPub only, opened on the kernel's IOPub welcome (no nudge).
        f"--Voila.kernel_websocket_connection_class={DASHBOARD_CONNECTION}",
    ]
    if runtime_dir is not None:  # Voilà makes a private folder for connection files and sockets inside
        command.append(f"--Voila.connection_dir_root={runtime_dir}")
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


def store_path(options: ServeOptions) -> StoreLocation:
    """Return the draft store: ``--store``, else the course folder's, else the user's data folder."""
    if options.store is not None:
        return options.store
    if options.course is not None:
        return options.course.resolve() / DRAFTS_STORE
    return default_store_location()


def voila_environment(options: ServeOptions) -> dict[str, str]:
    """Return the environment for Voilà and its kernels: template path and draft store."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p)
    env[STORE_ENV] = str(store_path(options))
    if options.data is not None:
        env[DATA_ENV] = str(options.data.resolve())
    if options.course is not None:
        env[COURSE_ENV] = str(options.course.resolve())
    env.update(roleplay_kernel_environment(options.host, options.port))  # the G-PZK sessions on this port (#16)
    env[RESERVE_ENV] = str(pool_reserve(options.workshop))
    env[CAP_ENV] = str(kernel_cap(options.workshop) if options.workshop else DEFAULT_MAX_KERNELS)
    env.setdefault("PYTHONUNBUFFERED", "1")
    # One browser tab talks to each kernel, so ipywidgets' echo of every change back to the
    # front-end (meant for several views of one kernel) only doubles the messages under load.
    env.setdefault("JUPYTER_WIDGETS_ECHO", "0")
    return env


def log_path(options: ServeOptions) -> Path:
    """Return the technical log file: ``--log``, else ``serwer.log`` beside the draft store."""
    return options.log if options.log is not None else store_folder(store_path(options)) / LOG_NAME


def public_url(options: ServeOptions) -> str:
    """Return the address trainees open: for ``0.0.0.0`` this machine's address in the local network."""
    host = options.host
    if host in {"0.0.0.0", "::", ""}:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:  # no packet is sent: connecting a UDP socket only picks the outgoing interface
                probe.connect(("10.255.255.255", 1))
                host = str(probe.getsockname()[0])
            except OSError:
                host = "localhost"
    elif host in {"127.0.0.1", "::1"}:
        host = "localhost"
    return f"http://{host}:{options.port}/"


def check_port_free(options: ServeOptions) -> None:
    """Refuse, in Polish, a port another program (or another ``szkola serve``) already listens on."""
    with socket.socket() as sock:
        try:
            sock.bind((options.host, options.port))
        except OSError:
            raise SzkolaError(
                f"port {options.port} jest zajęty (może działa już inny serwer). Zatrzymaj go albo wybierz inny: "
                f"--port {options.port + 1}"
            ) from None


RUNTIME_PREFIX = "szkola-serve-"
OWNER_FILE = "owner.pid"


def _runtime_dir() -> Path:
    """Return a new private folder for kernel sockets (a Unix socket path must stay under ~100 bytes).

    Folders left by a server that was killed outright (its owner process is gone) are removed first.
    """
    base = tempfile.gettempdir()
    base = base if len(base) <= 40 else "/tmp"
    for stale in Path(base).glob(f"{RUNTIME_PREFIX}*/{OWNER_FILE}"):
        try:
            os.kill(int(stale.read_text()), 0)
        except ProcessLookupError:
            shutil.rmtree(stale.parent, ignore_errors=True)
        except (OSError, ValueError):  # another user's server, or a file being written: not ours to judge
            continue
    runtime = Path(tempfile.mkdtemp(prefix=RUNTIME_PREFIX, dir=base))
    (runtime / OWNER_FILE).write_text(str(os.getpid()))
    return runtime


def _open_log(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > LOG_ROTATE_BYTES:
        path.replace(path.with_name(path.name + ".1"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.write(fd, f"\n===== szkola serve {time.strftime('%Y-%m-%d %H:%M:%S')} =====\n".encode())
    return fd


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


FORK_SOCKET = "forks.sock"
"""The fork server's socket in the private runtime folder (``kernel_forks``)."""
FORK_SERVER_WAIT_SECONDS = 60
"""How long the server waits for the fork server to preload; after that kernels start as new processes."""


def start_fork_server(runtime: Path, env: dict[str, str], log_fd: int) -> subprocess.Popen[bytes]:
    """Start the fork server that preloads the dashboard once and forks every kernel from it.

    Voilà starts only once it listens (or failed to start, or took too long): a pool filled
    before it would start every kernel as a new process, which works but costs three times the memory.
    """
    socket_path = runtime / FORK_SOCKET
    process = subprocess.Popen(
        [sys.executable, "-m", "szkola_kooperacji.kernel_forks", str(socket_path)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_fd,
        stderr=log_fd,
    )
    deadline = time.monotonic() + FORK_SERVER_WAIT_SECONDS
    while not socket_path.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return process


def run_voila(options: ServeOptions) -> None:
    """Run Voilà until it ends or Ctrl-C stops it cleanly; a failure is a Polish message.

    Voilà's and its kernels' output goes to the technical log; the host's console gets only
    the server's one-line Polish events (``host_console``) through a copy of the terminal.
    """
    log = log_path(options)
    runtime = _runtime_dir()
    log_fd = _open_log(log)
    console_fd = os.dup(sys.stdout.fileno())
    env = voila_environment(options)
    env[CONSOLE_FD_ENV] = str(console_fd)
    env[PUBLIC_URL_ENV] = public_url(options)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop is a Ctrl-C too
    forks = None
    try:
        forks = start_fork_server(runtime, env, log_fd)
        env[FORK_SOCKET_ENV] = str(runtime / FORK_SOCKET)
        process = subprocess.Popen(
            voila_command(options, runtime),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=log_fd,
            pass_fds=(console_fd,),
        )
        try:
            code = process.wait()
        except KeyboardInterrupt:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            print("Serwer zatrzymany.", flush=True)
            return
    finally:
        signal.signal(signal.SIGTERM, previous)
        if forks is not None:
            forks.terminate()
        os.close(console_fd)
        os.close(log_fd)
        shutil.rmtree(runtime, ignore_errors=True)
    if code != 0:
        raise SzkolaError(f"serwer zakończył pracę z błędem (kod {code}). Szczegóły w dzienniku: {log}")
