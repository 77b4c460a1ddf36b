"""The session server: pycrdt-websocket rooms behind a tornado websocket handler.

This is how jupyter-collaboration serves documents (a tornado ``WebSocketHandler``
adapted to pycrdt's ``Channel``, a ``YRoom`` per document, a ``YStore`` behind
it), kept small: a room loads the session's stored updates before its first
client syncs, then broadcasts every update to all clients and appends it to the
store. ``session_handlers()`` returns the routes to mount in any tornado
application (the workshop server's, or the stand-alone one of ``serve()``).

Per-role filtering is in the transport, not only in the views: the session room
holds nothing of the case's knowledge until it is shared (then the server copies
the shared item in, ``knowledge.reveal_shared``); each role's knowledge comes
through a room of its own (``…/wiedza``) that only that role's pass opens. A room
nobody has used for ``idle_seconds`` is stored whole and closed, so memory does not
grow with the number of sessions; the next client reopens it from the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anyio import Lock
from pycrdt.websocket import WebsocketServer, YRoom, exception_logger
from tornado import web
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from ..data.cache import cached_valid_catalog
from ..domain.case import Case
from ..errors import SessionError
from .assigned import AssignedConnections, stamp_store
from .guard import RoomGuard, check_read_only
from .hub_identity import REFUSAL_REASONS, hub_api_url, hub_holder
from .knowledge import knowledge_doc, reveal_shared
from .passes import Pass, verify
from .seats import Seats
from .session import Session
from .store import SessionStore, check_session_id, load_into, open_database

LOG = logging.getLogger("szkola_kooperacji.roleplay")

ROUTE = r"/gpzk/sesja/([A-Za-z0-9_-]{8,64})(/wiedza)?"
"""Where a participant's client connects: ``ws://host:port/gpzk/sesja/<session id>`` (the table) and,
for a role, ``…/<session id>/wiedza`` (what its institution knows; the pass names the institution)."""

MAX_MESSAGE_BYTES = 1024 * 1024
"""A session is small text; a bigger message is refused (tornado closes the connection)."""

IDLE_SECONDS = 120.0
"""A room without clients for this long is stored whole and closed (a page reload reconnects well within it)."""


def _case(case_id: str) -> Case | None:
    """Return the session's case from the data the server serves (None when it is not there)."""
    return cached_valid_catalog().cases.get(case_id)


