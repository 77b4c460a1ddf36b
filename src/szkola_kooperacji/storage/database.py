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

Where the store is: ``parse_store_location`` reads what a person typed (``szkola serve --store``,
``szkola hub --db``, ``$SZKOLA_STORE`` in every kernel) — a ``postgresql://`` URL stays a string,
anything else is a SQLite file.

PostgreSQL connections are bounded: one per process that opens the store (a dashboard kernel, a
command), opened with ``PG_SETTINGS`` (connect timeout, ``application_name``, statement and
idle-transaction timeouts, TCP keepalives). A connection the server dropped (restart, network) is
opened again at the next statement, which is then run once more; a server that cannot be reached,
refuses more connections or does not answer in time is a ``SzkolaError`` in Polish, never a
traceback. docs/hub.md has the ``max_connections`` arithmetic for N trainees.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from ..errors import SzkolaError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
STORE_LOCK = 0x5A4B_4F4F_5045  # pg_advisory_xact_lock key of the store ("ZKOOPE"): one writer at a time

_PG_TYPES = ((re.compile(r"\bBLOB\b"), "BYTEA"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"))

Dialect = Literal["sqlite", "postgresql"]
StoreLocation = Path | str
"""A SQLite file (``Path``) or a PostgreSQL URL (``str``), as ``parse_store_location`` returns it."""

APPLICATION_NAME = "szkola-kooperacji"
"""How the store's connections are named in ``pg_stat_activity`` (count them: docs/hub.md)."""
CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_S = 30
"""A statement (including the wait for the store's lock) that takes longer fails instead of hanging a dashboard."""
PG_SETTINGS: dict[str, Any] = {
    "connect_timeout": CONNECT_TIMEOUT_S,
    "application_name": APPLICATION_NAME,
    "options": f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000} -c idle_in_transaction_session_timeout=60000",
    # a server that vanished from the network is noticed within ~90 s, not after TCP's two hours
    "keepalives": 1,
    "keepalives_idle": 60,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
"""Connection parameters of every PostgreSQL connection of the store (libpq names)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_T = TypeVar("_T")


def is_database_url(location: Path | str) -> bool:
    """Return True when the store location is a PostgreSQL URL rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def parse_store_location(text: StoreLocation) -> StoreLocation:
    """Return the store a person named: a ``postgresql://`` URL as given, else a SQLite file path.

    The one place that tells the two apart, for ``szkola serve --store``, ``szkola hub --db`` and
    ``$SZKOLA_STORE``; another database's URL is refused in Polish rather than made a file name.
    """
    if isinstance(text, Path):
        return text
    cleaned = text.strip()
    if is_database_url(cleaned):
        return cleaned
    if not cleaned or _SCHEME.match(cleaned):
        raise SzkolaError(
            f"Nieobsługiwana baza prac {redact(cleaned)!r}: podaj plik SQLite (np. prace.sqlite) "
            "albo adres postgresql://użytkownik:hasło@serwer/baza."
        )
    return Path(cleaned).expanduser()


def describe(location: StoreLocation) -> str:
    """Return the store for a message: the file, or the URL without its password."""
    return redact(location) if isinstance(location, str) else str(location)


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
    """A connection shared by the store's parts; statements and transactions of threads never interleave.

    For PostgreSQL, ``reopen`` makes a new connection when the server dropped the old one.
    """

    def __init__(self, connection: Any, dialect: Dialect, reopen: Callable[[], Any] | None = None) -> None:
        self._connection = connection
        self.dialect: Dialect = dialect
        self._reopen = reopen
        self._lock = threading.RLock()
        self._in_transaction = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement written with ``?`` placeholders."""
        with self._lock:
            if self.dialect == "postgresql":
                query = sql.replace("%", "%%").replace("?", "%s")
                rows: Rows = self._on_postgresql(lambda connection: connection.execute(query, params))
                return rows
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
            self._on_postgresql(lambda connection: connection.execute(script))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction that excludes every other writer of the store."""
        with self._lock:
            if self.dialect == "postgresql":
                self._on_postgresql(_begin)  # a dropped connection is opened again before anything runs
                self._in_transaction = True
                try:
                    yield
                except BaseException:
                    self._end("ROLLBACK")
                    raise
                self._end("COMMIT")
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

    def _end(self, statement: str) -> None:
        """Commit or roll back; a connection lost mid-transaction kept nothing of it (PostgreSQL rolls it back)."""
        import psycopg  # noqa: PLC0415

        try:
            self._connection.execute(statement)
        except psycopg.OperationalError as error:
            if statement == "COMMIT":
                raise _polish(error) from None
        finally:
            self._in_transaction = False

    def _on_postgresql(self, run: Callable[[Any], _T]) -> _T:
        """Run on the connection; after a dropped connection open a new one and run once more.

        Not inside a transaction: what the block did before the drop is gone, so it fails instead.
        """
        import psycopg  # noqa: PLC0415

        if self._connection.closed and self._reopen is not None and not self._in_transaction:
            self._connection = self._reopen()
        try:
            return run(self._connection)
        except psycopg.OperationalError as error:
            if self._in_transaction or not self._connection.broken or self._reopen is None:
                raise _polish(error) from None
        with contextlib.suppress(psycopg.Error):
            self._connection.close()
        self._connection = self._reopen()
        try:
            return run(self._connection)
        except psycopg.OperationalError as error:
            raise _polish(error) from None


def _begin(connection: Any) -> None:
    """Open a transaction holding the store's lock (rolled back again if the lock is not had)."""
    import psycopg  # noqa: PLC0415

    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (STORE_LOCK,))
    except psycopg.Error:
        if not connection.broken:
            connection.execute("ROLLBACK")
        raise


def _polish(error: Exception) -> SzkolaError:
    """Return a PostgreSQL failure as the message a trainer can act on."""
    import psycopg.errors  # noqa: PLC0415

    if isinstance(error, psycopg.errors.TooManyConnections):
        return SzkolaError(
            "Serwer PostgreSQL nie przyjmuje więcej połączeń (max_connections). Zwiększ max_connections "
            "albo zatrzymaj nieużywane serwery uczestników — zob. docs/hub.md, „Połączenia z bazą”."
        )
    if isinstance(error, psycopg.errors.QueryCanceled):
        return SzkolaError(f"Baza prac nie odpowiedziała w ciągu {STATEMENT_TIMEOUT_S} s. Spróbuj ponownie za chwilę.")
    return SzkolaError(
        f"Połączenie z bazą prac zostało przerwane ({_first_line(error)}). Zmiany nie zostały zapisane; "
        "spróbuj ponownie za chwilę, a jeśli to się powtarza, sprawdź, czy serwer PostgreSQL działa."
    )


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def connect(location: StoreLocation) -> Database:
    """Open the store at a SQLite file path or a ``postgresql://`` URL."""
    location = parse_store_location(location)
    if isinstance(location, str):
        return _connect_postgresql(location)
    path = location
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

    def open_connection() -> Any:
        try:
            return psycopg.connect(url, autocommit=True, **PG_SETTINGS)
        except psycopg.errors.TooManyConnections as error:
            raise _polish(error) from None
        except psycopg.Error as error:
            raise SzkolaError(
                f"Nie można połączyć się z bazą {redact(url)}: {_first_line(error)}. "
                "Sprawdź adres, użytkownika i hasło oraz czy serwer PostgreSQL działa."
            ) from None

    return Database(open_connection(), "postgresql", open_connection)
