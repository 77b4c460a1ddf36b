"""The hub's fork server: its kernels follow the server that asked for them, not the fork server.

A trainee's server asks the fork server for its dashboard's kernel; the kernel must end when that
server ends (crashed or stopped), as a kernel it started itself would, or it would be left running
for nobody. The hub's fork server (``--kernels-outlive-me``) may crash and be started again: its
kernels, the trainees' open dashboards, go on. ``szkola serve``'s keeps ending its kernels with it
(tests/workshop/test_kernel_forks.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from szkola_kooperacji.hub.fork_server import fork_service
from tests.fork_servers import listening

REQUESTER = """
import asyncio, os, sys
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning.factory import KernelProvisionerFactory
from szkola_kooperacji.fork_provisioner import FORK_SOCKET_ENV, PROVISIONER_NAME

os.environ[FORK_SOCKET_ENV] = sys.argv[1]
KernelProvisionerFactory.instance().default_provisioner_name = PROVISIONER_NAME

async def main():
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc")
    await manager.start_kernel()
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    print(manager.provisioner.pid, flush=True)
    await asyncio.sleep(600)

asyncio.run(main())
"""
"""A trainee's server in miniature: starts one kernel through the fork provisioner, says its pid, waits."""


def _running(pid: int) -> bool:
    """Return True while the process runs (an exited one not yet collected counts as gone)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _until_gone(pid: int, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while _running(pid):
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.fixture
def hub_fork_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The fork server as the hub runs it (its service's command), listening in a folder of its own."""
    socket_path = tmp_path / "forks.sock"
    with listening(fork_service(socket_path, sys.executable, {})["command"], socket_path) as process:
        yield process, socket_path


def test_a_kernel_of_the_hubs_fork_server_outlives_it_and_ends_with_the_server_that_asked_for_it(hub_fork_server):
    forks, socket_path = hub_fork_server
    requester = subprocess.Popen(
        [sys.executable, "-c", REQUESTER, str(socket_path)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    try:
        assert requester.stdout is not None
        kernel = int(requester.stdout.readline())
        assert psutil.Process(kernel).ppid() == forks.pid, "the kernel is a fork"

        forks.kill()  # the fork server crashed (the hub starts another): the trainee's dashboard goes on
        forks.wait()
        time.sleep(3)  # ipykernel looks for its parent every second
        assert _running(kernel), "the kernel outlived the fork server"

        requester.kill()  # the trainee's server is gone: nobody can reach the kernel any more
        requester.wait()
        _until_gone(kernel, "the kernel outlived the server that asked for it")
    finally:
        requester.kill()
        requester.wait()