class SessionRooms(WebsocketServer):
    """The rooms of open sessions; a room is loaded from the store before anyone syncs with it.

    ``location`` is a SQLite file or a ``postgresql://`` URL (``store.default_location``).
    """

    def __init__(self, location: Path | str, secret: bytes, idle_seconds: float = IDLE_SECONDS) -> None:
        super().__init__(rooms_ready=False, auto_clean_rooms=False, exception_handler=exception_logger, log=LOG)
        self.database = open_database(location)
        self.seats = Seats(database=self.database)
        self.hub_api_url = hub_api_url()
        """Set when the server runs as a hub service: hub accounts then join by their token."""
        self.secret = secret
        self.idle_seconds = idle_seconds
        self._loading = Lock()
        self._closing: dict[str, asyncio.TimerHandle] = {}
        self._runner: asyncio.Future[None] | None = None
        self.guards: dict[str, RoomGuard] = {}
        self._watching: dict[YRoom, list[Any]] = {}
        """Each open session room's subscriptions (its shares, its seats), kept: a collected one stops observing."""
        self.assigned = AssignedConnections(self.seats)
        """The connections a trainer's assignment admitted: closed when the trainer frees their role."""
        self._cases: dict[str, Case] = {}
        """The cases of the sessions served, looked up once: reading the catalog on every update cost most of
        the server's time (it checks every data file and unpickles the whole catalog)."""

    async def ensure_running(self) -> None:
        """Start the rooms' task group when a host application (the workshop's Voilà) did not enter it."""
        if self._task_group is None and self._runner is None:
            self._runner = asyncio.ensure_future(self.start())
        await self.started.wait()

    async def get_room(self, name: str) -> YRoom:
        """Return the session's room, loading its stored updates first when it is not open."""
        async with self._loading:
            self._keep(name)
            room = self.rooms.get(name)
            if room is None:
                store = SessionStore(self.database, check_session_id(name))
                room = YRoom(ready=False, ystore=store, exception_handler=exception_logger, log=LOG)
                self.rooms[name] = room
                await self.start_room(room)
                await store.started.wait()
                await load_into(store, room.ydoc)
                room.ready = True
                await room.ydoc_observed.wait()
                self._watch_shares(room)
                self._watching[room].append(self.assigned.watch(name, room.ydoc))
                self._watching[room].append(stamp_store(self.seats, room.ydoc))
                self.guards[name] = RoomGuard(room.ydoc)
            return room

    async def knowledge_room(self, session_id: str, institution_id: str, case: Case) -> YRoom:
        """Return the room of one role's knowledge, built from the case (nothing to store: the case is the source)."""
        name = f"{session_id}/wiedza/{institution_id}"
        async with self._loading:
            self._keep(name)
            room = self.rooms.get(name)
            if room is None:
                room = YRoom(ydoc=knowledge_doc(case, institution_id), exception_handler=exception_logger, log=LOG)
                self.rooms[name] = room
                await self.start_room(room)
            return room

    def case(self, case_id: str) -> Case | None:
        """Return a session's case, read from the catalog the first time only (None while it is unknown)."""
        case = self._cases.get(case_id)
        if case is None and (case := _case(case_id)) is not None:
            self._cases[case_id] = case
        return case

    def _watch_shares(self, room: YRoom) -> None:
        """Reveal each shared item to the whole table soon after its share arrives (not inside the transaction).

        Only the shares are watched: the other updates (most of a meeting) cost nothing here.
        """
        loop = asyncio.get_running_loop()
        scheduled = False
        session = Session(room.ydoc)

        def reveal() -> None:
            nonlocal scheduled
            scheduled = False
            case = self.case(session.header().case_id)
            if case is not None:
                reveal_shared(room.ydoc, case)

        def observe(_event: Any) -> None:
            nonlocal scheduled
            if not scheduled:
                scheduled = True
                loop.call_soon(reveal)

        self._watching[room] = [session.shares.observe(observe)]
        loop.call_soon(reveal)

    def _keep(self, name: str) -> None:
        """Cancel a pending close: someone uses the room again."""
        if (timer := self._closing.pop(name, None)) is not None:
            timer.cancel()

    def _close_when_idle(self, name: str, room: YRoom) -> None:
        """Close the room once it has had no client for ``idle_seconds``."""
        if room.clients or self.rooms.get(name) is not room:
            return
        self._keep(name)
        loop = asyncio.get_running_loop()
        self._closing[name] = loop.call_later(
            self.idle_seconds, lambda: asyncio.ensure_future(self._close_if_idle(name, room))
        )

    async def _close_if_idle(self, name: str, room: YRoom) -> None:
        async with self._loading:
            self._closing.pop(name, None)
            if room.clients or self.rooms.get(name) is not room:
                return
            try:
                if isinstance(room.ystore, SessionStore):
                    await room.ystore.squash(room.ydoc)
                del self.rooms[name]
                self.guards.pop(name, None)
                self._watching.pop(room, None)
                await room.stop()
                LOG.info("closed the idle room %s", name)
            except Exception as error:
                exception_logger(error, LOG)

    async def flush(self) -> None:
        """Store every room's whole state in place of its updates (on shutdown), so nothing in flight is lost."""
        for timer in self._closing.values():
            timer.cancel()
        self._closing.clear()
        for room in list(self.rooms.values()):
            if isinstance(room.ystore, SessionStore):
                await room.ystore.squash(room.ydoc)

    def flush_now(self) -> None:
        """Store every session room's whole state at once, without the event loop (at interpreter exit).

        Voilà's SIGTERM stops its loop and returns; an update a room was still writing
        in a worker thread is then in the room's document but maybe not in the store.
        """
        for name, room in list(self.rooms.items()):
            if isinstance(room.ystore, SessionStore):
                try:
                    room.ystore.squash_now(room.ydoc)
                except Exception:  # one session's store failing must not keep the others unstored
                    LOG.exception("could not store session %s at shutdown", name)

    async def serve(self, websocket: Any, holder: Pass | None = None, knowledge: bool = False) -> None:
        """Serve one client in its session's room (or its role's knowledge room) until it disconnects.

        A role's pass must name a role the session was opened with (the trainer's
        opens it, so any role is refused before that).
        """
        try:
            await self.ensure_running()
            room = await self.get_room(websocket.path)
            header = Session(room.ydoc).header()
            if holder is not None and not holder.is_trainer and holder.role not in header.roles:
                LOG.warning("refused a pass for role %r not in session %s", holder.role[:40], websocket.path)
                websocket.refuse()
                self._close_when_idle(websocket.path, room)
                return
            if holder is not None and holder.seat and not self.assigned.admit(websocket, holder, table=not knowledge):
                self._close_when_idle(websocket.path, room)
                return
            if knowledge:
                await self._serve_knowledge(websocket, holder, header.case_id)
                self._close_when_idle(websocket.path, room)
                return
            if holder is not None and not holder.is_trainer:
                role = holder.role
                case = self.case(header.case_id)
                own = frozenset(k.id for k in case.knowledge if k.institution_id == role) if case else frozenset()
                guard = self.guards[websocket.path]
                websocket.guard = lambda message: guard.check(message, role, own)
            await room.serve(websocket)
            self._close_when_idle(websocket.path, room)
        except Exception as error:  # a broken client must not stop the server
            exception_logger(error, LOG)
        finally:
            self.assigned.leave(websocket)

    async def _serve_knowledge(self, websocket: Any, holder: Pass | None, case_id: str) -> None:
        case = self.case(case_id)
        if holder is None or holder.is_trainer or case is None:
            websocket.refuse()  # the trainer reads the case itself; a role needs an opened session
            return
        room = await self.knowledge_room(websocket.path, holder.role, case)
        websocket.guard = lambda message: check_read_only(room.ydoc, message)
        await room.serve(websocket)
        self._close_when_idle(f"{websocket.path}/wiedza/{holder.role}", room)


