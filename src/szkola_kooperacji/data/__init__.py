"""Data files on disk: YAML cases and the Lista, read into the domain models."""

from .catalog import Catalog, load_catalog, load_valid_catalog
from .problems import Problem

__all__ = ["Catalog", "Problem", "load_catalog", "load_valid_catalog"]
