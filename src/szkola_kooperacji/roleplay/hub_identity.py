"""A hub account joins a meeting with no pass: the session server asks the hub who the token belongs to.

On a JupyterHub each user's server (and so the dashboard's kernel) holds the hub
API token of that one account (``JUPYTERHUB_API_TOKEN``). The kernel sends it in
the websocket's ``Authorization`` header; the session server, run as a hub
service (it gets ``JUPYTERHUB_API_URL``), asks the hub's ``/user`` whose token it
is and seats the account in the role the trainer assigned to that name
(``seats``). Nobody holds a signing secret in a user's server, and the role is
the trainer's assignment, not anything the client claims.
"""

from __future__ import annotations

import json
import os

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from ..errors import SessionError
from .passes import Pass
from .seats import Seats

API_URL_ENV = "JUPYTERHUB_API_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
NOT_ASSIGNED = (
    "Trener nie przydzielił (jeszcze) Twojemu kontu roli na tym spotkaniu. Poproś trenera o przydział roli, "
    "a potem odśwież stronę."
)
NOT_CONFIRMED = "Platforma nie potwierdziła Twojego konta; zaloguj się ponownie."
REFUSAL_REASONS = {NOT_ASSIGNED: "Role Not Assigned", NOT_CONFIRMED: "Account Not Confirmed"}
"""The server's 403 names why it refused a hub account (an HTTP reason phrase is ASCII); the client says it in Polish.

Without it a hub account the trainer never seated read the join link's error, though it used no link.
"""


def refusal_text(reason: str) -> str | None:
    """Return the Polish message of a hub account's refusal from the reason phrase of the server's 403."""
    return next((text for text, phrase in REFUSAL_REASONS.items() if phrase == reason), None)


def hub_api_url() -> str | None:
    """Return the hub's API address when this process runs under a hub (a service or a user's server)."""
    return os.environ.get(API_URL_ENV) or None


def user_token() -> str | None:
    """Return this user's hub API token (in a user's server on a hub), or None elsewhere."""
    return os.environ.get(TOKEN_ENV) or None


async def account_name(api_url: str, authorization: str) -> str:
    """Return the hub account the ``token …`` header belongs to; raise ``SessionError`` if the hub denies it."""
    try:
        answer = await AsyncHTTPClient().fetch(
            f"{api_url.rstrip('/')}/user", headers={"Authorization": authorization}, request_timeout=10
        )
        name = json.loads(answer.body).get("name")
    except (HTTPClientError, OSError, ValueError, AttributeError):
        raise SessionError(NOT_CONFIRMED) from None
    if not isinstance(name, str) or not name:
        raise SessionError(NOT_CONFIRMED)
    return name


async def hub_holder(seats: Seats, api_url: str, authorization: str, session_id: str) -> Pass:
    """Return the pass the trainer's assignment gives this hub account in the session."""
    name = await account_name(api_url, authorization)
    seat = next((s for s in seats.of_trainee(name) if s.session_id == session_id), None)
    if seat is None:
        raise SessionError(NOT_ASSIGNED)
    return Pass(session_id, seat.role, name, seat=True)
