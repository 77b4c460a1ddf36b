"""On the hub, a trainee's server is a fork of the hub's zygote; without a zygote that answers it starts anew.

The forked server is the trainee's own (their dashboard names their account, not another's); the hub
stops it by pid, starts it again, and a server forked before the zygote was killed goes on.
"""

from __future__ import annotations

import signal
import time

import psutil
from playwright.sync_api import Browser, Page

from szkola_kooperacji.hub.zygote import SOCKET_NAME

from .conftest import Hub, approved, start_server, stop_server
from .test_hub_kernel_forks import _dashboard, _server_of

FORKED, STARTED_ANEW = "tkaminska", "uzielony"
"""Accounts of no other hub test."""


def _zygote(hub: Hub) -> psutil.Process:
    """Return the hub's zygote (listening at its socket in the hub's folder)."""
    socket_path = str(hub.state / SOCKET_NAME)
    for process in psutil.Process(hub.run.process.pid).children(recursive=True):
        try:
            if "szkola_kooperacji.hub.zygote" in process.cmdline() and socket_path in process.cmdline():
                return process
        except psutil.NoSuchProcess:
            continue
    raise AssertionError("the hub runs no zygote")


def _wait_gone(process: psutil.Process, seconds: float = 60) -> None:
    """Wait until a killed process is gone or a zombie: its parent (the hub) reaps it when it next looks."""
    deadline = time.monotonic() + seconds
    while process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, f"process {process.pid} still runs {seconds:.0f} s after SIGKILL"
        time.sleep(0.2)


def _restart(page: Page, hub: Hub) -> None:
    """Stop the trainee's server from the hub's home page and start it again."""
    stop_server(page, hub)
    start_server(page, hub)


def test_a_trainees_server_is_a_fork_of_the_zygote_and_starts_anew_without_it(hub: Hub, admin: Page, browser: Browser):
    zygote = _zygote(hub)
    forked = approved(admin, browser, hub, FORKED)
    _dashboard(forked, FORKED, STARTED_ANEW)
    server = _server_of(hub, FORKED)
    assert server.ppid() == zygote.pid, "the trainee's server is a fork of the zygote, not a new process"

    _restart(forked, hub)  # the hub stopped the forked server by its pid, and forks another
    _dashboard(forked, FORKED, STARTED_ANEW)
    assert not server.is_running(), "the hub stopped the forked server"
    server = _server_of(hub, FORKED)
    assert server.ppid() == zygote.pid

    zygote.send_signal(signal.SIGSTOP)  # a zygote that does not answer: the hub starts the server anew
    try:
        anew = approved(admin, browser, hub, STARTED_ANEW)
        _dashboard(anew, STARTED_ANEW, FORKED)
        assert _server_of(hub, STARTED_ANEW).ppid() == zygote.ppid(), "started anew by the hub itself"
    finally:
        zygote.send_signal(signal.SIGKILL)
    _wait_gone(zygote)
    forked.reload()  # a server forked before the zygote was killed goes on
    _dashboard(forked, FORKED, STARTED_ANEW)
    assert server.is_running()
    for page in (forked, anew):
        page.context.close()
