"""Signed passes to a session: who may connect, as which role, under which name.

A pass is ``<payload>.<signature>``: the payload (session id, role, name) in
base64url JSON, the signature an HMAC-SHA256 of it with the server's secret. The
trainer's page issues one per role (the join link) and one for itself
(``TRAINER``); the session server refuses a connection whose pass is missing,
forged or for another session. The page reads its identity from the pass, not
from a plain ``rola=…&imie=…`` anyone could type.

The secret is ``$SZKOLA_GPZK_SECRET`` or a file beside the dashboard's drafts
(``roleplay.secret``, created on the first ``szkola roleplay serve``); the
server, the trainer's kernel and the CLI run on one machine and read the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..errors import SessionError
from ..storage.drafts import default_store_path
from .store import check_session_id

SECRET_ENV = "SZKOLA_GPZK_SECRET"
SECRET_FILE_NAME = "roleplay.secret"
TRAINER = "trener"
"""The role name of the facilitator's pass: sees everyone, holds no institution."""

MAX_PASS_CHARS = 1024
BAD_PASS = "Link wejścia na spotkanie jest niepoprawny albo niepełny; poproś trenera o nowy."
RELEASED_CODE = 4410
"""The websocket close code of a connection whose role the trainer freed (its pass no longer admits it)."""
ROLE_RELEASED = (
    "Trener zwolnił Twoją rolę na tym spotkaniu: Twoje zmiany nie docierają już do zespołu. "
    "Wróć do pulpitu przyciskiem u góry strony; jeśli to pomyłka, poproś trenera o ponowne przydzielenie roli."
)


@dataclass(frozen=True)
class Pass:
    """What a pass says: the session, the role (an institution id or ``TRAINER``) and the person's name."""

    session_id: str
    role: str
    name: str
    seat: bool = False
    """Signed for a trainer's assignment (``seats``): valid only while the trainee still holds the role there.

    A join link the trainer handed out (``seat`` False) is not in the assignments, so it has nothing to lose.
    """

    @property
    def is_trainer(self) -> bool:
        """Whether this is the facilitator's pass."""
        return self.role == TRAINER


def secret_path() -> Path:
    """Return where the secret is kept when no environment variable gives it."""
    return default_store_path().with_name(SECRET_FILE_NAME)


def load_secret(*, create: bool = False) -> bytes:
    """Return the server secret; create the file (readable by its owner only) when asked and missing."""
    if configured := os.environ.get(SECRET_ENV):
        return configured.encode()
    path = secret_path()
    if not path.exists():
        if not create:
            raise SessionError(
                f"Brak sekretu sesji G-PZK ({path}); uruchom najpierw „szkola roleplay serve” na tym komputerze."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip().encode()


def _sign(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue(secret: bytes, session_id: str, role: str, name: str = "", *, seat: bool = False) -> str:
    """Return a signed pass for one person in one role of one session (``seat``: by the trainer's assignment)."""
    fields: list[object] = [check_session_id(session_id), role, " ".join(name.split())[:80]]
    data = json.dumps([*fields, True] if seat else fields, ensure_ascii=False)
    payload = base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{payload}.{_sign(secret, payload)}"


def read(token: str) -> Pass:
    """Return what a pass says, without checking its signature (the server checks it on connecting)."""
    payload, _, signature = token.partition(".")
    if not signature or len(token) > MAX_PASS_CHARS:
        raise SessionError(BAD_PASS)
    try:
        session_id, role, name, *rest = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return Pass(check_session_id(str(session_id)), str(role), str(name), seat=rest == [True])
    except (ValueError, TypeError, SessionError):
        raise SessionError(BAD_PASS) from None


def verify(secret: bytes, token: str, session_id: str) -> Pass:
    """Return the pass when the secret signed it for this session; raise ``SessionError`` otherwise."""
    payload, _, signature = token.partition(".")
    if not hmac.compare_digest(signature.encode(), _sign(secret, payload).encode()):
        raise SessionError(BAD_PASS)
    found = read(token)
    if found.session_id != session_id:
        raise SessionError(BAD_PASS)
    return found
