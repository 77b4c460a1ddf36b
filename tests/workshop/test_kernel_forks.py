"""Workshop kernels forked from the preloaded fork server: they work, and without it kernels still start."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning.factory import KernelProvisionerFactory

from szkola_kooperacji.fork_provisioner import FORK_SOCKET_ENV, PROVISIONER_NAME
from tests.aio import run
from tests.fork_servers import listening


@pytest.fixture
def fork_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    socket_path = tmp_path / "forks.sock"
    with listening([sys.executable, "-m", "szkola_kooperacji.kernel_forks", str(socket_path)], socket_path) as process:
        yield process, socket_path


async def _started(socket_path: Path) -> AsyncKernelManager:
    KernelProvisionerFactory.instance().default_provisioner_name = PROVISIONER_NAME
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc")
    os.environ[FORK_SOCKET_ENV] = str(socket_path)
    try:
        await manager.start_kernel()
    finally:
        del os.environ[FORK_SOCKET_ENV]
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    reply = await client.execute("import ipywidgets; ipywidgets.Widget.__name__", reply=True, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    client.stop_channels()
    return manager


def test_a_kernel_is_a_fork_of_the_fork_server_and_ends_with_it(fork_server):
    process, socket_path = fork_server

    async def scenario() -> None:
        manager = await _started(socket_path)
        pid = manager.provisioner.pid
        assert psutil.Process(pid).ppid() == process.pid, "the kernel was forked, not started anew"
        assert "ipykernel_launcher" in " ".join(psutil.Process(pid).cmdline()), "ps names it a kernel"
        process.kill()  # the fork server goes (its server was stopped or killed): its kernels follow
        deadline = time.monotonic() + 30
        while await manager.is_alive():
            assert time.monotonic() < deadline, "the kernel outlived its fork server"
            await asyncio.sleep(0.2)
        await manager.shutdown_kernel(now=True)

    run(scenario())


def test_without_a_fork_server_the_kernel_starts_as_a_new_process(tmp_path: Path):
    async def scenario() -> None:
        manager = await _started(tmp_path / "nobody-listens.sock")
        assert psutil.Process(manager.provisioner.pid).ppid() == os.getpid(), "started as Jupyter always did"
        await manager.shutdown_kernel(now=True)
        assert not await manager.is_alive()

    run(scenario())
