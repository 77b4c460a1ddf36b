"""Work a kernel does after answering its trainee: later, and at the lowest CPU priority.

Re-hashing a new trainee's code with full strength takes 20–40 ms of CPU. Forty kernels
doing it while forty pages load would delay every page. ``nice 19`` on the worker thread
(Linux sets the priority of a single thread) is not enough: each workshop kernel leads its
own session, and with the scheduler's autogroups (on by default) a thread's nice weighs it
only against the threads of its own session, so the hashes took the cores from the other
kernels' pages as if they were urgent (measured: 40 trainees at once, ready p95 1.6–2.1 s
with the hashes, 1.1–1.2 s without). So the work also waits: ``after`` seconds, spread by a
random part, long enough for a group arriving together to be signed in. A closing store
(``hurry``) runs what waits at once. The hash releases the GIL, so the kernel keeps answering
meanwhile. The thread is made on first use, never in the fork server (a fork keeps no threads).
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

LOWEST_PRIORITY = 19

_workers: dict[int, ThreadPoolExecutor] = {}
"""The worker of this process, by pid: a forked child makes its own (the parent's thread is not in it)."""
_lock = threading.Lock()
_hurry = threading.Event()
"""Set while a closing store wants what waits done now."""


def _lower_priority() -> None:
    if sys.platform == "linux":  # elsewhere this would lower the whole process
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)


def run_later(job: Callable[[], None], after: float = 0.0, spread: float = 0.0) -> Future[None]:
    """Run ``job`` on the low-priority worker, ``after`` seconds plus up to ``spread`` from now; return its future."""
    wait = after + random.uniform(0.0, spread)

    def when_due() -> None:
        if wait > 0:
            _hurry.wait(wait)
        job()

    with _lock:
        worker = _workers.get(os.getpid())
        if worker is None:
            worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="szkola-tlo", initializer=_lower_priority)
            _workers.clear()
            _workers[os.getpid()] = worker
        return worker.submit(when_due)


@contextlib.contextmanager
def hurry() -> Iterator[None]:
    """Within this block, work that waits for its time runs at once (a store closing, a test)."""
    _hurry.set()
    try:
        yield
    finally:
        _hurry.clear()
