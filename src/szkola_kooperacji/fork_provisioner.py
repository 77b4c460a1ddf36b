"""Jupyter's kernel provisioner for ``szkola serve``: kernels forked by the fork server (``kernel_forks``).

It is jupyter_client's local provisioner with one change: instead of a new process per
kernel, the fork server forks one. The kernel is not this server's child, so it is watched
and signalled by pid (``ForkedKernel``, what the local provisioner expects of a ``Popen``).
When no fork server is running, or it cannot be reached, the kernel starts as a new process,
as it always did: the fork server saves memory and time, it is never a reason to fail.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning.local_provisioner import LocalProvisioner

from .kernel_forks import kernel_arguments, request_fork

FORK_SOCKET_ENV = "SZKOLA_FORK_SOCKET"
"""The fork server's socket, set by ``szkola serve`` for its Voilà; unset: kernels start as new processes."""
PROVISIONER_NAME = "szkola-fork-provisioner"
"""The entry point name under ``jupyter_client.kernel_provisioners`` (pyproject.toml)."""


class ForkedKernel:
    """A forked kernel seen through the part of ``subprocess.Popen`` the local provisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """Return None while the kernel runs, else an exit code (the real one is its parent's to know)."""
        if self.returncode is None and not alive(self.pid):
            self.returncode = 1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait until the kernel has exited."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still runs")
            time.sleep(0.05)
        return code

    def send_signal(self, signum: int) -> None:
        """Send a signal to the kernel (gone already: nothing to do)."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        """Ask the kernel to stop."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """Stop the kernel at once."""
        self.send_signal(signal.SIGKILL)


def alive(pid: int) -> bool:
    """Return True while the process runs (a zombie, exited but not yet collected, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


class ForkProvisioner(LocalProvisioner):
    """Start each kernel as a fork of the preloaded fork server, else as a new process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        """Fork the kernel when the fork server can; fall back to the local provisioner's own launch."""
        socket_path = os.environ.get(FORK_SOCKET_ENV)
        arguments = kernel_arguments(cmd)
        if socket_path and arguments is not None:
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or Path.cwd())
            try:
                pid = await asyncio.to_thread(request_fork, Path(socket_path), arguments, env, cwd)
            except OSError as error:
                self.log.warning("fork server unavailable (%s): starting the kernel as a new process", error)
            else:
                self.process = ForkedKernel(pid)  # type: ignore[assignment]  # what it uses of a Popen
                self.pid = self.pgid = pid  # the kernel leads its own process group
                self.cwd = cwd
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)
