"""The trainee dashboard: ipywidgets over the domain core, displayed by Voilà.

Widgets only edit domain objects and show what the core finds; the notebook in
``notebooks/`` only calls ``dashboard()``.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as w

from ..data.cache import cached_valid_catalog
from ..errors import DataError
from ..grading import COURSE_ENV
from ..storage import DraftStore
from . import quiet_flush, quiet_log, widget_states
from .hub_identity import HubDashboard, hub_user
from .landing import Dashboard
from .render import e
from .shared_looks import share_default_looks

share_default_looks()  # every page of the package: one default layout and style per widget kind
widget_states.install()  # a page's widget states answered from a copy made before its trainee came
quiet_flush.install()  # no wait on the output thread after each message when nothing was printed
quiet_log.install()  # no false "No such comm" alarm sent to the page as output


def dashboard() -> w.Widget:
    """Build the dashboard on the bundled data and the default store; never raise at a trainee."""
    try:
        catalog = cached_valid_catalog()
    except DataError as error:
        return w.HTML(
            "<h3>Platforma nie może wystartować</h3><p>Dane szkoleniowe zawierają błędy. "
            f"Prowadzący: uruchom <code>szkola validate</code>.</p><pre>{e(error)}</pre>"
        )
    course = Path(path) if (path := os.environ.get(COURSE_ENV)) else None
    page: w.Widget
    if user := hub_user():  # inside a JupyterHub: the hub already knows who this is
        page = HubDashboard(catalog, DraftStore(), course, user)
    else:
        page = Dashboard(catalog, DraftStore(), course)
    widget_states.prepare()
    quiet_log.quiet_kernel()  # the kernel exists now (in a fork server it did not at import)
    return page


__all__ = ["Dashboard", "dashboard"]
