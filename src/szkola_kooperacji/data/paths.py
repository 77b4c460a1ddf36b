"""Where the bundled data lives: in a source checkout, or inside the installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_ROOT = _PACKAGE.parent.parent
_SHIPPED = _PACKAGE / "_bundled"


def project_root() -> Path:
    """Return the folder holding ``case_studies/`` (the checkout, or the shipped copy)."""
    if (_CHECKOUT_ROOT / "case_studies").is_dir() and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return _CHECKOUT_ROOT
    return _SHIPPED


def bundled_data_dirs() -> list[Path]:
    """Return the folders of bundled cases and the Lista aktywności i usług."""
    return [project_root() / "case_studies"]
