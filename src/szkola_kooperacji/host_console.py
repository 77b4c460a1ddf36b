"""The host's console: one short Polish line per event a workshop host cares about.

``szkola serve`` sends Voilà's own output (and its kernels') to a technical log file and
hands the server process a copy of the terminal as a file descriptor named in
``CONSOLE_FD_ENV``; kernels do not inherit it, so nothing but these lines reaches the
host. Every line also goes to the technical log, so the file tells the whole story.
"""

from __future__ import annotations

import logging
import os
import sys
import time

CONSOLE_FD_ENV = "SZKOLA_CONSOLE_FD"
PUBLIC_URL_ENV = "SZKOLA_PUBLIC_URL"
"""The address trainees open, as ``szkola serve`` worked it out (a LAN address for ``--host 0.0.0.0``)."""

_LOG = logging.getLogger("szkola_kooperacji.console")


def say(message: str) -> None:
    """Show one line with the time on the host's console and write it to the technical log."""
    _LOG.info("%s", message)
    line = f"[{time.strftime('%H:%M:%S')}] {message}\n".encode()
    fd = os.environ.get(CONSOLE_FD_ENV)
    try:
        if fd is not None:
            os.write(int(fd), line)
        else:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
    except (OSError, ValueError):  # a closed terminal must not stop the server
        _LOG.warning("Could not write to the host's console: %s", message)


def public_url() -> str:
    """Return the address trainees open (set by ``szkola serve``), or an empty string."""
    return os.environ.get(PUBLIC_URL_ENV, "")
