"""The dashboard inside a JupyterHub: the trainee is the hub's signed-in user, with no second sign-in.

JupyterHub starts each user's server with ``JUPYTERHUB_USER`` set to the account that signed in
at the hub (its password, sign-up approval and limits are the hub's business), and the kernel of
the dashboard inherits that environment. The trainee's page therefore opens on their case list;
"Wyloguj" leaves the hub, not just the page (a sign-in form here could only offer a second identity).
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as w

from ..data.catalog import Catalog
from ..grading import HUB_USER_ENV
from ..storage import DraftStore
from .landing import Dashboard
from .render import e

HUB_PREFIX_ENV = "JUPYTERHUB_BASE_URL"


def hub_user() -> str | None:
    """Return the hub account this server belongs to, or None outside a hub."""
    return os.environ.get(HUB_USER_ENV) or None


class HubDashboard(Dashboard):
    """The dashboard of one hub user: signed in from the start, signing out through the hub."""

    def __init__(self, catalog: Catalog, store: DraftStore, course_dir: Path | None, user: str) -> None:
        super().__init__(catalog, store, course_dir)
        self.trainee = user
        self.show_cases()

    def _sign_out_button(self) -> w.Widget:
        prefix = os.environ.get(HUB_PREFIX_ENV, "/")
        return w.HTML(
            f"<a class='sk-sign-out jupyter-button' href='{e(prefix.rstrip('/'))}/hub/logout' target='_top' "
            "title='Wyloguj się z platformy (np. na wspólnym komputerze)'>Wyloguj</a>"
        )
