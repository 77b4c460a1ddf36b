"""A participant's live copy of a session: a pycrdt ``Provider`` over a tornado websocket client.

This runs where the participant's dashboard runs — in the Voilà kernel, whose
event loop is asyncio — so an ipywidgets dashboard edits ``live.session`` and
redraws on ``live.on_change``; the provider syncs both ways in the background.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from pycrdt import Doc, Provider, TransactionEvent
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from ..domain.case import Case
from ..errors import SessionError
from .hub_identity import refusal_text
from .knowledge import known_case
from .passes import BAD_PASS, RELEASED_CODE, ROLE_RELEASED, read
from .session import Session
from .store import check_session_id

CONNECT_TIMEOUT_S = 10.0


class ClientChannel:
    """A tornado websocket client connection seen as pycrdt's ``Channel``."""

    def __init__(
        self, connection: WebSocketClientConnection, path: str, closed: Callable[[], None] | None = None
    ) -> None:
        self._connection = connection
        self._path = path
        self._closed = closed

    @property
    def path(self) -> str:
        """The session id."""
        return self._path

    def __aiter__(self) -> ClientChannel:
        return self

    async def __anext__(self) -> bytes:
        message = await self._connection.read_message()
        if message is None:
            if self._closed is not None:
                self._closed()
            raise StopAsyncIteration
        return message if isinstance(message, bytes) else message.encode()

    async def recv(self) -> bytes:
        """Return the next message from the server; raise StopAsyncIteration once the connection closed."""
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        """Send a message to the server."""
        await self._connection.write_message(message, binary=True)


class LiveSession:
    """One participant's copy of a session, kept in sync with the server while started.

    A role's copy is two documents: the table (``doc``, everyone's) and what its
    institution knows (``knowledge``, its own room); the trainer's is the table only.
    """

    def __init__(self, url: str, session_id: str, token: str = "", *, hub_token: str | None = None) -> None:
        """Connect with a signed pass, or (``hub_token``) as the hub account the token belongs to."""
        base = f"{url.rstrip('/')}/gpzk/sesja/{check_session_id(session_id)}"
        query = f"?{urlencode({'przepustka': token})}" if token else ""
        self.url = f"{base}{query}"
        self.headers = {"Authorization": f"token {hub_token}"} if hub_token else {}
        try:
            is_role = bool(hub_token) or not read(token).is_trainer
        except SessionError:
            is_role = False  # a malformed pass: the server refuses the table's connection with 403
        self.knowledge_url = f"{base}/wiedza{query}" if is_role else None
        self.session_id = session_id
        self.doc: Doc[Any] = Doc()
        self.knowledge: Doc[Any] = Doc()
        self.session = Session(self.doc)
        self._connections: list[WebSocketClientConnection] = []
        self._providers: list[Provider] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self.on_lost: Callable[[], None] | None = None
        """Called once if the connection ends without ``stop()``: the page tells its user to reload."""

    async def start(self) -> None:
        """Connect and wait for the first full sync with the server (the table, then the role's knowledge)."""
        await self._link(self.url, self.doc)
        if self.knowledge_url is not None:
            await self._link(self.knowledge_url, self.knowledge)

    async def _link(self, url: str, doc: Doc[Any]) -> None:
        try:
            request = HTTPRequest(url, headers=self.headers)
            connection = await asyncio.wait_for(websocket_connect(request), CONNECT_TIMEOUT_S)
        except HTTPClientError as error:
            if error.code != 403:
                raise SessionError(f"Serwer sesji odpowiedział błędem {error.code}.") from None
            raise SessionError(refusal_text(error.message or "") or BAD_PASS) from None
        self._connections.append(connection)
        # Only the table's end is told: a freed role's knowledge room closes too, maybe first, and telling
        # then would show the seat before the table's last state (the role free) reached this copy.
        provider = Provider(doc, ClientChannel(connection, self.session_id, self._lost if doc is self.doc else None))
        self._providers.append(provider)
        task = asyncio.ensure_future(provider.start())
        self._tasks.append(task)
        await provider.started.wait()
        synced = asyncio.ensure_future(provider.synced.wait())
        await asyncio.wait({synced, task}, timeout=CONNECT_TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED)
        if not synced.done():  # the server closed the connection, or never answered
            synced.cancel()
            await self.stop()
            if connection.close_code == RELEASED_CODE:
                raise SessionError(ROLE_RELEASED)
            raise SessionError(
                "Serwer sesji nie wpuścił tej roli: sesja nie ma takiej roli albo nie jest otwarta."
            ) from None

    def known_case(self, case: Case) -> Case:
        """Return the case as this participant knows it: a role's own items and what was shared; the trainer's whole."""
        return case if self.knowledge_url is None else known_case(case, self.doc, self.knowledge)

    @property
    def closed_by_server(self) -> bool:
        """Whether the server ended the connection (e.g. it refused a change this role may not make)."""
        return any(connection.close_code is not None for connection in self._connections)

    @property
    def released(self) -> bool:
        """Whether the server closed the connection because the trainer freed this participant's role."""
        return any(connection.close_code == RELEASED_CODE for connection in self._connections)

    def on_change(self, callback: Callable[[], None]) -> Any:
        """Call ``callback`` soon after the document changed, locally or remotely; return the subscription.

        The document cannot be read inside pycrdt's observer (its transaction is
        still open), so the callback runs on the next turn of the event loop, once
        for any number of changes that arrived together.
        """
        loop = asyncio.get_running_loop()
        scheduled = False

        def run() -> None:
            nonlocal scheduled
            scheduled = False
            callback()

        def observe(_event: TransactionEvent) -> None:
            nonlocal scheduled
            if not scheduled:
                scheduled = True
                loop.call_soon(run)

        return self.doc.observe(observe)

    def _lost(self) -> None:
        if not self._stopping and self.on_lost is not None:
            self._stopping = True  # told once, whichever of the connections ended first
            self.on_lost()

    async def stop(self) -> None:
        """Disconnect; the document stays readable."""
        self._stopping = True
        for provider in self._providers:
            await provider.stop()
        for connection in self._connections:
            connection.close()
        for task in self._tasks:
            task.cancel()
