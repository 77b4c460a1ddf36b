"""Work a kernel does after answering its trainee, at the lowest CPU priority.

Re-hashing a new trainee's code with full strength takes 20–40 ms of CPU. Forty kernels
doing it while forty pages load would delay every page; done on one worker thread at
``nice 19`` (Linux sets the priority of a single thread), it waits until the cores are
free. The hash releases the GIL, so the kernel keeps answering meanwhile. The thread
is made on first use, never in the fork server (a fork keeps no threads).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

LOWEST_PRIORITY = 19

_workers: dict[int, ThreadPoolExecutor] = {}
"""The worker of this process, by pid: a forked child makes its own (the parent's thread is not in it)."""
_lock = threading.Lock()


def _lower_priority() -> None:
    if sys.platform == "linux":  # elsewhere this would lower the whole process
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)


def run_later(job: Callable[[], None]) -> Future[None]:
    """Run ``job`` on the process's low-priority worker thread; return its future."""
    with _lock:
        worker = _workers.get(os.getpid())
        if worker is None:
            worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="szkola-tlo", initializer=_lower_priority)
            _workers.clear()
            _workers[os.getpid()] = worker
        return worker.submit(job)
