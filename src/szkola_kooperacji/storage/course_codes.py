"""Trainer-issued sign-in codes of a course folder, kept only as hashes.

``szkola course init --roster`` and ``szkola course codes`` issue one random code per trainee
on the roster; the plain codes leave the program only once, in the CSV and the printed cards.
The course folder keeps a small JSON file with a salt and a hash per trainee id — not in
nbgrader's gradebook, whose schema belongs to nbgrader. A trainee signs in with the id and
the issued code every time (the code works like a password); a lost code is replaced with
``szkola course codes --reset ID``, which makes the old one stop working.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import SzkolaError
from ..grading.course_folder import CODES_FILE
from .passcodes import code_matches, hash_code, new_issued_code, new_salt, normalise_issued

_DUMMY_SALT = bytes(16)


class CourseCodes:
    """The issued codes of one course folder."""

    def __init__(self, course_dir: Path) -> None:
        self.path = course_dir / CODES_FILE

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            trainees = loaded["trainees"]
            if not isinstance(trainees, dict):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError):
            raise SzkolaError(
                f"{self.path}: plik kodów logowania jest uszkodzony; wydaj kody od nowa (szkola course codes --all)."
            ) from None
        return {str(k): dict(v) for k, v in trainees.items()}

    def issued_ids(self) -> set[str]:
        """Return the ids of trainees who have a code."""
        return set(self._read())

    def issue(self, trainee_ids: Iterable[str]) -> dict[str, str]:
        """Give each of these trainees a new code (an older one stops working); return the plain codes.

        The returned codes are the only copy: the file keeps their hashes.
        """
        codes = {trainee_id: new_issued_code() for trainee_id in trainee_ids}
        table = self._read()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for trainee_id, code in codes.items():
            salt = new_salt()
            table[trainee_id] = {
                "salt": salt.hex(),
                "hash": hash_code(normalise_issued(code), salt).hex(),
                "issued_at": now,
            }
        self._write(table)
        return codes

    def verify(self, trainee_id: str, code: str) -> bool:
        """Return True when the code is the one issued to this trainee; unknown ids never match."""
        entry = self._read().get(trainee_id)
        typed = normalise_issued(code)
        if entry is None:
            code_matches(typed, _DUMMY_SALT, b"")  # same work as a real check: the answer time tells nothing
            return False
        return code_matches(typed, bytes.fromhex(entry["salt"]), bytes.fromhex(entry["hash"]))

    def _write(self, table: dict[str, dict[str, str]]) -> None:
        """Replace the file at once (a running server reads either the old or the new one), owner-only."""
        body = json.dumps({"version": 1, "kdf": "pbkdf2-sha256", "trainees": table}, indent=1, sort_keys=True)
        temporary = self.path.with_name(f".{CODES_FILE}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(body)
        os.replace(temporary, self.path)
