"""Running a coroutine from a test, whatever event loop the session already runs."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")


def run(coroutine: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coroutine`` to the end in a thread of its own.

    The browser tests' session-wide Playwright keeps an event loop running in the main
    thread, where ``asyncio.run`` refuses to start another.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
