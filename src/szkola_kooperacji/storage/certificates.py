"""The register of issued certificates (zaświadczenia): a CSV in the course folder, each row signed.

Each row carries an HMAC-SHA256 of its other fields under a secret key generated once and kept
beside the register in its own file, readable only by its owner (0600). Someone who can edit
the register but not read the key cannot add a row, nor change a name, a number, a date or the
modules of one, without its signature failing: ``verify`` then says the entry was altered.
What such a person can still do is delete rows (a genuine number then reads as unknown, which
makes no forged certificate pass) or copy a row unchanged; a row copied into another group's
register fails there, since every course folder has its own key.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path

from ..errors import SzkolaError

REGISTER_FILE = "rejestr_zaswiadczen.csv"
KEY_FILE = "klucz_zaswiadczen.key"
"""The signing key: 32 random bytes as hex, created once with owner-only permissions."""
NUMBER_PREFIX = "SK"
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No 0/O, 1/I/L: a number read aloud or retyped from paper cannot be mistaken."""
WHOLE_COURSE = "caly_kurs"
"""The scope of a certificate for the whole course (else: the module ids it covers, joined by "+")."""


@dataclass(frozen=True)
class Entry:
    """One issued certificate as the register holds it (column names are the CSV header)."""

    numer: str
    uczestnik: str
    imie_nazwisko: str
    kurs: str
    zakres: str
    godziny: str
    data_wydania: str
    podpis: str = ""

    def payload(self) -> bytes:
        """Return the signed bytes: every field but the signature, in a fixed order."""
        values = {k: v for k, v in asdict(self).items() if k != "podpis"}
        return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


COLUMNS = [f.name for f in fields(Entry)]


class Verdict(StrEnum):
    """What the register says about a certificate number."""

    GENUINE = "prawdziwe"
    UNKNOWN = "nieznane"
    ALTERED = "zmienione"


def normalise_number(number: str) -> str:
    """Read a number as typed: case, spaces and dashes do not matter."""
    clean = "".join(ch for ch in number.upper() if ch.isalnum())
    if len(clean) < 4:
        return clean
    body = clean.removeprefix(NUMBER_PREFIX)
    year, rest = body[:4], body[4:]
    return "-".join([NUMBER_PREFIX, year, *(rest[i : i + 4] for i in range(0, len(rest), 4))])


class CertificateRegister:
    """The signed register of one course folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / REGISTER_FILE
        self.key_path = folder / KEY_FILE

    def _key(self, *, create: bool) -> bytes:
        """Return the signing key; create it once (0600) when asked and the register is still empty."""
        if not self.key_path.exists() and create and not self.entries():
            with contextlib.suppress(FileExistsError):  # another kernel made it a moment ago: use theirs
                handle = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(handle, "w", encoding="ascii") as out:
                    out.write(secrets.token_hex(32))
        try:
            key = bytes.fromhex(self.key_path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            raise SzkolaError(
                f"Brak klucza rejestru zaświadczeń ({self.key_path}). Bez niego nie da się wydać ani sprawdzić "
                "zaświadczeń; przywróć plik z kopii zapasowej katalogu kursu."
            ) from None
        except ValueError:
            raise SzkolaError(f"{self.key_path}: plik klucza jest uszkodzony; przywróć go z kopii zapasowej.") from None
        return key

    def _sign(self, entry: Entry, key: bytes) -> str:
        return hmac.new(key, entry.payload(), hashlib.sha256).hexdigest()

    def entries(self) -> list[Entry]:
        """Return the register's rows as written (signatures unchecked)."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [Entry(**{c: (row.get(c) or "") for c in COLUMNS}) for row in rows]

    def verify(self, number: str) -> tuple[Verdict, Entry | None]:
        """Say whether a number is in the register with a valid signature, and whose it is."""
        wanted = normalise_number(number)
        found = [e for e in self.entries() if e.numer == wanted]
        if not found:
            return Verdict.UNKNOWN, None
        key = self._key(create=False)
        for entry in found:
            if hmac.compare_digest(entry.podpis, self._sign(entry, key)):
                return Verdict.GENUINE, entry
        return Verdict.ALTERED, found[0]

    def altered(self) -> list[Entry]:
        """Return every row whose signature does not match its content."""
        key = self._key(create=False) if self.path.exists() else b""
        return [e for e in self.entries() if not hmac.compare_digest(e.podpis, self._sign(e, key))]

    def issue(self, trainee: str, full_name: str, course: str, scope: str, hours: str, *, today: dt.date) -> Entry:
        """Return the genuine entry for this trainee, name, course and scope; add a new signed one if there is none.

        Asking again (a second download, the trainer's batch after the trainee's own) gives the same number.
        """
        with self._locked():
            key = self._key(create=True)
            existing = self.entries()
            for entry in existing:
                same = (entry.uczestnik, entry.imie_nazwisko, entry.kurs, entry.zakres, entry.godziny)
                if same == (trainee, full_name, course, scope, hours) and hmac.compare_digest(
                    entry.podpis, self._sign(entry, key)
                ):
                    return entry
            taken = {e.numer for e in existing}
            number = _new_number(today.year)
            while number in taken:
                number = _new_number(today.year)
            draft = Entry(number, trainee, full_name, course, scope, hours, today.isoformat())
            entry = Entry(**{**asdict(draft), "podpis": self._sign(draft, key)})
            self._append(entry, header=not existing and not self.path.exists())
            return entry

    def _append(self, entry: Entry, *, header: bool) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if header:
            writer.writeheader()
        writer.writerow(asdict(entry))
        text = out.getvalue()
        with self.path.open("a", encoding="utf-8-sig" if header else "utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock while reading and appending, so two kernels never take one number twice."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / f".{REGISTER_FILE}.lock").open("a") as lock:
            try:
                import fcntl  # noqa: PLC0415 (POSIX only; elsewhere one trainer issues at a time)
            except ImportError:
                yield
                return
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _new_number(year: int) -> str:
    body = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"{NUMBER_PREFIX}-{year}-{body[:4]}-{body[4:]}"
