"""A dashboard kernel's logger drops debug lines at the call; warnings still show."""

from __future__ import annotations

import logging

from jupyter_client.manager import start_new_kernel

from szkola_kooperacji.dashboard import quiet_log

PROBE = """
import logging
from ipykernel.kernelapp import IPKernelApp
log = IPKernelApp.instance().log
before = log.level
from szkola_kooperacji.dashboard import quiet_log
quiet_log.quiet_kernel()
print(before, log.level, log.isEnabledFor(logging.DEBUG), log.isEnabledFor(logging.WARNING))
"""


def _printed(code: str) -> str:
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute(code)
        while True:
            message = client.get_iopub_msg(timeout=60)
            if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
                return str(message["content"]["text"]).strip()
            if message["msg_type"] == "error":
                raise AssertionError(message["content"]["traceback"])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_kernels_logger_is_raised_to_what_its_handler_shows() -> None:
    before, after, debug, warning = _printed(PROBE).split()
    assert int(before) == logging.DEBUG  # ipykernel's default: every debug line builds a record
    assert int(after) == logging.WARNING
    assert (debug, warning) == ("False", "True")


def test_outside_a_kernel_nothing_changes() -> None:
    quiet_log.quiet_kernel()  # no kernel in the test process: no error, no change
    quiet_log.install()
    assert logging.getLogger(quiet_log.COMM_LOGGER).level == logging.ERROR
