"""Front-end assets from the top-level ``widgets/`` folder, found in a checkout or in the wheel."""

from __future__ import annotations

from functools import cache

from ..data.paths import project_root


@cache
def stylesheet(name: str = "dashboard.css") -> str:
    """Return the dashboard's CSS, or another stylesheet of ``widgets/`` by file name."""
    return (project_root() / "widgets" / name).read_text(encoding="utf-8")
