"""Sign-in codes: the one place that generates, normalises and hashes them.

A trainee's own code (workshop without a course) and a trainer-issued code (course with a
roster) are both stored only as a salted PBKDF2 hash made here. Issued codes use an alphabet
without look-alike characters (no 0/O, 1/I), so a code copied from a printed card is typed
right the first time; case, spaces and dashes do not matter when it is typed.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

PBKDF2_ITERATIONS = 60_000
QUICK_ITERATIONS = 1_000
"""A new own code is first stored with this few rounds (under a millisecond), so forty trainees signing in
at once do not wait for forty full hashes; it is re-hashed with ``PBKDF2_ITERATIONS`` moments later, at the
lowest priority (``drafts.DraftStore``), and a row still left weak is re-hashed at its next sign-in."""
SALT_BYTES = 16
MIN_CODE, MAX_CODE = 8, 64
"""Length limits of a code a trainee chooses (workshop without a course)."""

ISSUED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""32 symbols (5 bits each): capitals without I and O, digits without 0 and 1."""
ISSUED_LENGTH = 10
ISSUED_GROUP = 5
"""An issued code is printed in groups of five (``ABCDE-FGHJK``) to be read aloud and typed in halves."""


def issued_code_bits() -> float:
    """Return the entropy of an issued code in bits (at least 40 is required)."""
    return ISSUED_LENGTH * math.log2(len(ISSUED_ALPHABET))


def new_issued_code() -> str:
    """Return a fresh random code for a trainee, grouped for printing (``ABCDE-FGHJK``)."""
    raw = "".join(secrets.choice(ISSUED_ALPHABET) for _ in range(ISSUED_LENGTH))
    return "-".join(raw[i : i + ISSUED_GROUP] for i in range(0, ISSUED_LENGTH, ISSUED_GROUP))


def normalise_issued(code: str) -> str:
    """Return an issued code as stored: capitals, without the spaces and dashes a trainee may type."""
    return "".join(ch for ch in code.upper() if ch not in " -\t")


def new_salt() -> bytes:
    """Return a fresh random salt for one code."""
    return secrets.token_bytes(SALT_BYTES)


def hash_code(code: str, salt: bytes, iterations: int = PBKDF2_ITERATIONS) -> bytes:
    """Return the salted PBKDF2-SHA256 hash of a code; the code itself is never stored."""
    return hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, iterations)


def code_matches(code: str, salt: bytes, expected: bytes, iterations: int = PBKDF2_ITERATIONS) -> bool:
    """Compare a typed code with a stored hash (made with ``iterations`` rounds) in constant time."""
    return hmac.compare_digest(hash_code(code, salt, iterations), expected)
