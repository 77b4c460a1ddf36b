"""Where sessions survive a restart: every CRDT update of every session, in the store's database.

A session is a list of CRDT updates; replaying them in any order rebuilds the
document exactly, because updates commute. They are kept in one table
(``gpzk_updates``) of a SQLite file (``roleplay.sqlite`` beside the dashboard's
drafts) or, on a hub whose store is PostgreSQL, of the hub's own database —
through ``storage.database``, so both engines run the same SQL. When a room
closes, its updates are squashed into one (the room's whole state), so a session
opened many times does not grow without end.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from pycrdt import Doc
from pycrdt.store import BaseYStore, YDocNotFound

from ..errors import SessionError
from ..storage.database import Database, connect
from ..storage.drafts import default_store_location

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""A session id: random and long enough to be unguessable; it names the room and the stored document."""

DEFAULT_FILE_NAME = "roleplay.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS gpzk_updates (
    session_id TEXT NOT NULL,
    data BLOB NOT NULL,
    written REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS gpzk_updates_session ON gpzk_updates (session_id);
"""


_T = TypeVar("_T")
_DRIVER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gpzk-store")
"""The one thread that runs the database driver (it blocks), so writes of one process never interleave.

Not anyio's worker threads: those end only with the event loop's root task, and Voilà stops its
loop without ending it, so the process would hang at exit (and be killed before storing the rooms).
A ``concurrent.futures`` thread is told to end when the interpreter exits.
"""


async def _in_driver(call: Callable[..., _T], *args: Any) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_DRIVER, call, *args)


def check_session_id(session_id: str) -> str:
    """Return the id when it can name a session; refuse anything else (it becomes a path and a key)."""
    if not SESSION_ID.fullmatch(session_id):
        raise SessionError("Niepoprawny identyfikator sesji: 8–64 znaki, litery, cyfry, „-” i „_”.")
    return session_id


def default_location() -> Path | str:
    """Return where sessions are kept: the hub's PostgreSQL when the store is one, else a file beside the drafts."""
    store = default_store_location()
    return store if isinstance(store, str) else store.with_name(DEFAULT_FILE_NAME)


def open_database(location: Path | str) -> Database:
    """Connect to the sessions' database and create its table when missing."""
    database = connect(location)
    database.executescript(SCHEMA)
    return database


class SessionStore(BaseYStore):
    """The stored updates of one session; every call runs in a worker thread (the driver blocks)."""

    def __init__(self, database: Database, session_id: str) -> None:
        self.database = database
        self.session_id = check_session_id(session_id)
        self.metadata_callback = None

    async def write(self, data: bytes) -> None:
        """Append one update."""
        await _in_driver(self._insert, data)

    def _insert(self, data: bytes) -> None:
        self.database.execute(
            "INSERT INTO gpzk_updates (session_id, data, written) VALUES (?, ?, ?)",
            (self.session_id, data, time.time()),
        )

    async def read(self) -> AsyncIterator[tuple[bytes, bytes, float]]:
        """Yield every stored update; raise ``YDocNotFound`` when the session has none."""
        rows = await _in_driver(self._select)
        if not rows:
            raise YDocNotFound
        for data, written in rows:
            yield bytes(data), b"", float(written)

    def _select(self) -> list[Any]:
        return self.database.execute(
            "SELECT data, written FROM gpzk_updates WHERE session_id = ?", (self.session_id,)
        ).fetchall()

    async def squash(self, doc: Doc[Any]) -> None:
        """Replace the stored updates by the document's whole state (it holds all of them and maybe more)."""
        await _in_driver(self._replace, doc.get_update())

    def squash_now(self, doc: Doc[Any]) -> None:
        """``squash`` in the calling thread: at interpreter exit no event loop runs to wait for a worker."""
        self._replace(doc.get_update())

    def _replace(self, state: bytes) -> None:
        with self.database.transaction():
            self.database.execute("DELETE FROM gpzk_updates WHERE session_id = ?", (self.session_id,))
            self._insert(state)

    def count(self) -> int:
        """Return how many updates are stored for the session (tests, squashing)."""
        row = self.database.execute(
            "SELECT COUNT(*) FROM gpzk_updates WHERE session_id = ?", (self.session_id,)
        ).fetchone()
        return int(row[0])


async def load_into(store: SessionStore, doc: Doc[Any]) -> bool:
    """Apply every stored update of the session to ``doc``; return whether anything was stored."""
    try:
        await store.apply_updates(doc)
    except YDocNotFound:
        return False
    return True
