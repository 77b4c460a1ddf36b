"""The connections a trainer's assignment admitted, closed the moment the trainer frees their role.

A trainee's dashboard joins with a pass its kernel signed for the role the
trainer assigned (``Pass.seat``); the pass itself never expires. So the server
checks the assignment when the connection opens, and again whenever a seat at
the table changes (freeing a role writes the assignments first, then the seat:
``seats.release_role``), and closes the connections of a role no longer theirs
with ``RELEASED_CODE``; the client tells its trainee why in Polish. The table's
state goes out just before the close, so the freed trainee's copy shows the role
free rather than the moment before (the room's own broadcast may come too late).
Each opened session also names the database these assignments are checked in
(``stamp_store``), so a trainer's write to another database is refused, not lost.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from pycrdt import Doc, create_update_message
from pycrdt.websocket import exception_logger

from .passes import RELEASED_CODE, Pass
from .seats import STORE_STAMP, Seats
from .session import Session

LOG = logging.getLogger("szkola_kooperacji.roleplay")


class Refusable(Protocol):
    """A server-side connection that can be closed with a code (``server.TornadoChannel``)."""

    @property
    def path(self) -> str:
        """The session id the connection is for."""
        ...

    def refuse(self, code: int = ..., reason: str = ..., last: bytes = ...) -> None:
        """Stop reading the client at once, send ``last`` (when any), and close with a websocket close code."""
        ...


class AssignedConnections:
    """Per session, the open connections (table and knowledge) admitted by an assignment, with their pass."""

    def __init__(self, seats: Seats) -> None:
        self.seats = seats
        self._open: dict[str, dict[Refusable, tuple[Pass, bool]]] = {}
        """Per session id: each admitted connection, its pass, and whether it is the table's (not a knowledge room)."""

    def admit(self, channel: Refusable, holder: Pass, *, table: bool = True) -> bool:
        """Admit the connection while the trainee holds the role; refuse it (``RELEASED_CODE``) otherwise."""
        if not self.seats.holds(channel.path, holder.role, holder.name):
            channel.refuse(RELEASED_CODE, "role released")
            return False
        self._open.setdefault(channel.path, {})[channel] = (holder, table)
        return True

    def leave(self, channel: Refusable) -> None:
        """Forget a connection that ended (nothing happens for one never admitted here)."""
        if (open_ := self._open.get(channel.path)) is not None:
            open_.pop(channel, None)
            if not open_:
                del self._open[channel.path]

    def watch(self, session_id: str, doc: Doc[Any]) -> Any:
        """Check the session's assigned connections soon after its seats change; return the subscription to keep.

        Checked on the next turn of the loop: the document cannot be read inside its observer.
        """
        loop = asyncio.get_running_loop()
        scheduled = False

        def check() -> None:
            nonlocal scheduled
            scheduled = False
            self.close_released(session_id, doc)

        def observe(_event: Any) -> None:
            nonlocal scheduled
            if not scheduled and self._open.get(session_id):
                scheduled = True
                loop.call_soon(check)

        return Session(doc).roles.observe(observe)

    def close_released(self, session_id: str, doc: Doc[Any]) -> None:
        """Close each connection of the session whose trainee no longer holds the role their pass names.

        ``doc`` is the session's table: its whole state is sent to a table connection before it closes.
        """
        open_ = self._open.get(session_id, {})
        try:
            gone = [(c, t) for c, (p, t) in list(open_.items()) if not self.seats.holds(session_id, p.role, p.name)]
        except Exception as error:  # the assignments cannot be read now: keep everyone, check at the next change
            exception_logger(error, LOG)
            return
        state = create_update_message(doc.get_update()) if any(table for _, table in gone) else b""
        for channel, table in gone:
            LOG.info("closed a connection to session %s: the trainer freed its role", session_id)
            self.leave(channel)
            channel.refuse(RELEASED_CODE, "role released", state if table else b"")


def stamp_store(seats: Seats, doc: Doc[Any]) -> Any:
    """Name in the opened session the database the server checks seats in; return the subscription to keep.

    Stamped at once for a session already opened (before anyone syncs), and right
    after the trainer opens a new one. A trainer's command or page that would write
    assignments to another database sees the difference and refuses
    (``Seats.check_same_store``) instead of changing nothing the server reads.
    """
    loop = asyncio.get_running_loop()
    meta = Session(doc).meta

    def stamp() -> None:
        if meta.get("case_id") and meta.get(STORE_STAMP) != seats.store_id:
            meta[STORE_STAMP] = seats.store_id

    stamp()
    return meta.observe(lambda _event: loop.call_soon(stamp))
