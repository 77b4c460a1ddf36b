"""Voilà tuned for a workshop: N kernels pre-rendered, each checked before a trainee gets it, a hard cap.

Voilà's own pool refills every kernel it hands out one second later, so a burst of
40 trainees starts 40 more kernels at once and starves two cores exactly when the
trainees start clicking, and the server ends with twice the kernels. Here the
pool is filled once to N before the workshop; later refills only keep a small
reserve for latecomers and reloads, and no more than ``cap`` kernels ever run.
Voilà hands out the first pool entry blindly, even a dead kernel (the trainee then
gets a page cut off after its headers); here each entry is checked first
(``kernel_pool``), an unfit one is shut down and replaced, and a trainee who finds
no ready kernel waits on a Polish page that reloads itself.
Each kernel handed to a page is bound to that page's browser (``page_binding``).
Run as ``python -m szkola_kooperacji.workshop_voila`` with Voilà's own options.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import time
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import tornado.ioloop
import voila.app
import zmq
from jupyter_server._tz import utcnow
from tornado.web import HTTPError, authenticated
from voila.tornado.handler import TornadoVoilaHandler
from voila.voila_kernel_manager import voila_kernel_manager_factory

from .host_console import public_url, say
from .kernel_pool import health_problem, is_ready, kernel_pid, pending_part
from .page_binding import REPLACEMENTS, BindingVoilaHandler, bind_current_page, desk, forget, outside_page
from .roleplay.workshop import workshop_routes
from .serving import CAP_ENV, JUPYTER_DATA, RESERVE_ENV, TEMPLATE

FULL_MESSAGE = (
    "Na serwerze pracuje już maksymalna liczba uczestników. Poczekaj chwilę i odśwież stronę "
    "albo poproś prowadzącego o zamknięcie nieużywanych kart."
)
ACTIVITY_RESOLUTION_SECONDS = 1.0
"""How precisely a kernel's last activity is kept: the culler counts minutes of idleness."""
LIFECYCLE_TOPIC = b"kernel."
"""The IOPub topics of a kernel's own messages (ipykernel's ``kernel.<id>.status``, ``execute_input``,
``error`` …), not its widgets' (``comm-<id>``): a status brackets every request, so they tell its activity."""
WAITING_PAGE = JUPYTER_DATA / "voila" / "templates" / TEMPLATE / "przygotowanie.html"
"""Served when no pre-rendered kernel is ready: it reloads itself every few seconds."""
STARTING_AT_ONCE = max(2, os.cpu_count() or 2)
"""Pool kernels started and rendered at the same time: 40 at once on two cores starve each other and the
server, so that each takes a minute instead of seconds (and nbclient gives up waiting for their output)."""
REFRESH_SECONDS = 3
"""How often the waiting page reloads itself (and what its ``Retry-After`` header tells other clients)."""
WAIT_FOR_POOL_SECONDS = 2.0
"""How long a page request waits for a kernel still starting before the trainee sees the waiting page."""
DRY_MESSAGE = "Brak gotowego pulpitu: uczestnik czeka na stronie „Przygotowujemy pulpit…”; przygotowuję kolejne."
_CLAIMED: ContextVar[asyncio.Future[Any] | None] = ContextVar("szkola_claimed", default=None)
"""The checked pool entry set aside for the page being served in this context."""
_LOG = logging.getLogger("szkola_kooperacji.workshop")


def _freeze_heap() -> None:
    """Take what the server holds for the whole workshop (the pool's pages) out of the collector's full passes.

    A full pass over the server's objects took ~150 ms with 20 pages pre-rendered: a pause for every
    trainee connecting at that moment, repeated as connections allocate. Frozen objects are never
    scanned again; what is made after this is collected as usual (the fork server does the same, see
    ``kernel_forks``).
    """
    gc.collect()
    gc.freeze()


