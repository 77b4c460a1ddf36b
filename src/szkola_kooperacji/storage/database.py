"""One connection to the store's database — a SQLite file or a PostgreSQL URL — with one SQL dialect for callers.

A workshop on one machine keeps everything in a SQLite file; a hub whose trainees' servers come
and go (and may run on other machines) keeps it in PostgreSQL. The modules of ``storage/`` write
their SQL once, in the subset both engines share, with ``?`` placeholders, and get:

- ``execute(sql, params)``: one statement; ``?`` becomes ``%s`` for PostgreSQL;
- ``executescript(ddl)``: ``CREATE TABLE IF NOT EXISTS …`` statements, where ``BLOB`` and ``REAL``
  become ``BYTEA`` and ``DOUBLE PRECISION`` for PostgreSQL (its ``REAL`` is only 4 bytes);
- ``transaction()``: a block that no other writer interleaves with — SQLite's ``BEGIN IMMEDIATE``,
  and on PostgreSQL a transaction holding one advisory lock of the store, so a count read and
  written back in it (the sign-in limits) is never lost to a parallel kernel.

Rules for that subset: upserts as ``INSERT … ON CONFLICT (…) DO UPDATE/NOTHING``; no ``INSERT OR
…``, no two-argument ``MAX``/``MIN`` (use ``CASE``), no ``?`` or ``%`` inside string literals.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import SzkolaError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
STORE_LOCK = 0x5A4B_4F4F_5045  # pg_advisory_xact_lock key of the store ("ZKOOPE"): one writer at a time

_PG_TYPES = ((re.compile(r"\bBLOB\b"), "BYTEA"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"))

Dialect = Literal["sqlite", "postgresql"]


def is_database_url(location: Path | str) -> bool:
    """Return True when the store location is a PostgreSQL URL rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def redact(url: str) -> str:
    """Return the URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


class Rows(Protocol):
    """What a statement returns: the rows and the count of rows changed."""

    rowcount: int

    def fetchone(self) -> Any:
        """Return the next row, or None."""

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""


class Database:
    """A connection shared by the store's parts; statements and transactions of threads never interleave."""

    def __init__(self, connection: Any, dialect: Dialect) -> None:
        self._connection = connection
        self.dialect: Dialect = dialect
        self._lock = threading.RLock()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement written with ``?`` placeholders."""
        with self._lock:
            if self.dialect == "postgresql":
                return self._connection.execute(sql.replace("%", "%%").replace("?", "%s"), params)  # type: ignore[no-any-return]
            return self._connection.execute(sql, params)  # type: ignore[no-any-return]

    def executescript(self, script: str) -> None:
        """Create tables and indexes (``IF NOT EXISTS``); safe when many kernels start at once."""
        if self.dialect == "sqlite":
            with self._lock:
                self._connection.executescript(script)
            return
        for pattern, replacement in _PG_TYPES:
            script = pattern.sub(replacement, script)
        with self.transaction():
            self._connection.execute(script)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction that excludes every other writer of the store."""
        with self._lock:
            if self.dialect == "postgresql":
                with self._connection.transaction():
                    self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (STORE_LOCK,))
                    yield
                return
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()


def connect(location: Path | str) -> Database:
    """Open the store at a SQLite file path or a ``postgresql://`` URL."""
    if is_database_url(location):
        return _connect_postgresql(str(location))
    path = Path(location)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return Database(connection, "sqlite")


def _connect_postgresql(url: str) -> Database:
    try:
        import psycopg  # noqa: PLC0415 — only a hub deployment needs the driver
    except ImportError:
        raise SzkolaError(
            'Baza PostgreSQL wymaga pakietu psycopg: zainstaluj platformę z dodatkiem hub (pip install -e ".[hub]").'
        ) from None
    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SzkolaError(
            f"Nie można połączyć się z bazą {redact(url)}: {first_line}. "
            "Sprawdź adres, użytkownika i hasło oraz czy serwer PostgreSQL działa."
        ) from None
    return Database(connection, "postgresql")
