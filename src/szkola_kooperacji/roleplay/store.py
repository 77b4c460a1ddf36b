"""Where sessions survive a restart: every CRDT update of every session, in one SQLite file.

pycrdt-store's ``SQLiteYStore`` appends each update with its session id and
squashes them into checkpoints; replaying them rebuilds the document exactly,
because CRDT updates commute. The file sits next to the dashboard's drafts
(``roleplay.sqlite``) unless the server is given another path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pycrdt import Doc
from pycrdt.store import SQLiteYStore, YDocNotFound

from ..errors import SessionError

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""A session id: random and long enough to be unguessable; it names the room and the stored document."""

DEFAULT_FILE_NAME = "roleplay.sqlite"


def check_session_id(session_id: str) -> str:
    """Return the id when it can name a session; refuse anything else (it becomes a path and a key)."""
    if not SESSION_ID.fullmatch(session_id):
        raise SessionError("Niepoprawny identyfikator sesji: 8–64 znaki, litery, cyfry, „-” i „_”.")
    return session_id


class SessionStore(SQLiteYStore):
    """The stored updates of one session in the shared SQLite file."""

    def __init__(self, db_path: Path, session_id: str) -> None:
        super().__init__(path=check_session_id(session_id))
        self.db_path = str(db_path)


async def load_into(store: SessionStore, doc: Doc[Any]) -> bool:
    """Apply every stored update of the session to ``doc``; return whether anything was stored."""
    try:
        await store.apply_updates(doc)
    except YDocNotFound:
        return False
    return True