class TornadoChannel:
    """A tornado websocket seen as pycrdt's ``Channel``: messages in through a queue, out as binary frames."""

    def __init__(self, handler: WebSocketHandler, path: str) -> None:
        self._handler = handler
        self._path = path
        self._incoming: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._refused = False
        self.guard: Callable[[bytes], str | None] | None = None
        """Says why a message of this connection is refused (a role's pass); None lets everything through."""

    @property
    def path(self) -> str:
        """The session id: pycrdt-websocket names the room after it."""
        return self._path

    def __aiter__(self) -> TornadoChannel:
        return self

    async def __anext__(self) -> bytes:
        message = await self._incoming.get()
        if message is None or self._refused:  # nothing the client sent before its refusal is applied
            raise StopAsyncIteration
        if self.guard is not None and (why := self.guard(message)) is not None:
            LOG.warning("closed a connection to session %s: %s", self._path, why)
            self.refuse()
            raise StopAsyncIteration
        return message

    async def recv(self) -> bytes:
        """Return the next message from the client; raise StopAsyncIteration once it has gone."""
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        """Send a message to the client; a client that has just gone is not an error."""
        try:
            await self._handler.write_message(message, binary=True)
        except WebSocketClosedError:
            self.close()

    def push(self, message: bytes) -> None:
        """Queue a message the client sent."""
        self._incoming.put_nowait(message)

    def close(self) -> None:
        """End the stream of incoming messages."""
        self._incoming.put_nowait(None)

    def refuse(self, code: int = 4403, reason: str = "pass refused", last: bytes = b"") -> None:
        """Close the connection: the pass does not admit it to this room (any more).

        Nothing more the client sent is applied; ``last`` (when given) is the final message it receives.
        """
        self._refused = True
        if last:
            with contextlib.suppress(WebSocketClosedError):
                sent = self._handler.write_message(last, binary=True)  # queued before the close frame
                sent.add_done_callback(lambda done: done.exception())  # a client already gone is no error
        self._handler.close(code, reason)
        self.close()


