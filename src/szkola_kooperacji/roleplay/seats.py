"""Who plays which role: the trainer assigns a role of a session to a signed-in trainee's id.

A trainee signed in to ``szkola serve`` (or a hub account) has no pass in any
address: their dashboard finds here the roles assigned to their id and joins the
meeting with a pass its kernel signs (the kernel runs on the server and reads the
server's secret; the browser never sees the pass). The table sits in the
sessions' database (``store.default_location``: SQLite beside the drafts, or the
hub's PostgreSQL). One trainee holds one role per session; a role has one holder.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.meeting import Meeting
from ..errors import SessionError
from ..storage.database import Database, redact
from ..storage.drafts import trainee_key
from .store import check_session_id, default_location, open_database

if TYPE_CHECKING:  # the dashboard's landing imports this module: no CRDT stack until someone joins
    from .session import Session

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
CREATE TABLE IF NOT EXISTS gpzk_store (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

STORE_STAMP = "store"
"""Key of the session's ``meta`` where the session server writes the id of the database it checks seats in."""

OTHER_STORE = (
    "Przydział ról zapisałby się w innej bazie ({where}) niż ta, w której sprawdza go serwer sesji, więc nic by "
    "nie zmienił. Podaj tę samą bazę co w „szkola roleplay serve --db …” (albo pomiń --db w obu poleceniach) "
    "i spróbuj ponownie."
)


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
        self.location = location if location is not None or database is not None else default_location()
        self.database = database or open_database(self.location or default_location())
        self.database.executescript(SCHEMA)
        self.database.execute(
            "INSERT INTO gpzk_store (name, value) VALUES ('id', ?) ON CONFLICT (name) DO NOTHING",
            (secrets.token_hex(8),),
        )
        row = self.database.execute("SELECT value FROM gpzk_store WHERE name = 'id'").fetchone()
        self.store_id = str(row[0])
        """This database's own id (made once, by whoever opens it first): how a session names where its seats are."""

    def check_same_store(self, session: Session) -> None:
        """Refuse (Polish) when the session's server checks seats in another database than this one.

        An assignment or release written elsewhere would silently not count: the
        server would keep admitting a freed trainee, or refuse an assigned one.
        """
        stamped = session.meta.get(STORE_STAMP)
        if stamped and stamped != self.store_id:
            where = redact(self.location) if isinstance(self.location, str) else str(self.location or "?")
            raise SessionError(OTHER_STORE.format(where=where))

    def assign(
        self, session_id: str, role: str, trainee: str, case_id: str, *, names: Mapping[str, str] | None = None
    ) -> None:
        """Give a free role to a trainee who holds no other role of the session; refuse otherwise (Polish).

        Checked and written in one transaction, so two trainers' clicks cannot seat one trainee twice.
        ``names`` gives the institutions' names for the refusal (else the role ids are shown).
        """
        trainee = " ".join(trainee.split())
        names = names or {}
        with self.database.transaction():
            for seat in self.of_session(check_session_id(session_id)):
                if seat.role == role and trainee_key(seat.trainee) != trainee_key(trainee):
                    raise SessionError(f"Tę rolę ma już {seat.trainee}; najpierw zwolnij ją.")
                if seat.role != role and trainee_key(seat.trainee) == trainee_key(trainee):
                    raise SessionError(
                        f"{seat.trainee} ma już rolę: {names.get(seat.role, seat.role)}; uczestnik ma jedną rolę. "
                        "Najpierw zwolnij tamtą."
                    )
            self.database.execute("DELETE FROM gpzk_seats WHERE session_id = ? AND role = ?", (session_id, role))
            self.database.execute(
                "INSERT INTO gpzk_seats (session_id, role, trainee, case_id, assigned) VALUES (?, ?, ?, ?, ?)",
                (session_id, role, trainee, case_id, time.time()),
            )

    def release(self, session_id: str, role: str) -> None:
        """Free a role of the session (nothing happens when nobody held it)."""
        self.database.execute(
            "DELETE FROM gpzk_seats WHERE session_id = ? AND role = ?", (check_session_id(session_id), role)
        )

    def of_trainee(self, trainee: str) -> list[Seat]:
        """Return the trainee's roles, the latest assigned first; "Ewa  Nowak" and "ewa nowak" are one trainee.

        Compared in Python (``trainee_key``), not SQL: a workshop has a few dozen seats, and both engines agree.
        """
        rows = self.database.execute(
            "SELECT session_id, role, trainee, case_id FROM gpzk_seats ORDER BY assigned DESC"
        ).fetchall()
        key = trainee_key(trainee)
        return [Seat(*map(str, row)) for row in rows if trainee_key(str(row[2])) == key]

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


def assign_role(
    seats: Seats, session_id: str, meeting: Meeting, role: str, trainee: str, *, names: Mapping[str, str] | None = None
) -> str:
    """Assign a role of an opened meeting to a trainee's id: the one path of the CLI and the trainer's desk.

    Return the trainee's id as stored; raise ``SessionError`` with a Polish reason when it cannot be.
    """
    trainee = " ".join(trainee.split())
    if role not in meeting.roles:
        raise SessionError(f"Na tym spotkaniu nie ma roli {role}; role: {', '.join(meeting.roles)}.")
    if not trainee:
        raise SessionError("Podaj identyfikator uczestnika (ten, którym loguje się do pulpitu).")
    seats.assign(session_id, role, trainee, meeting.case_id, names=names)
    return trainee


def release_role(seats: Seats, session_id: str, session: Session, role: str) -> None:
    """Free a role: its assignment, and its seat at the table (the trainer's move, from the CLI or the desk)."""
    if role not in session.header().roles:
        raise SessionError(f"Na tym spotkaniu nie ma roli {role}.")
    seats.check_same_store(session)
    seats.release(session_id, role)
    session.release_role(role)
