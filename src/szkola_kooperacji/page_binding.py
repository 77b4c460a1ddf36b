"""Bind each kernel to the browser that received its page; anyone else gets 403 on that kernel.

Voilà lets any client that knows a kernel id open the kernel's websocket, read every widget's
state and drive it, or shut the kernel down. Here the page handler makes a secret for each
page it serves; when the kernel manager hands a kernel to that page (from the pre-rendered
pool or freshly started) the secret is bound to the kernel id and sent to the browser as a
cookie (HttpOnly, SameSite=Strict) whose path covers only that kernel's URLs. The websocket,
the kernel API and Voilà's shutdown handler check the cookie against the bound secret's hash.
Several tabs of one browser each get their own cookie, since the paths differ.

The same moment is when the server knows the client's address, which a kernel never sees:
it is written to the shared store, where the kernel's sign-in looks it up (rate limits).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable
from contextvars import ContextVar, copy_context
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.utils import url_path_join
from tornado.web import RequestHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from .host_console import say
from .storage.drafts import DraftStore

COOKIE = "szkola_strona"
REFUSED = "Brak dostępu: ten pulpit otwarto w innej przeglądarce. Otwórz stronę główną, aby dostać własny."
_LOG = logging.getLogger("szkola_kooperacji.page_binding")
_T = TypeVar("_T")


@dataclass
class _Page:
    """A page being served: its handler, its secret and, once handed one, its kernel."""

    handler: RequestHandler
    secret: str
    kernel_id: str | None = None


_PAGE: ContextVar[_Page | None] = ContextVar("szkola_page", default=None)
_BOUND: dict[str, bytes] = {}
"""Kernel id → SHA-256 of the secret of the page it was handed to (only in the server process)."""
_DESKS: dict[str, int] = {}
"""Kernel id → the number the host's console calls its page by (1, 2, … in the order pages were served)."""
_CONNECTED: dict[str, int] = {}
"""Kernel id → how many websockets of its page are open now."""
_SEEN: set[str] = set()
"""Kernels whose page connected at least once (a second connection is a return, not a new trainee)."""


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("ascii", "replace")).digest()


def protected_paths(base_url: str, kernel_id: str) -> list[str]:
    """Return the URL paths of one kernel that only its page may use."""
    return [url_path_join(base_url, "api/kernels", kernel_id), url_path_join(base_url, "voila/api/shutdown", kernel_id)]


@cache
def _store() -> DraftStore:
    return DraftStore()


def bind_current_page(kernel_id: str) -> None:
    """Bind a kernel just handed out to the page being served in this context (if any, and only once)."""
    page = _PAGE.get()
    if page is None or page.kernel_id is not None:
        return
    page.kernel_id = kernel_id
    _BOUND[kernel_id] = _digest(page.secret)
    _DESKS[kernel_id] = len(_DESKS) + 1
    handler = page.handler
    secure = "; Secure" if handler.request.protocol == "https" else ""
    for path in protected_paths(handler.settings.get("base_url", "/"), kernel_id):
        handler.add_header("Set-Cookie", f"{COOKIE}={page.secret}; Path={path}; HttpOnly; SameSite=Strict{secure}")
    try:
        _store().limits.record_page_client(kernel_id, handler.request.remote_ip or "")
    except Exception:  # the page still works; sign-in then limits per id only
        _LOG.exception("Could not record the client address of kernel %s", kernel_id)


def forget(kernel_id: str) -> None:
    """Drop the binding of a kernel that was shut down."""
    _BOUND.pop(kernel_id, None)
    _CONNECTED.pop(kernel_id, None)
    _SEEN.discard(kernel_id)


def desk(kernel_id: str) -> int | None:
    """Return the number the host's console calls this kernel's page by, if it was handed to a page."""
    return _DESKS.get(kernel_id)


def connected_pages() -> int:
    """Return how many pages have their kernel's websocket open now."""
    return sum(1 for count in _CONNECTED.values() if count > 0)


