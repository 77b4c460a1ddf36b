"""A validated catalog kept on disk, so each of a workshop's kernels starts in milliseconds.

Loading and cross-checking the bundled data takes about 2 s of CPU; forty kernels
starting at once on two cores would spend a minute on it. The first load writes
the validated catalog next to the user's cache, keyed by the data files' paths,
sizes and modification times and by the code that the pickle holds (the source
of ``domain/`` and ``data/``, the package version and the Python version); every
later load with unchanged files and code reads it back (about 5 ms). Any change
to a file gives a new key, so an edited case is validated again, and any change
to a model gives a new key too, so a pickle of an older model never loads.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import __version__
from .catalog import Catalog, load_valid_catalog
from .loader import data_files
from .paths import default_data_dirs

CACHE_ENV = "SZKOLA_CACHE"
"""Folder for the catalog cache; default ``~/.cache/szkola-kooperacji``."""


def cache_dir() -> Path:
    """Return the folder of the catalog cache (created on first write)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "szkola-kooperacji"


PICKLED_CODE = ("domain", "data")
"""Subpackages whose classes a cached catalog holds; a change to their source invalidates the cache."""


PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def code_fingerprint(package: Path = PACKAGE_DIR) -> str:
    """Return a key of the code a pickled catalog depends on: its modules' source, package and Python versions.

    Hashing the source (not only the version) covers editable installs, where
    models change without a new version number. Computed once per process.
    """
    digest = hashlib.sha256(f"{__version__}\0{sys.version_info[:2]}\n".encode())
    for sub in PICKLED_CODE:
        for module in sorted((package / sub).rglob("*.py")):
            digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def fingerprint(files: Sequence[Path], code: str | None = None) -> str:
    """Return a key that changes whenever a data file is added, removed or modified, or the code changes."""
    digest = hashlib.sha256((code or code_fingerprint()).encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def cached_valid_catalog(paths: Sequence[Path] | None = None) -> Catalog:
    """Return the validated catalog, from the cache when the files are unchanged.

    Raises DataError like ``load_valid_catalog`` when a file is invalid; an
    unreadable or foreign cache file is ignored and rewritten.
    """
    files = data_files(paths or default_data_dirs())
    try:
        target = cache_dir() / f"catalog-{fingerprint(files)}.pickle"
    except OSError:
        return load_valid_catalog(paths)
    try:
        with target.open("rb") as stream:
            cached = pickle.load(stream)  # a file this user's own process wrote
        if isinstance(cached, Catalog):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    catalog = load_valid_catalog(paths)
    _write_atomically(target, pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
    return catalog


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as stream:
            stream.write(data)
        os.replace(stream.name, target)
    except OSError:
        pass  # a read-only home only costs speed
