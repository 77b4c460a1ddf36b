"""Front-end assets from the top-level ``widgets/`` folder, found in a checkout or in the wheel."""

from __future__ import annotations

from functools import cache

from ..data.paths import project_root


@cache
def stylesheet() -> str:
    """Return the dashboard's CSS."""
    return (project_root() / "widgets" / "dashboard.css").read_text(encoding="utf-8")
