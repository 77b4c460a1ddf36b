"""Two tabs of one person reaching their server at once get the server, not a bare English 403.

A server the hub starts signs its visitor in through the hub (OAuth): it sets a state cookie,
sends the browser to the hub, and checks the state when the browser comes back. When two tabs
of one browser start this at the same moment (the tab that pressed "start" and a second tab
watching the start page both follow to the server), both requests go out before either cookie
is set, the second state overwrites the first, and JupyterHub refuses the first tab's return
with "403: Forbidden". JupyterHub names a state cookie uniquely only when the request already
carries another one, which is exactly what a race does not; here every sign-in gets a cookie of
its own name, so no tab's state is overwritten. Should a state still not match (a cookie expired,
cleared, or lost another way), that tab's sign-in starts once more (the hub signs a signed-in
person in again without asking), marking the page it returns to; a refusal of a sign-in that was
already a retry gets a Polish page with a link to try again, so nothing loops. The hub's check
itself is unchanged: a mismatched state never completes a sign-in.
"""

from __future__ import annotations

import html
import os
import secrets
from types import MethodType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler
from jupyterhub.utils import get_browser_protocol
from tornado.httputil import url_concat
from tornado.web import HTTPError, RequestHandler

RETRY_MARK = "sk-ponow"
"""Query argument on the page a retried sign-in returns to: that tab has had its retry."""
REFUSED = (
    "Logowanie do Twojego serwera nie powiodło się (zwykle gdy kilka kart otwiera go w tej samej chwili). "
    "Zamknij pozostałe karty ze Szkołą Kooperacji i spróbuj ponownie."
)

STATE_COOKIE_SECONDS = 600
"""How long an unfinished sign-in's state cookie lives, as JupyterHub's own (a finished one is cleared)."""

STYLE = "<style>body{font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.5}</style>"


def set_own_state_cookie(hub_auth: HubOAuth, handler: RequestHandler, next_url: str | None = None) -> str:
    """JupyterHub's ``HubOAuth.set_state_cookie``, with a cookie name of this sign-in's own, always.

    The state records the cookie's name, so JupyterHub's callback reads the right one back; a finished
    sign-in clears all of them, and an unfinished one's cookie expires as JupyterHub's does.
    """
    cookie_name = f"{hub_auth.state_cookie_name}-{secrets.token_hex(6)}"
    state_id: str = hub_auth.generate_state(next_url, cookie_name=cookie_name)
    options: dict[str, Any] = {"path": hub_auth.cookie_path, "httponly": True, "max_age": STATE_COOKIE_SECONDS}
    public_url = os.environ.get("JUPYTERHUB_PUBLIC_URL")
    protocol = urlsplit(public_url).scheme if public_url else get_browser_protocol(handler.request)
    if protocol == "https":
        options["secure"] = True
    fixed = {*options, "expires_days", "expires"}
    options.update({key: value for key, value in hub_auth.cookie_options.items() if key.lower() not in fixed})
    handler.set_secure_cookie(cookie_name, state_id, **options)
    return state_id


def retrying(handler_class: type[HubOAuthCallbackHandler]) -> type[HubOAuthCallbackHandler]:
    """Return a subclass of the server's OAuth callback handler that retries a mismatched state once."""

    class RetryingOAuthCallbackHandler(handler_class):
        retries_sign_in = True

        @allow_unauthenticated
        async def get(self) -> None:
            try:
                await super().get()
            except HTTPError as refusal:
                # The page this tab was on: known only for states this server made (an unknown one: its start page).
                wanted = self.hub_auth.get_next_url(self.get_argument("state", ""))
                if refusal.status_code != 403 or RETRY_MARK in parse_qs(urlsplit(wanted).query):
                    raise
                self.redirect(url_concat(wanted, {RETRY_MARK: "1"}))

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            again = html.escape(self.hub_auth.base_url, quote=True)
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(
                '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Logowanie — Szkoła Kooperacji'
                f"</title>{STYLE}</head><body><h1>Nie udało się zalogować</h1><p>{html.escape(REFUSED)}</p>"
                f'<p><a href="{again}">Spróbuj ponownie</a></p></body></html>'
            )

    return RetryingOAuthCallbackHandler


def _swap(rules: list[Any]) -> int:
    """Replace every OAuth callback route's handler in these (nested) tornado rules; return how many."""
    swapped = 0
    for rule in rules:
        target = rule.target
        if getattr(target, "retries_sign_in", False):
            continue  # a router reached twice: swapped already
        if isinstance(target, type) and issubclass(target, HubOAuthCallbackHandler):
            rule.target = retrying(target)
            swapped += 1
        elif hasattr(target, "rules"):
            swapped += _swap(target.rules)
    return swapped


EXTENSION = {__name__: True}
"""This module as a server extension, for the ``jpserver_extensions`` of every server the hub starts."""


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Give each sign-in its own state cookie, and swap the hub's OAuth callback handler for the retrying one."""
    hub_auth = getattr(serverapp.identity_provider, "hub_auth", None)
    if isinstance(hub_auth, HubOAuth):
        hub_auth.set_state_cookie = MethodType(set_own_state_cookie, hub_auth)
    if not _swap(serverapp.web_app.default_router.rules):
        serverapp.log.warning("No JupyterHub OAuth callback route found; concurrent sign-ins are not retried")
