"""Who plays which role: the trainer assigns a role of a session to a signed-in trainee's id.

A trainee signed in to ``szkola serve`` (or a hub account) has no pass in any
address: their dashboard finds here the roles assigned to their id and joins the
meeting with a pass its kernel signs (the kernel runs on the server and reads the
server's secret; the browser never sees the pass). The table sits in the
sessions' database (``store.default_location``: SQLite beside the drafts, or the
hub's PostgreSQL). One trainee holds one role per session; a role has one holder.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..storage.database import Database
from .store import check_session_id, default_location, open_database

SCHEMA = """
CREATE TABLE IF NOT EXISTS gpzk_seats (
    session_id TEXT NOT NULL,
    role TEXT NOT NULL,
    trainee TEXT NOT NULL,
    case_id TEXT NOT NULL,
    assigned REAL NOT NULL,
    PRIMARY KEY (session_id, role)
);
CREATE INDEX IF NOT EXISTS gpzk_seats_trainee ON gpzk_seats (trainee);
"""


@dataclass(frozen=True)
class Seat:
    """One assignment: a trainee plays a role (an institution id) in a session on a case."""

    session_id: str
    role: str
    trainee: str
    case_id: str


class Seats:
    """The assignments of every session, in the sessions' database."""

    def __init__(self, location: Path | str | None = None, database: Database | None = None) -> None:
        self.database = database or open_database(default_location() if location is None else location)
        self.database.executescript(SCHEMA)

    def assign(self, session_id: str, role: str, trainee: str, case_id: str) -> None:
        """Give the role to the trainee, taking it from whoever held it and freeing the trainee's other role."""
        trainee = " ".join(trainee.split())
        with self.database.transaction():
            self.database.execute(
                "DELETE FROM gpzk_seats WHERE session_id = ? AND (role = ? OR trainee = ?)",
                (check_session_id(session_id), role, trainee),
            )
            self.database.execute(
                "INSERT INTO gpzk_seats (session_id, role, trainee, case_id, assigned) VALUES (?, ?, ?, ?, ?)",
                (session_id, role, trainee, case_id, time.time()),
            )

    def of_trainee(self, trainee: str) -> list[Seat]:
        """Return the trainee's roles, the latest assigned first."""
        rows = self.database.execute(
            "SELECT session_id, role, trainee, case_id FROM gpzk_seats WHERE trainee = ? ORDER BY assigned DESC",
            (" ".join(trainee.split()),),
        ).fetchall()
        return [Seat(*map(str, row)) for row in rows]

    def of_session(self, session_id: str) -> list[Seat]:
        """Return the session's assignments."""
        rows = self.database.execute(
            "SELECT session_id, role, trainee, case_id FROM gpzk_seats WHERE session_id = ? ORDER BY role",
            (session_id,),
        ).fetchall()
        return [Seat(*map(str, row)) for row in rows]

    def holds(self, session_id: str, role: str, trainee: str) -> bool:
        """Return whether the trainee is assigned this role of the session now."""
        return any(s.role == role and s.session_id == session_id for s in self.of_trainee(trainee))
