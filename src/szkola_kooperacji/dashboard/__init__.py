"""The trainee dashboard: ipywidgets over the domain core, displayed by Voilà.

Widgets only edit domain objects and show what the core finds; the notebook in
``notebooks/`` only calls ``dashboard()``.
"""

from __future__ import annotations

import ipywidgets as w

from ..data.catalog import load_valid_catalog
from ..errors import DataError
from ..storage import DraftStore
from .landing import Dashboard
from .render import e


def dashboard() -> w.Widget:
    """Build the dashboard on the bundled data and the default store; never raise at a trainee."""
    try:
        catalog = load_valid_catalog()
    except DataError as error:
        return w.HTML(
            "<h3>Platforma nie może wystartować</h3><p>Dane szkoleniowe zawierają błędy. "
            f"Prowadzący: uruchom <code>szkola validate</code>.</p><pre>{e(error)}</pre>"
        )
    return Dashboard(catalog, DraftStore())


__all__ = ["Dashboard", "dashboard"]
