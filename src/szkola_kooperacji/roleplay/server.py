"""The session server: pycrdt-websocket rooms behind a tornado websocket handler, one room per session.

This is how jupyter-collaboration serves documents (a tornado ``WebSocketHandler``
adapted to pycrdt's ``Channel``, a ``YRoom`` per document, a ``YStore`` behind
it), kept small: a room loads the session's stored updates before its first
client syncs, then broadcasts every update to all clients and appends it to the
store. ``session_handlers()`` returns the route to mount in any tornado
application (the workshop server's, or the stand-alone one of ``serve()``).
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

from ..errors import SessionError
from .guard import check_message
from .passes import Pass, verify
from .session import Session
from .store import SessionStore, check_session_id, load_into

LOG = logging.getLogger("szkola_kooperacji.roleplay")

ROUTE = r"/gpzk/sesja/([A-Za-z0-9_-]{8,64})"
"""Where a participant's client connects: ``ws://host:port/gpzk/sesja/<session id>``."""

MAX_MESSAGE_BYTES = 1024 * 1024
"""A session is small text; a bigger message is refused (tornado closes the connection)."""


class SessionRooms(WebsocketServer):
    """The rooms of every open session; a room is loaded from the store before anyone syncs with it.

    Rooms stay open when their last client leaves, so no update still being
    written to the store is cancelled with the room.
    """

    def __init__(self, db_path: Path, secret: bytes) -> None:
        super().__init__(rooms_ready=False, auto_clean_rooms=False, exception_handler=exception_logger, log=LOG)
        self.db_path = db_path
        self.secret = secret
        self._loading = Lock()

    async def get_room(self, name: str) -> YRoom:
        """Return the session's room, loading its stored updates first when it is new."""
        async with self._loading:
            room = self.rooms.get(name)
            if room is None:
                store = SessionStore(self.db_path, check_session_id(name))
                room = YRoom(ready=False, ystore=store, exception_handler=exception_logger, log=LOG)
                self.rooms[name] = room
                await self.start_room(room)
                await store.started.wait()
                await load_into(store, room.ydoc)
                room.ready = True
                await room.ydoc_observed.wait()
            return room

    async def flush(self) -> None:
        """Store every room's whole state once more (on shutdown), so no update still in flight is lost.

        A CRDT update applied twice changes nothing, so the extra copy is harmless;
        the store squashes it into its next checkpoint.
        """
        for room in list(self.rooms.values()):
            if isinstance(room.ystore, SessionStore) and room.ystore.started.is_set():
                await room.ystore.write(room.ydoc.get_update())

    async def serve(self, websocket: Any, holder: Pass | None = None) -> None:
        """Serve one client in its session's room until it disconnects.

        A role's pass must name a role the session was opened with (the trainer's
        opens it, so any role is refused before that).
        """
        try:
            room = await self.get_room(websocket.path)
            if holder is not None and not holder.is_trainer and holder.role not in Session(room.ydoc).header().roles:
                LOG.warning("refused a pass for role %r not in session %s", holder.role[:40], websocket.path)
                websocket.refuse()
                return
            if holder is not None and not holder.is_trainer:
                role = holder.role
                websocket.guard = lambda message: check_message(room.ydoc, message, role)
            await room.serve(websocket)
        except Exception as error:  # a broken client must not stop the server
            exception_logger(error, LOG)


class TornadoChannel:
    """A tornado websocket seen as pycrdt's ``Channel``: messages in through a queue, out as binary frames."""

    def __init__(self, handler: WebSocketHandler, path: str) -> None:
        self._handler = handler
        self._path = path
        self._incoming: asyncio.Queue[bytes | None] = asyncio.Queue()
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
        if message is None:
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

    def refuse(self) -> None:
        """Close the connection: the pass does not admit it to this room."""
        self._handler.close(4403, "pass refused")
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

    def prepare(self) -> None:
        """Refuse the upgrade (403) unless the address carries a pass the server signed for this session."""
        session_id = self.path_args[0] if self.path_args else ""
        try:
            self.holder = verify(self.rooms.secret, self.get_query_argument("przepustka", ""), session_id)
        except SessionError:
            LOG.warning("refused a connection to session %s without a valid pass", session_id)
            raise web.HTTPError(403) from None

    def open(self, *args: str, **_kwargs: str) -> None:
        """Join the session's room; the sync protocol starts at once."""
        self.channel = TornadoChannel(self, args[0])
        self._task = asyncio.ensure_future(self.rooms.serve(self.channel, self.holder))

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


async def serve(port: int, db_path: Path, secret: bytes, address: str = "127.0.0.1") -> None:
    """Run a stand-alone session server until cancelled or SIGTERM (``szkola roleplay serve``, the benchmark)."""
    rooms = SessionRooms(db_path, secret)
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