def workshop_kernel_manager_factory(
    base_class: Any, preheat_kernel: bool, default_pool_size: int, page_config_hook: Any = None
) -> Any:
    """Return Voilà's kernel manager class with checked hand-outs, a reserve-limited refill and a cap."""
    voila_class: Any = voila_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, page_config_hook)
    reserve = int(os.environ.get(RESERVE_ENV, "2"))
    cap = int(os.environ.get(CAP_ENV, "0"))

    class WorkshopKernelManager(voila_class):
        pooled = preheat_kernel
        filled_once = False
        rendered = 0
        announced = False
        dry = False
        last_full_notice = 0.0

        def fill_if_needed(
            self,
            delay: float | None = None,
            notebook_name: str | None = None,
            extra_kernel_env_variables: dict[str, str] | None = None,
            **kwargs: Any,
        ) -> None:
            if not self.pooled:
                return
            if type(self).filled_once:
                delay = self.fill_delay if delay is None else delay
                if delay > 0:  # decide then, not now: a trainee waiting meanwhile may trigger a refill at once
                    loop = asyncio.get_event_loop()
                    args = (notebook_name, extra_kernel_env_variables)
                    loop.call_later(delay, lambda: self.fill_if_needed(0, *args, **kwargs))
                    return
                pools: dict[str, Any] = getattr(self, "kernel_pools_config", {})
                default = dict(pools.get("default", {}))
                if default.get("pool_size", 0) > reserve:
                    default["pool_size"] = reserve
                    self.kernel_pools_config = {**pools, "default": default}
                if cap and len(self.list_kernel_ids()) >= cap:
                    return
            type(self).filled_once = True
            outside_page(  # kernels for the pool belong to no page yet, not to the one being served now
                super().fill_if_needed,
                delay=0,
                notebook_name=notebook_name,
                extra_kernel_env_variables=extra_kernel_env_variables or {},
                **kwargs,
            )

        async def claim_ready(self, notebook_name: str) -> asyncio.Future[Any] | None:
            """Take the first fit pool entry out of the pool; shut down unfit ones; None if none gets ready soon."""
            loop = asyncio.get_running_loop()
            deadline = loop.time() + WAIT_FOR_POOL_SECONDS
            while True:
                pool: list[asyncio.Future[Any]] = self._pools.get(notebook_name, [])
                for item in [i for i in pool if is_ready(i)]:
                    if item not in pool:
                        continue  # taken by another page while this one was checking
                    pool.remove(item)
                    failed = item.cancelled() or item.exception() is not None
                    kernel_id = None if failed else item.result()["kernel_id"]
                    cause = await health_problem(self, item, self._started_pids.get(kernel_id or ""))
                    if cause is None:
                        type(self).dry = False
                        return item
                    self._discard(kernel_id, cause, notebook_name)
                waiting = [pending_part(i) for i in pool if not is_ready(i)]
                left = deadline - loop.time()
                if not waiting or left <= 0:
                    if not type(self).dry:
                        type(self).dry = True
                        say(DRY_MESSAGE)
                    self.fill_if_needed(delay=0, notebook_name=notebook_name)
                    return None
                await asyncio.wait(waiting, timeout=left, return_when=asyncio.FIRST_COMPLETED)

        def _discard(self, kernel_id: str | None, cause: str, notebook_name: str) -> None:
            """Shut down an unfit pool kernel, tell the host, and refill the reserve if it ran low."""
            say(f"Przygotowany pulpit nie nadawał się do wydania: {cause}. Usunięty; uczestnik dostanie inny.")
            _LOG.warning("Discarded pool kernel %s: %s", kernel_id, cause)
            if kernel_id is not None and kernel_id in self:
                outside_page(asyncio.ensure_future, self._shut_down_quietly(kernel_id))
            self.fill_if_needed(delay=0, notebook_name=notebook_name)

        async def _shut_down_quietly(self, kernel_id: str) -> None:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception:
                _LOG.exception("Could not shut down the unfit kernel %s", kernel_id)

        def get_pool_size(self, notebook_name: str) -> int:
            claimed = 1 if _CLAIMED.get() is not None else 0
            return int(super().get_pool_size(notebook_name)) + claimed

        async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kwargs: Any) -> Any:
            claimed = _CLAIMED.get()
            if claimed is not None:  # Voilà pops the first entry without awaiting before: make it the checked one
                _CLAIMED.set(None)
                self._pools.setdefault(notebook_name, []).insert(0, claimed)
            result = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
            bind_current_page(result[2])  # (render task, rendered cells, kernel id) handed to this page
            return result

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> Any:
            forget(kernel_id)
            self._started_pids.pop(kernel_id, None)
            return await super().shutdown_kernel(kernel_id, *args, **kwargs)

        @property
        def _started_pids(self) -> dict[str, int | None]:
            if "_szkola_pids" not in self.__dict__:
                self.__dict__["_szkola_pids"] = {}
            pids: dict[str, int | None] = self.__dict__["_szkola_pids"]
            return pids

        @property
        def _starting(self) -> asyncio.Semaphore:
            if "_szkola_starting" not in self.__dict__:
                self.__dict__["_szkola_starting"] = asyncio.Semaphore(STARTING_AT_ONCE)
            starting: asyncio.Semaphore = self.__dict__["_szkola_starting"]
            return starting

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs: Any) -> Any:
            if kernel_id is not None:  # a restart of a kernel in use: Voilà re-renders it at once
                return await super()._initialize(notebook_path, kernel_id, **kwargs)
            await self._starting.acquire()  # released when this kernel's page is rendered
            try:
                result = await super()._initialize(notebook_path, kernel_id, **kwargs)
            except BaseException:
                self._starting.release()
                raise
            result["task"].add_done_callback(lambda _: self._starting.release())
            started = result["kernel_id"]
            self._started_pids[started] = kernel_pid(self.get_kernel(started))
            self.get_kernel(started).add_restart_callback(lambda: self._restarted(started), "restart")
            result["task"].add_done_callback(lambda _: self._count_rendered())
            return result

        def _restarted(self, kernel_id: str) -> None:
            """Tell the host a trainee's kernel died (Jupyter restarts it empty, so the page no longer works)."""
            number = desk(kernel_id)
            if number is None:
                return  # still in the pool: found unfit at hand-out, or now by the sweep below
            say(
                f"Pulpit nr {number} przestał działać (jądro zakończyło pracę). Uczestnik widzi komunikat o utracie "
                "połączenia; po odświeżeniu strony dostanie nowy pulpit, a po zalogowaniu wróci jego zapisana praca."
            )

        def _count_rendered(self) -> None:
            """Tell the host when the initial pool is rendered: from then on every trainee gets a page at once."""
            type(self).rendered += 1
            wanted = int(self.kernel_pools_config.get("default", {}).get("pool_size", 0))
            if not type(self).announced and wanted and type(self).rendered >= wanted:
                type(self).announced = True
                _freeze_heap()
                count = type(self).rendered
                say(f"Serwer gotowy – pulpity przygotowane: {count}. Adres dla uczestników: {public_url()}")

        def start_watching_activity(self, kernel_id: str) -> None:
            """Watch a kernel's activity (for the culler) as Jupyter does, reading only what it needs.

            Jupyter's watcher decodes every message a kernel publishes, with its dates, in the one
            server process that relays all trainees' messages: about a tenth of that process's work
            under a burst. Only the header, the parent's type and a status's state are needed, and the
            time of the last activity to the second (the culler looks once a minute): setting those
            traits at every message was most of what remained. Nor are the widgets' updates needed: busy
            and idle bracket every request, so the watcher subscribes to the kernel's own topics only and
            the kernel sends it two messages a widget action instead of four or five.
            """
            kernel = self._kernels[kernel_id]
            kernel.reason = ""
            kernel.last_activity = utcnow()
            kernel._activity_stream = kernel.connect_iopub()
            kernel._activity_stream.socket.setsockopt(zmq.UNSUBSCRIBE, b"")
            kernel._activity_stream.socket.setsockopt(zmq.SUBSCRIBE, LIFECYCLE_TOPIC)
            session = kernel.session
            recorded = [time.monotonic()]

            def record_activity(msg_list: list[Any]) -> None:
                # Frames, not copies: only the header, the parent and a status's content are read.
                _idents, parts = session.feed_identities(msg_list, copy=False)
                msg_type = json.loads(parts[1].bytes).get("msg_type")
                parent_type = json.loads(parts[2].bytes or b"{}").get("msg_type")
                tracked = self.track_message_type(parent_type)
                if self.track_message_type(msg_type) or tracked or kernel.execution_state == "busy":
                    now = time.monotonic()
                    if now - recorded[0] >= ACTIVITY_RESOLUTION_SECONDS:  # setting the traits is the costly part
                        recorded[0] = now
                        self.last_kernel_activity = kernel.last_activity = utcnow()
                if msg_type == "status":
                    state = json.loads(parts[4].bytes).get("execution_state")
                    if tracked and state != kernel.execution_state:
                        kernel.execution_state = state
                    elif kernel.execution_state == "starting" and state != "starting":
                        kernel.execution_state = "idle"

            kernel._activity_stream.on_recv(record_activity, copy=False)

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            if cap and len(self.list_kernel_ids()) >= cap:
                self.log.warning("Kernel cap of %s reached; refusing a new kernel", cap)
                if time.monotonic() - type(self).last_full_notice > 60:
                    type(self).last_full_notice = time.monotonic()
                    say(
                        f"Osiągnięto limit {cap} jąder: nowi uczestnicy dostają prośbę o chwilę cierpliwości. "
                        "Zamknięte karty zwalniają miejsce po 3 minutach."
                    )
                raise HTTPError(503, FULL_MESSAGE)
            kernel_id: str = await super().start_kernel(*args, **kwargs)
            bind_current_page(kernel_id)  # started for the page being served (no pool, or a page with options)
            return kernel_id

    return WorkshopKernelManager


