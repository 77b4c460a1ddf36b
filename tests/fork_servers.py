"""A fork server started for a test, as its server starts it: waited for until it listens."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRELOAD_SECONDS = 120
"""Preloading imports the dashboard and the training data: seconds on a busy machine."""


@contextmanager
def listening(command: list[str], socket_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run a fork server's ``command``; yield it once ``socket_path`` exists; kill it afterwards."""
    process = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + PRELOAD_SECONDS
        while not socket_path.exists():
            assert process.poll() is None, "the fork server died while preloading"
            assert time.monotonic() < deadline, "the fork server never listened"
            time.sleep(0.1)
        yield process
    finally:
        process.kill()
        process.wait()
