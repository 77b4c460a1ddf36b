"""Workshop kernels forked from one process that has already imported the dashboard.

Forty kernels started as new processes each import ipykernel, ipywidgets, pydantic, the
package and the training data on their own: about 43 MB of private memory each, and a second
of CPU each while a room waits. A fork of a process that has done all that shares those pages
with its parent until it writes to them (``gc.freeze`` keeps the collector from writing to
every object), which measured 13.5 MB per kernel instead of 43 MB here.

The fork server runs beside Voilà (``python -m szkola_kooperacji.kernel_forks SOCKET``),
imports everything once, and then only forks: each request on its Unix socket names the
kernel's arguments, environment and folder, and is answered with the new kernel's pid. The
kernel leads its own session (signals reach it as they reach a normal kernel). As a normal
kernel exits with the server that started it, a forked one exits with the server that asked
for it (the socket's peer, watched through a pidfd), and, unless the fork server was started
with ``--kernels-outlive-me`` (the hub's, whose trainees' servers outlive it), with the fork
server too (ipykernel's parent poller). Only a process of the fork server's own user is served.
The server side is ``fork_provisioner``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import struct
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

KERNEL_MODULE = "ipykernel_launcher"
"""The only kernel command forked: ``python -m ipykernel_launcher …`` (anything else starts as usual)."""
REQUEST_LIMIT = 1024 * 1024
"""A request is one JSON line: arguments, environment and folder; far less than this."""
COPY_THRESHOLD = 1024 * 1024
"""Frames below this size are copied into ZeroMQ by the kernels (pyzmq's default: 64 KB)."""
PARENT_CHECK_SECONDS = 1.0
"""How often the fork server checks that the server which started it is still there."""
OUTLIVE_OPTION = "--kernels-outlive-me"
"""Kernels end with the server that asked for them only, not with the fork server (``szkola hub``)."""


def kernel_arguments(command: list[str]) -> list[str] | None:
    """Return ipykernel's own arguments when ``command`` starts ipykernel, else None (not forkable)."""
    if len(command) >= 3 and command[1:3] == ["-m", KERNEL_MODULE]:
        return command[3:]
    return None


def request_fork(socket_path: Path, arguments: list[str], env: dict[str, str], cwd: str) -> int:
    """Ask the fork server for a kernel; return its pid (OSError when the server cannot be reached)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        client.connect(str(socket_path))
        request = json.dumps({"arguments": arguments, "env": env, "cwd": cwd}).encode() + b"\n"
        client.sendall(request)
        reply = client.makefile("rb").readline(REQUEST_LIMIT)
    try:
        pid = json.loads(reply)["pid"]
    except (ValueError, KeyError, TypeError) as error:
        raise OSError(f"the fork server gave no pid: {reply[:200]!r}") from error
    if not isinstance(pid, int) or pid <= 0:
        raise OSError(f"the fork server gave no pid: {reply[:200]!r}")
    return pid


def preload() -> None:
    """Import what every kernel imports and load the training data, once, before forking."""
    import ipykernel.kernelapp  # noqa: F401, PLC0415
    import ipywidgets  # noqa: F401, PLC0415
    import setproctitle  # noqa: PLC0415
    import zmq  # noqa: PLC0415

    # A page's widget states (~90 KB) are sent when its trainee arrives. Above this threshold pyzmq sends
    # without copying, which in each kernel first imports and starts a collector thread; copying is cheaper.
    zmq.COPY_THRESHOLD = COPY_THRESHOLD

    setproctitle.getproctitle()  # takes over the title's memory now, before a kernel's environment replaces ours

    from .dashboard import course_lessons, dashboard  # noqa: F401, PLC0415
    from .data.cache import cached_valid_catalog  # noqa: PLC0415
    from .errors import DataError  # noqa: PLC0415

    with contextlib.suppress(DataError):  # broken data: each kernel's dashboard says so, as without forks
        cached_valid_catalog()
    from .documents.glyphs import undrawable_characters  # noqa: PLC0415

    undrawable_characters("ą")  # reads the fonts' glyph tables once (25 ms a kernel at its first keystroke)


def _reap(_signal: int, _frame: object) -> None:
    """Collect exited kernels at once, so that their pids vanish (a zombie would still look alive)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def run_then_exit(main: Callable[[], None]) -> NoReturn:
    """In a forked child: run ``main`` (a kernel's, a server's) and exit with its code, never returning."""
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:
        import traceback  # noqa: PLC0415

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _run_kernel(arguments: list[str]) -> NoReturn:
    """In the forked child: become the kernel and never return."""

    def main() -> None:
        import ipywidgets  # noqa: PLC0415
        import setproctitle  # noqa: PLC0415
        from ipykernel.kernelapp import IPKernelApp  # noqa: PLC0415

        # In ps, top and the host's tools it is a kernel, as a kernel started anew would be named.
        setproctitle.setproctitle(f"{sys.executable} -m {KERNEL_MODULE} {' '.join(arguments)}")

        app = IPKernelApp.instance()
        app.initialize(arguments)  # type: ignore[no-untyped-call]
        # ipywidgets registers its comm targets when imported inside a kernel; here it was imported
        # before there was one, so register them now, or the page's widgets would never connect.
        ipywidgets.register_comm_target()
        app.start()  # type: ignore[no-untyped-call]

    run_then_exit(main)


def _requester(connection: socket.socket) -> int | None:
    """Return a pidfd of the process on the other end; refuse another user's (it would run code as ours).

    Held from the request on, it cannot name another process that got the pid later. None where
    the system has neither (not Linux): the socket's owner-only mode is then the only lock.
    """
    if not hasattr(socket, "SO_PEERCRED") or not hasattr(os, "pidfd_open"):
        return None
    pid, uid, _gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
    if uid != os.getuid():
        raise PermissionError(f"a request from user {uid}, not {os.getuid()}")
    return os.pidfd_open(pid)


def _follow(requester: int | None) -> None:
    """In the kernel: exit when the server that asked for it is gone (``requester`` is its pidfd)."""
    if requester is None:
        return

    def watch() -> None:
        select.select([requester], [], [])  # a pidfd turns readable when its process exits
        os._exit(1)  # as ipykernel's parent poller does when its server is gone

    threading.Thread(target=watch, name="szkola-requester-watch", daemon=True).start()


Child = Callable[[dict[str, Any], int | None], None]
"""What a forked child becomes, given the request and the requester's pidfd; it never returns."""


def _kernel(outlive: bool) -> Child:
    """Return what a forked child does to become the requested kernel."""

    def become(request: dict[str, Any], requester: int | None) -> None:
        _follow(requester)
        # Unless told otherwise, or it cannot follow its requester, the kernel exits with the fork server
        # too (ipykernel read JPY_PARENT_PID when the fork server imported it: the parent is an argument).
        parent = [] if outlive and requester is not None else [f"--IPKernelApp.parent_handle={os.getppid()}"]
        _run_kernel([*parent, *(str(a) for a in request["arguments"])])

    return become


def _fork(
    request: dict[str, Any], server: socket.socket, connection: socket.socket, requester: int | None, child: Child
) -> int:
    """Fork one child for this request; return its pid to the caller (the child never returns)."""
    pid = os.fork()
    if pid:
        return pid
    server.close()
    connection.close()
    for number in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # a kernel's interrupt, as in a new Python
    os.setsid()
    env = {str(k): str(v) for k, v in request["env"].items()}
    os.environ.clear()
    os.environ.update(env)
    os.chdir(request["cwd"])
    child(request, requester)
    os._exit(1)  # a child that returned did not become what was asked


def _answer(connection: socket.socket, server: socket.socket, child: Child) -> None:
    """Read one request, fork its child and answer with the pid (or with why not)."""
    connection.settimeout(10)
    try:
        requester = _requester(connection)
        try:
            line = connection.makefile("rb").readline(REQUEST_LIMIT)
            if not line:  # connected and left without asking (someone checking that it listens)
                return
            request = json.loads(line)
            if _gave_up(connection):  # it waited too long and started its own: a fork now would clash with it
                raise TimeoutError("the requester stopped waiting")
            pid = _fork(request, server, connection, requester, child)
        finally:
            if requester is not None:
                os.close(requester)
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        print(f"fork server: request refused: {error!r}", file=sys.stderr, flush=True)
        with contextlib.suppress(OSError):
            connection.sendall(json.dumps({"error": str(error)}).encode() + b"\n")


def _gave_up(connection: socket.socket) -> bool:
    """Return True when the requester has closed its end (it waits for the answer with it open)."""
    readable, _, _ = select.select([connection], [], [], 0)
    try:
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _bind(server: socket.socket, socket_path: Path) -> None:
    """Listen at ``socket_path``, for this user only; a socket left by a fork server that died is replaced."""
    if socket_path.is_socket():
        with contextlib.suppress(ConnectionRefusedError, FileNotFoundError), socket.socket(socket.AF_UNIX) as probe:
            probe.connect(str(socket_path))
            raise OSError(f"another fork server listens at {socket_path}")
        socket_path.unlink()
    previous = os.umask(0o177)  # never reachable by another user, not even between bind and listen
    try:
        server.bind(str(socket_path))
    finally:
        os.umask(previous)


def fork_on_request(socket_path: Path, load: Callable[[], None], child: Child) -> None:
    """Run ``load`` once, then fork ``child`` for each request until the process that started this one is gone."""
    parent = os.getppid()
    load()
    gc.collect()
    gc.freeze()  # the collector would otherwise touch, and so copy, every preloaded object in every child
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops this one
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        _bind(server, socket_path)
        server.listen(64)
        server.settimeout(PARENT_CHECK_SECONDS)
        print(f"fork server ready at {socket_path}", flush=True)
        while os.getppid() == parent:
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                _answer(connection, server, child)


def serve(socket_path: Path, *, outlive: bool = False) -> None:
    """Preload, then fork a kernel for each request until the server that started this one is gone."""
    fork_on_request(socket_path, preload, _kernel(outlive))


if __name__ == "__main__":
    serve(Path(sys.argv[1]), outlive=OUTLIVE_OPTION in sys.argv[2:])
