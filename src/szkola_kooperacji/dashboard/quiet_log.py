"""A dashboard kernel's logging: debug lines dropped at the call, no false alarm sent to the page.

ipykernel's logger is set to DEBUG and leaves the filtering to its handler (WARNING). Each
message a kernel handles logs three debug lines, and each line still builds a record (its
caller found on the stack, then dropped by the handler): nineteen records per trainee's arrival
in a workshop burst. With the logger at its handlers' level, ``log.debug`` returns at once and
nothing that was shown before is lost.

The page opens the widget control comm and asks for the states in one breath. ipykernel 7's shell
thread looks the comm up before its main thread has opened it and warns "No such comm": a false
alarm (the request is served as usual) that reached the page as output in four arrivals of five.
"""

from __future__ import annotations

import logging
import sys

COMM_LOGGER = "Comm"
"""The ``comm`` package's logger, which warns of a message to an unknown comm."""


def install() -> None:
    """Keep the ``comm`` package's false alarms out of the page (errors still go through)."""
    logging.getLogger(COMM_LOGGER).setLevel(logging.ERROR)


def quiet_kernel() -> None:
    """Raise this kernel's logger to the lowest level its handlers show (nothing when not in a kernel)."""
    if "ipykernel.kernelapp" not in sys.modules:
        return
    from ipykernel.kernelapp import IPKernelApp  # noqa: PLC0415

    if not IPKernelApp.initialized():
        return
    log = IPKernelApp.instance().log
    if not isinstance(log, logging.Logger) or not log.handlers:
        return
    shown = min(handler.level for handler in log.handlers)
    if shown > log.level:
        log.setLevel(shown)
