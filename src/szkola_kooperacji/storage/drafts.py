"""Store of trainees (with a personal code), their drafts and the sign-in rate limits.

A SQLite file by default (``szkola serve``), PostgreSQL when the location is a
``postgresql://`` URL (``szkola hub``: servers come and go, the data stays); see
``database.py`` for the SQL both share. Every write is one short transaction (WAL
mode in SQLite), so a server killed mid-exercise loses at most the change being
typed, and 40 kernels writing at once wait instead of failing. A draft that no longer validates (older format,
hand-edited) is never thrown away: it is moved aside and reported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import unicodedata
from concurrent.futures import Future
from concurrent.futures import wait as wait_for_futures
from enum import StrEnum
from pathlib import Path

from pydantic import ValidationError

from ..domain.draft import Draft
from .background import hurry, run_later
from .database import Database, StoreLocation, connect, is_database_url, parse_store_location
from .passcodes import MAX_CODE, MIN_CODE, PBKDF2_ITERATIONS, QUICK_ITERATIONS, code_matches, hash_code, new_salt
from .sign_in_limits import SignInLimiter

STORE_ENV = "SZKOLA_STORE"
"""Environment variable with the SQLite file or PostgreSQL URL; ``szkola serve`` and ``szkola hub`` set it."""

MAX_TRAINEE_NAME = 80
STRENGTHEN_AFTER_SECONDS = 15.0
STRENGTHEN_SPREAD_SECONDS = 15.0
"""A new code's full-strength hash is made 15–30 s after sign-in: a group arriving at once is signed in by then,
and forty kernels' hashes are spread over a quarter of a minute (``background``). Until then the code is kept
with ``passcodes.QUICK_ITERATIONS``; a kernel that ends first leaves it so, and the next sign-in re-hashes it."""
ITERATIONS_BEFORE_COLUMN = 60_000
"""Rounds of the hashes stored before ``trainees.kdf_iterations`` existed (the column's default)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS trainees (
    trainee_key TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    salt BLOB NOT NULL,
    code_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    kdf_iterations INTEGER NOT NULL DEFAULT 60000
);
CREATE TABLE IF NOT EXISTS drafts (
    trainee_key TEXT NOT NULL,
    case_id TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (trainee_key, case_id)
);
CREATE TABLE IF NOT EXISTS answers (
    trainee_key TEXT NOT NULL,
    slot TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (trainee_key, slot)
);
CREATE TABLE IF NOT EXISTS unreadable_drafts (
    trainee_key TEXT NOT NULL,
    case_id TEXT NOT NULL,
    body TEXT NOT NULL,
    moved_at TEXT NOT NULL
);
"""


class IdentityCheck(StrEnum):
    """Outcome of signing in with a trainee name and personal code."""

    NEW = "new"
    OK = "ok"
    WRONG_CODE = "wrong_code"
    SHORT_CODE = "short_code"
    """A new name with a code shorter than ``MIN_CODE``: nothing is registered."""


def default_store_path() -> Path:
    """Return a SQLite file: ``$SZKOLA_STORE`` when it names a file, else the one in the user's data folder.

    Files kept beside the store (secrets, logs) use it; with a database URL they go to the data folder.
    """
    configured = os.environ.get(STORE_ENV, "")
    if configured and not is_database_url(configured):
        return Path(configured)
    return _data_folder() / "szkola.sqlite"


def default_store_location() -> StoreLocation:
    """Return the store: ``$SZKOLA_STORE`` (a SQLite file or a PostgreSQL URL), else ``default_store_path``."""
    configured = os.environ.get(STORE_ENV, "")
    return parse_store_location(configured) if configured else default_store_path()


def store_folder(location: StoreLocation) -> Path:
    """Return the folder of files kept beside the store: the SQLite file's, or for a database the user's data folder."""
    if isinstance(location, Path):
        return location.parent
    return _data_folder()


def _data_folder() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "szkola-kooperacji"


def trainee_key(name: str) -> str:
    """Normalise a trainee's name so 'Anna  Nowak' and 'anna nowak' are one person."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def credentials_problem(name: str, code: str) -> str | None:
    """Return a Polish message when a name or code cannot be used, else None.

    The least length of a code is checked when a name is registered (``IdentityCheck.SHORT_CODE``),
    so a trainee registered before the rule still signs in.
    """
    clean = " ".join(name.split())
    if not clean:
        return "Wpisz imię i nazwisko albo identyfikator z listy uczestników."
    if len(clean) > MAX_TRAINEE_NAME:
        return f"Imię i nazwisko może mieć najwyżej {MAX_TRAINEE_NAME} znaków."
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        return "Imię i nazwisko zawiera niedozwolone znaki sterujące."
    if not 0 < len(code) <= MAX_CODE:
        return short_code_message()
    return None