def _joined(kernel_id: str, address: str) -> None:
    _CONNECTED[kernel_id] = _CONNECTED.get(kernel_id, 0) + 1
    if _CONNECTED[kernel_id] > 1:
        return  # a second tab's connection to the same page, or a reconnect racing the old close
    verb = "wrócił" if kernel_id in _SEEN else "dołączył"
    _SEEN.add(kernel_id)
    say(f"Uczestnik {verb} (pulpit nr {desk(kernel_id)}, adres {address}). Połączonych: {connected_pages()}.")


def _left(kernel_id: str) -> None:
    if _CONNECTED.get(kernel_id, 0) <= 0:
        return
    _CONNECTED[kernel_id] -= 1
    if _CONNECTED[kernel_id] == 0:
        say(
            f"Uczestnik wyszedł (pulpit nr {desk(kernel_id)}: karta zamknięta albo przerwane połączenie). "
            f"Połączonych: {connected_pages()}."
        )


def is_bound_to(kernel_id: str, secret: str | None) -> bool:
    """Return True when this secret is the one of the page the kernel was handed to."""
    expected = _BOUND.get(kernel_id)
    return expected is not None and secret is not None and hmac.compare_digest(expected, _digest(secret))


def outside_page(function: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """Call ``function`` as if no page were being served, so tasks it starts (pool refills) bind nothing."""
    context = copy_context()
    context.run(_PAGE.set, None)
    return context.run(function, *args, **kwargs)


class _PageBound:
    """Refuse, with 403, a request on a kernel from a client without that kernel's page cookie."""

    path_args: list[str]
    path_kwargs: dict[str, str]

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        result = super().prepare(*args, **kwargs)  # type: ignore[misc]
        if result is not None:
            await result
        kernel_id = self.path_kwargs.get("kernel_id") or (self.path_args[0] if self.path_args else "")
        if not is_bound_to(kernel_id, self.get_cookie(COOKIE)):  # type: ignore[attr-defined]
            _LOG.warning("Refused a client without the page of kernel %s", kernel_id)
            # answered here: Jupyter's error page is not among Voilà's templates
            self.set_status(403)  # type: ignore[attr-defined]
            self.finish(REFUSED)  # type: ignore[attr-defined]


class BoundKernelWebsocketHandler(_PageBound, VoilaKernelWebsocketHandler):  # type: ignore[misc]
    """The kernel websocket, for the page's own browser only; tells the host who joined and left."""

    kernel_id: str

    async def open(self, kernel_id: str) -> None:
        """Connect the page to its kernel, then tell the host a trainee joined."""
        await super().open(kernel_id)
        self.set_nodelay(True)
        self._szkola_joined = True
        _joined(kernel_id, self.request.remote_ip or "?")

    def on_close(self) -> None:
        """Disconnect from the kernel and tell the host a trainee left."""
        super().on_close()
        if getattr(self, "_szkola_joined", False):
            self._szkola_joined = False
            _left(self.kernel_id)


class BoundKernelHandler(_PageBound, KernelHandler):
    """The kernel API (model, DELETE), for the page's own browser only."""


class BoundShutdownHandler(_PageBound, VoilaShutdownKernelHandler):  # type: ignore[misc]
    """Voilà's shutdown-on-close, for the page's own browser only."""


class BindingVoilaHandler(TornadoVoilaHandler):  # type: ignore[misc]
    """Voilà's page handler, serving each page with a secret the kernel handed to it is bound to."""

    async def get(self, path: str | None = None) -> None:
        """Serve the page with a fresh secret in context, for the kernel manager to bind its kernel to."""
        token = _PAGE.set(_Page(self, secrets.token_urlsafe(32)))
        try:
            await super().get(path)
        finally:
            _PAGE.reset(token)


REPLACEMENTS: dict[type, type] = {
    VoilaKernelWebsocketHandler: BoundKernelWebsocketHandler,
    KernelHandler: BoundKernelHandler,
    VoilaShutdownKernelHandler: BoundShutdownHandler,
    TornadoVoilaHandler: BindingVoilaHandler,
}
"""Voilà's handlers and the bound ones that replace them in the server's routes."""
