"""Is a pre-started kernel fit to hand to a trainee? Checked just before handing it out.

A kernel of the pool can die after its page was rendered (killed, out of memory, a
crash at start), or be restarted empty by Jupyter's restarter: its pre-rendered page
would then show a dashboard whose widgets exist nowhere. So before a page is served
from the pool, the kernel must still be the same living process that rendered it, the
page must hold the dashboard, and the kernel must answer a ``kernel_info`` request.
"""

from __future__ import annotations

import asyncio
from typing import Any

from jupyter_core.utils import ensure_async

KERNEL_INFO_SECONDS = 5.0
"""How long a pooled kernel may take to answer; an idle kernel answers in milliseconds, even under load."""
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
"""The output a rendered dashboard page carries: without it the page would show no dashboard."""


def kernel_pid(manager: Any) -> int | None:
    """Return the process id of a kernel manager's kernel (None when it has no process)."""
    provisioner = getattr(manager, "provisioner", None)
    pid = getattr(provisioner, "pid", None)
    return pid if isinstance(pid, int) else None


def is_ready(item: asyncio.Future[Any]) -> bool:
    """Return True when a pool item finished: its kernel started and its page rendering ended."""
    if not item.done():
        return False
    if item.cancelled() or item.exception() is not None:
        return True  # finished, badly: the health check says why
    return bool(item.result()["task"].done())


def pending_part(item: asyncio.Future[Any]) -> asyncio.Future[Any]:
    """Return what an unfinished pool item is waiting for: its kernel's start, or its page's rendering."""
    return item if not item.done() else item.result()["task"]


async def _answers_kernel_info(manager: Any) -> bool:
    client = manager.client()
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    try:
        msg_id = client.kernel_info()
        deadline = asyncio.get_running_loop().time() + KERNEL_INFO_SECONDS
        while (left := deadline - asyncio.get_running_loop().time()) > 0:
            reply = await ensure_async(client.get_shell_msg(timeout=left))
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return bool(reply["content"].get("status") == "ok")
        return False
    except Exception:  # a queue timeout or a closed socket: no answer
        return False
    finally:
        client.stop_channels()


async def health_problem(kernels: Any, item: asyncio.Future[Any], started_pid: int | None) -> str | None:
    """Return why a finished pool item must not be handed out (Polish, for the host), or None if it is fit."""
    if item.cancelled():
        return "przygotowanie przerwano"
    if (error := item.exception()) is not None:
        return f"jądro nie wystartowało ({type(error).__name__}: {error})"
    content = item.result()
    render: asyncio.Future[Any] = content["task"]
    if render.cancelled() or render.exception() is not None:
        return f"strona nie została przygotowana ({render.exception()!r})"
    kernel_id = content["kernel_id"]
    if kernel_id not in kernels:
        return "jądro już nie istnieje"
    manager = kernels.get_kernel(kernel_id)
    if (changed := await _process_problem(manager, started_pid)) is not None:
        return changed
    if WIDGET_VIEW not in "".join(content["renderer"].rendered_cache):
        return "strona nie zawiera pulpitu (błąd w notatniku, zob. dziennik)"
    if not await _answers_kernel_info(manager):
        return f"jądro nie odpowiedziało w {KERNEL_INFO_SECONDS:.0f} s"
    # Asked again: a kernel killed just before the check may look alive while it exits, and Jupyter's
    # restarter may start an empty one on the same sockets in time to answer the question sent to the dead one.
    return await _process_problem(manager, started_pid)


async def _process_problem(manager: Any, started_pid: int | None) -> str | None:
    """Return why the kernel is no longer the process that rendered the page, or None while it is."""
    if not await ensure_async(manager.is_alive()):
        return "jądro zakończyło pracę"
    if started_pid is not None and kernel_pid(manager) != started_pid:
        return "jądro uruchomiono ponownie, bez pulpitu"
    return None