def short_code_message() -> str:
    """Return the Polish rule for a personal code."""
    return f"Kod osobisty musi mieć od {MIN_CODE} do {MAX_CODE} znaków."


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class DraftStore:
    """Trainees, drafts and sign-in limits in one SQLite file or PostgreSQL database."""

    def __init__(self, location: StoreLocation | None = None) -> None:
        self.location = parse_store_location(location) if location is not None else default_store_location()
        self._db = connect(self.location)
        self._db.executescript(_SCHEMA)
        self._add_iterations_column()
        self._background: list[Future[None]] = []
        self.limits = SignInLimiter(self._db)
        from .progress import ProgressLog  # noqa: PLC0415 (progress.py imports trainee_key from here)

        self.progress = ProgressLog(self._db)

    def close(self) -> None:
        """Finish re-hashing codes, then close the database connection."""
        self.finish_background()
        self._db.close()

    def finish_background(self, timeout: float = 30.0) -> None:
        """Re-hash at full strength now the codes still waiting for it, and wait (a closing store, a test)."""
        with hurry():
            wait_for_futures(self._background, timeout=timeout)
        self._background = [f for f in self._background if not f.done()]

    def _add_iterations_column(self) -> None:
        """Give a store made before ``kdf_iterations`` existed the column (its hashes all had 60 000 rounds)."""
        add = f"ALTER TABLE trainees ADD COLUMN kdf_iterations INTEGER NOT NULL DEFAULT {ITERATIONS_BEFORE_COLUMN}"
        if self._db.dialect == "postgresql":
            present = self._db.execute(  # looked up first: ALTER would lock the table at every kernel start
                "SELECT 1 FROM information_schema.columns WHERE table_name = 'trainees' AND column_name = ?",
                ("kdf_iterations",),
            ).fetchone()
            if present is None:
                self._db.execute(add.replace("ADD COLUMN", "ADD COLUMN IF NOT EXISTS"))
            return
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(trainees)").fetchall()}
        if "kdf_iterations" not in columns:
            try:
                self._db.execute(add)
            except sqlite3.OperationalError as error:  # another kernel added it a moment earlier
                if "duplicate column" not in str(error):
                    raise

    def sign_in(self, name: str, code: str) -> IdentityCheck:
        """Register a new trainee with this code, or check the code of a known one.

        Names are normalised; the code is stored only as a salted PBKDF2 hash: first a quick one,
        then, on the low-priority worker, one of full strength (``passcodes.QUICK_ITERATIONS``).
        """
        key = trainee_key(name)
        row = self._db.execute("SELECT 1 FROM trainees WHERE trainee_key = ?", (key,)).fetchone()
        if row is None:
            if len(code) < MIN_CODE:
                return IdentityCheck.SHORT_CODE
            salt = new_salt()
            quick = hash_code(code, salt, QUICK_ITERATIONS)
            inserted = self._db.execute(
                "INSERT INTO trainees (trainee_key, display_name, salt, code_hash, created_at, kdf_iterations) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (trainee_key) DO NOTHING",
                (key, " ".join(name.split()), salt, quick, _now(), QUICK_ITERATIONS),
            ).rowcount
            if inserted == 1:  # ours
                self._strengthen_later(key, code, salt, quick)
                return IdentityCheck.NEW
            # another tab registered this name a moment earlier: check the code against theirs
        return IdentityCheck.OK if self._verify(key, code) else IdentityCheck.WRONG_CODE

    def trainee_names(self) -> list[str]:
        """Return the names trainees signed in with, alphabetically (the G-PZK desk offers them for roles)."""
        rows = self._db.execute("SELECT display_name FROM trainees ORDER BY trainee_key").fetchall()
        return [str(row[0]) for row in rows]

    def _verify(self, key: str, code: str) -> bool:
        row = self._db.execute(
            "SELECT salt, code_hash, kdf_iterations FROM trainees WHERE trainee_key = ?", (key,)
        ).fetchone()
        if row is None:
            return False
        salt, stored, iterations = bytes(row[0]), bytes(row[1]), int(row[2])
        if not code_matches(code, salt, stored, iterations):
            return False
        if iterations < PBKDF2_ITERATIONS:  # left weak (its kernel ended before re-hashing): re-hash now
            self._strengthen_later(key, code, salt, stored)
        return True

    def _strengthen_later(self, key: str, code: str, salt: bytes, weak: bytes) -> None:
        """Replace a weak hash by a full-strength one on the low-priority worker, unless it changed meanwhile."""

        def strengthen() -> None:
            strong = hash_code(code, salt)
            self._db.execute(
                "UPDATE trainees SET code_hash = ?, kdf_iterations = ? WHERE trainee_key = ? AND code_hash = ?",
                (strong, PBKDF2_ITERATIONS, key, weak),
            )

        self._background = [f for f in self._background if not f.done()]
        self._background.append(run_later(strengthen, after=STRENGTHEN_AFTER_SECONDS, spread=STRENGTHEN_SPREAD_SECONDS))

    @property
    def database(self) -> Database:
        """The store's connection, for other tables kept in the same database (the G-PZK seats on a hub)."""
        return self._db

    def save(self, name: str, draft: Draft, *, slot: str | None = None) -> None:
        """Store the draft of one trainee and case (or exercise ``slot``), replacing the previous one."""
        self._db.execute(
            "INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT (trainee_key, case_id) "
            "DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            (trainee_key(name), slot or draft.case_id, draft.model_dump_json(), _now()),
        )

    def load(self, name: str, case_id: str, *, slot: str | None = None) -> Draft | None:
        """Return the saved draft, or None; an unreadable one is moved aside, not lost."""
        key, where = trainee_key(name), slot or case_id
        row = self._db.execute("SELECT body FROM drafts WHERE trainee_key = ? AND case_id = ?", (key, where)).fetchone()
        if row is None:
            return None
        try:
            return Draft.model_validate_json(row[0])
        except ValidationError:
            with self._db.transaction():
                self._db.execute("INSERT INTO unreadable_drafts VALUES (?, ?, ?, ?)", (key, where, row[0], _now()))
                self._db.execute("DELETE FROM drafts WHERE trainee_key = ? AND case_id = ?", (key, where))
            return None

    def save_answers(self, name: str, slot: str, answers: dict[str, str]) -> None:
        """Store a trainee's reflection answers of one exercise."""
        self._db.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT (trainee_key, slot) "
            "DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            (trainee_key(name), slot, json.dumps(answers, ensure_ascii=False), _now()),
        )

    def load_answers(self, name: str, slot: str) -> dict[str, str]:
        """Return the saved reflection answers of one exercise (empty when none or unreadable)."""
        row = self._db.execute(
            "SELECT body FROM answers WHERE trainee_key = ? AND slot = ?", (trainee_key(name), slot)
        ).fetchone()
        try:
            loaded = json.loads(row[0]) if row else {}
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}

    def cases_with_drafts(self, name: str) -> list[str]:
        """Return the ids of cases this trainee has started."""
        rows = self._db.execute(
            "SELECT case_id FROM drafts WHERE trainee_key = ? ORDER BY case_id", (trainee_key(name),)
        ).fetchall()
        return [r[0] for r in rows if ":" not in r[0]]  # exercise slots ("ćw:…") are not free cases
