"""Rate limits of sign-in, per trainee id and per client address, shared by every kernel.

Each trainee's page runs in its own kernel process, so the counts live in the shared store
(SQLite or PostgreSQL), not in memory. Against the trainee id an attempt is counted before its
code is checked, in one transaction, so parallel tabs cannot test many codes of one id while the
first failures are still being written; a successful sign-in takes it back. Against the client
address only a failure is counted, once it is known: a whole room behind one router signs in in
the same second, and counting its attempts in advance refused everyone past the free number.
After the free failures each further one doubles the wait, up to a ceiling; counts are forgotten
after a quiet hour.

The kernel does not see the HTTP request, so the server records which client address
received each page (kernel id → address, see ``page_binding``) and the kernel looks its own
address up here by its kernel id.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from .database import Database

FREE_FAILURES_PER_ID = 5
FREE_FAILURES_PER_ADDRESS = 20
"""Higher than per id: a whole classroom may reach the server through one router's address."""
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60
FORGET_AFTER_S = 60 * 60

SCHEMA = """
CREATE TABLE IF NOT EXISTS sign_in_failures (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_at REAL NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE TABLE IF NOT EXISTS page_clients (
    kernel_id TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    served_at REAL NOT NULL
);
"""


def wait_after(failures: int, free: int) -> float:
    """Return the seconds to wait after ``failures`` consecutive failures (0 while still free)."""
    if failures < free:
        return 0.0
    return float(min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - free)))


def retry_message(seconds: float) -> str:
    """Return the Polish message for a refused attempt, saying when to retry."""
    when = f"{max(1, math.ceil(seconds))} s" if seconds < 60 else f"{math.ceil(seconds / 60)} min"
    return f"Zbyt wiele nieudanych prób. Spróbuj ponownie za {when}."


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt let through (``wait`` is 0) or refused for ``wait`` more seconds."""

    subject: str
    address: str | None
    wait: float = 0.0


class SignInLimiter:
    """Counts of failed sign-ins in the shared store."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._now = clock
        db.executescript(SCHEMA)

    def begin(self, subject: str, address: str | None) -> Attempt:
        """Count an attempt for this id, unless the id or the address must still wait."""
        now = self._now()
        with self._db.transaction():
            failures, last = self._failures("id", subject, now)
            wait = last + wait_after(failures, FREE_FAILURES_PER_ID) - now
            if address:
                address_failures, address_last = self._failures("address", address, now)
                wait = max(wait, address_last + wait_after(address_failures, FREE_FAILURES_PER_ADDRESS) - now)
            if wait > 0:
                return Attempt(subject, address, wait)
            self._count("id", subject, failures + 1, now)
        return Attempt(subject, address)

    def failed(self, attempt: Attempt) -> None:
        """Count a failed attempt against its address (its id was counted when it began)."""
        if not attempt.address:
            return
        with self._db.transaction():
            now = self._now()
            failures, _ = self._failures("address", attempt.address, now)
            self._count("address", attempt.address, failures + 1, now)

    def succeeded(self, attempt: Attempt) -> None:
        """Take back a successful attempt: the id starts afresh."""
        with self._db.transaction():
            self._db.execute("DELETE FROM sign_in_failures WHERE scope = 'id' AND subject = ?", (attempt.subject,))

    def _count(self, scope: str, subject: str, failures: int, now: float) -> None:
        self._db.execute(
            "INSERT INTO sign_in_failures VALUES (?, ?, ?, ?) ON CONFLICT (scope, subject) "
            "DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at",
            (scope, subject, failures, now),
        )

    def _failures(self, scope: str, subject: str, now: float) -> tuple[int, float]:
        row = self._db.execute(
            "SELECT failures, last_at FROM sign_in_failures WHERE scope = ? AND subject = ?", (scope, subject)
        ).fetchone()
        if row is None or now - row[1] > FORGET_AFTER_S:
            return 0, now
        return int(row[0]), float(row[1])

    def record_page_client(self, kernel_id: str, address: str) -> None:
        """Remember which client address received the page of this kernel (called by the server)."""
        self._db.execute(
            "INSERT INTO page_clients VALUES (?, ?, ?) ON CONFLICT (kernel_id) "
            "DO UPDATE SET address = excluded.address, served_at = excluded.served_at",
            (kernel_id, address, self._now()),
        )
        self._db.execute("DELETE FROM page_clients WHERE served_at < ?", (self._now() - 7 * 24 * 3600,))

    def page_client(self, kernel_id: str) -> str | None:
        """Return the client address the server recorded for this kernel's page, if any."""
        row = self._db.execute("SELECT address FROM page_clients WHERE kernel_id = ?", (kernel_id,)).fetchone()
        return str(row[0]) if row else None