class WorkshopPageHandler(BindingVoilaHandler):
    """The page: from a checked pool kernel, or, when none is ready, the self-reloading waiting page."""

    @authenticated
    async def get(self, path: str | None = None) -> None:  # type: ignore[override]
        """Serve the page from a kernel checked just now, or the waiting page if none is ready."""
        manager = self.kernel_manager
        if not getattr(manager, "pooled", False) or self.request.arguments:
            await super().get(path)
            return
        claimed = await manager.claim_ready(self.notebook_path or path)
        if claimed is None:
            self.set_status(503)
            self.set_header("Retry-After", str(REFRESH_SECONDS))
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.finish(Path(WAITING_PAGE).read_text(encoding="utf-8").replace("{{ refresh }}", str(REFRESH_SECONDS)))
            return
        token = _CLAIMED.set(claimed)
        try:
            await super().get(path)
        finally:
            _CLAIMED.reset(token)


class WorkshopVoila(voila.app.Voila):
    """Voilà whose kernel URLs answer only the browser each kernel's page was served to."""

    def init_handlers(self) -> list[Any]:
        """Return Voilà's routes with the page-bound handlers in place of Voilà's own."""
        routes: list[Any] = super().init_handlers()
        replacements = {**REPLACEMENTS, TornadoVoilaHandler: WorkshopPageHandler}
        routes = [(route[0], replacements.get(route[1], route[1]), *route[2:]) for route in routes]
        return workshop_routes(self.base_url) + routes  # the G-PZK session websocket on this port (#16)

    def initialize(self, argv: Any = None) -> None:
        """Set Voilà up; keep a warning every page of a stripped, read-only dashboard would repeat out of the log."""
        super().initialize(argv)
        self.log.addFilter(lambda record: "is not trusted" not in record.getMessage())

    def listen(self) -> None:
        """Listen; without a pool, tell the host the server is ready as soon as it answers."""
        if not self.voila_configuration.preheat_kernel:
            tornado.ioloop.IOLoop.current().add_callback(
                lambda: say(f"Serwer gotowy. Adres dla uczestników: {public_url() or f'http://localhost:{self.port}/'}")
            )
        super().listen()


def main() -> None:
    """Start Voilà with the workshop kernel manager and page-bound kernels."""
    voila.app.voila_kernel_manager_factory = workshop_kernel_manager_factory
    WorkshopVoila.launch_instance()


if __name__ == "__main__":
    main()
