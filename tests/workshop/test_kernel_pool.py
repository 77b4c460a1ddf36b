"""A pool kernel replaced while being checked is not handed out (seen once in CI: a trainee got an empty kernel)."""

from __future__ import annotations

import asyncio
import os
import signal
from types import SimpleNamespace
from typing import Any

import pytest
from jupyter_client.multikernelmanager import AsyncMultiKernelManager

from szkola_kooperacji import kernel_pool
from szkola_kooperacji.kernel_pool import WIDGET_VIEW, health_problem, kernel_pid
from tests.aio import run

pytestmark = pytest.mark.slow


def _pool_item(kernel_id: str) -> asyncio.Future[Any]:
    """A finished pool entry as Voilà keeps it: the kernel id, the finished render and the rendered page."""
    loop = asyncio.get_running_loop()
    render: asyncio.Future[None] = loop.create_future()
    render.set_result(None)
    item: asyncio.Future[Any] = loop.create_future()
    page = SimpleNamespace(rendered_cache=[f'<script type="{WIDGET_VIEW}">{{}}</script>'])
    item.set_result({"kernel_id": kernel_id, "task": render, "renderer": page})
    return item


async def _replaced_during_the_check() -> tuple[str | None, str | None]:
    kernels = AsyncMultiKernelManager()
    kernel_id = await kernels.start_kernel(kernel_name="python3")
    try:
        manager = kernels.get_kernel(kernel_id)
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        item, started = _pool_item(kernel_id), kernel_pid(manager)
        assert started is not None
        fit = await health_problem(kernels, item, started)
        # the trainee's websocket finds the reply where Jupyter keeps it, and does not ask the kernel again
        assert "protocol_version" in manager._kernel_info_future.result()

        os.kill(started, signal.SIGSTOP)  # alive, but its question waits unanswered, as a dying kernel's does
        check = asyncio.ensure_future(health_problem(kernels, item, started))
        await asyncio.sleep(0.5)
        # Jupyter's restarter replaces it with a new, empty kernel on the same sockets: it answers the question
        await kernels.restart_kernel(kernel_id, now=True)
        return fit, await check
    finally:
        await kernels.shutdown_all(now=True)


def test_a_kernel_restarted_while_checked_is_unfit(monkeypatch: pytest.MonkeyPatch):
    # time for the new kernel to start and answer on a loaded machine: only the restart can make it unfit
    monkeypatch.setattr(kernel_pool, "KERNEL_INFO_SECONDS", 120.0)
    fit, replaced = run(_replaced_during_the_check())
    assert fit is None
    assert replaced == "jądro uruchomiono ponownie, bez pulpitu"
