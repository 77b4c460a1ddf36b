"""Is a pre-started kernel fit to hand to a trainee? Checked just before handing it out.

A kernel of the pool can die after its page was rendered (killed, out of memory, a
crash at start), or be restarted empty by Jupyter's restarter: its pre-rendered page
would then show a dashboard whose widgets exist nowhere. So before a page is served
from the pool, the kernel must still be the same living process that rendered it, the
page must hold the dashboard, and the kernel must answer a ``kernel_info`` request.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
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


async def _kernel_info(manager: Any) -> dict[str, Any] | None:
    """Ask the kernel for its ``kernel_info`` on a transient shell socket, as Jupyter's websocket does.

    Return the reply's content, or None when no valid reply came in time.
    """
    loop = asyncio.get_running_loop()
    answered: asyncio.Future[dict[str, Any]] = loop.create_future()
    try:
        stream = manager.connect_shell()
    except Exception:  # no connection to make (the kernel's sockets are gone): no answer
        return None
    try:
        sent = manager.session.send(stream, "kernel_info_request")

        def on_reply(parts: list[bytes]) -> None:
            try:
                _identities, message = manager.session.feed_identities(parts)
                reply = manager.session.deserialize(message)
            except Exception:  # a reply that is not a message of this kernel's session
                return
            if reply["parent_header"].get("msg_id") == sent["header"]["msg_id"] and not answered.done():
                answered.set_result(reply["content"])

        stream.on_recv(on_reply)
        content = await asyncio.wait_for(answered, KERNEL_INFO_SECONDS)
    except Exception:  # no answer in time, or a socket closed under it (ZMQ's errors are not OSErrors)
        return None
    finally:
        stream.close()
    return content if content.get("status") == "ok" else None


def _remember_kernel_info(manager: Any, content: dict[str, Any]) -> None:
    """Give the trainee's websocket this reply, so that it does not ask the kernel again (Jupyter caches it there)."""
    known: concurrent.futures.Future[dict[str, Any]] = concurrent.futures.Future()
    known.set_result(content)
    manager._kernel_info_future = known


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
    if (info := await _kernel_info(manager)) is None:
        return f"jądro nie odpowiedziało w {KERNEL_INFO_SECONDS:.0f} s"
    # Asked again: a kernel killed just before the check may look alive while it exits, and Jupyter's
    # restarter may start an empty one on the same sockets in time to answer the question sent to the dead one.
    if (changed := await _process_problem(manager, started_pid)) is not None:
        return changed
    _remember_kernel_info(manager, info)
    return None


async def _process_problem(manager: Any, started_pid: int | None) -> str | None:
    """Return why the kernel is no longer the process that rendered the page, or None while it is."""
    if not await ensure_async(manager.is_alive()):
        return "jądro zakończyło pracę"
    if started_pid is not None and kernel_pid(manager) != started_pid:
        return "jądro uruchomiono ponownie, bez pulpitu"
    return None