class SessionHandler(WebSocketHandler):
    """One participant's connection to one session."""

    rooms: SessionRooms
    channel: TornadoChannel | None = None
    holder: Pass | None = None

    def initialize(self, rooms: SessionRooms) -> None:
        """Receive the server's rooms (tornado passes the route's keyword arguments here)."""
        self.rooms = rooms
        self._task: asyncio.Task[None] | None = None

    async def prepare(self) -> None:
        """Refuse the upgrade (403) unless it carries a pass signed for this session or a hub account's token.

        A hub account's role is the trainer's assignment to its name (``hub_identity``).
        """
        session_id = self.path_args[0] if self.path_args else ""
        token = self.get_query_argument("przepustka", "")
        authorization = self.request.headers.get("Authorization", "")
        try:
            if not token and authorization.startswith("token ") and self.rooms.hub_api_url:
                self.holder = await hub_holder(self.rooms.seats, self.rooms.hub_api_url, authorization, session_id)
            else:
                self.holder = verify(self.rooms.secret, token, session_id)
        except SessionError as error:
            LOG.warning("refused a connection to session %s without a valid pass (%s)", session_id, error)
            raise web.HTTPError(403, reason=REFUSAL_REASONS.get(str(error))) from None

    def open(self, *args: str | None, **_kwargs: str) -> None:
        """Join the session's room (or the role's knowledge room); the sync protocol starts at once."""
        self.channel = TornadoChannel(self, str(args[0]))
        knowledge = len(args) > 1 and bool(args[1])
        self._task = asyncio.ensure_future(self.rooms.serve(self.channel, self.holder, knowledge))

    def on_message(self, message: str | bytes) -> None:
        """Pass a binary message to the room; text frames are not part of the protocol."""
        if self.channel is not None and isinstance(message, bytes):
            self.channel.push(message)

    def on_close(self) -> None:
        """Leave the room."""
        if self.channel is not None:
            self.channel.close()

    def get_compression_options(self) -> dict[str, Any] | None:
        """Send small messages uncompressed: latency matters more than bytes here."""
        return None


def session_handlers(rooms: SessionRooms) -> list[tuple[str, type[WebSocketHandler], dict[str, Any]]]:
    """Return the tornado route of the session websocket, to add to an application's handlers."""
    return [(ROUTE, SessionHandler, {"rooms": rooms})]


async def serve(
    port: int, location: Path | str, secret: bytes, address: str = "127.0.0.1", idle_seconds: float = IDLE_SECONDS
) -> None:
    """Run a stand-alone session server until cancelled or SIGTERM (``szkola roleplay serve``, the benchmark)."""
    rooms = SessionRooms(location, secret, idle_seconds)
    cached_valid_catalog()  # the cases (whose knowledge rooms it serves) are read before anyone waits for them
    async with rooms:
        app = web.Application(session_handlers(rooms), websocket_max_message_size=MAX_MESSAGE_BYTES)
        server = app.listen(port, address=address)
        LOG.info("Serwer sesji G-PZK słucha na ws://%s:%s/gpzk/sesja/…", address, port)
        stopping = asyncio.Event()
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):  # not the main thread
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
        try:
            await stopping.wait()
        finally:
            server.stop()
            await rooms.flush()
