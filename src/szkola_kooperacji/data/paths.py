"""Where the data lives: folders named in $SZKOLA_DATA, else the bundled cases and Lista."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_ROOT = _PACKAGE.parent.parent
_SHIPPED = _PACKAGE / "_bundled"

DATA_ENV = "SZKOLA_DATA"
"""Folders (separated like PATH) with a trainer's own cases and Lista, used instead of the bundled ones."""


def project_root() -> Path:
    """Return the folder holding ``case_studies/`` (the checkout, or the shipped copy)."""
    if (_CHECKOUT_ROOT / "case_studies").is_dir() and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return _CHECKOUT_ROOT
    return _SHIPPED


def bundled_data_dirs() -> list[Path]:
    """Return the data folders: those in ``$SZKOLA_DATA``, else the bundled ``case_studies``."""
    configured = [Path(p) for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p]
    return configured or [project_root() / "case_studies"]


def default_data_dirs() -> list[Path]:
    """Return what ``szkola validate`` checks by default.

    That is the data folders and, unless ``$SZKOLA_DATA`` replaces the bundled data, the
    bundled course manifests.
    """
    courses = project_root() / "courses"
    if os.environ.get(DATA_ENV) or not courses.is_dir():
        return bundled_data_dirs()
    return [*bundled_data_dirs(), courses]
