"""On the hub, each trainee's dashboard kernel is a fork of the hub's one fork server, with its own identity.

Two trainees' kernels are children of the fork server (the hub's service), and each dashboard names
its own account, not the other's. With the fork server not answering (stopped) or killed a trainee
still gets a working dashboard (a kernel started anew by their server), the kernels already forked
go on, and the hub starts a killed fork server again.
"""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import time
from pathlib import Path

import psutil
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.hub.fork_server import SOCKET_NAME
from tests.browser.conftest import open_case, shot

from .conftest import Hub, approved

FIRST, SECOND = "pnowicka", "rzajac"
"""Accounts of no other hub test."""
RESTART_S = 120
"""The hub looks at its services every 30 s and starts a gone one again; preloading takes a few seconds more."""


def _fork_server(hub: Hub) -> psutil.Process | None:
    """Return the hub's fork server (listening at its socket in the hub's folder), if it runs."""
    socket_path = str(hub.state / SOCKET_NAME)
    for process in psutil.Process(hub.run.process.pid).children(recursive=True):
        try:
            command = process.cmdline()
        except psutil.NoSuchProcess:
            continue
        if "szkola_kooperacji.kernel_forks" in command and socket_path in command:
            return process
    return None


def _kernel(page: Page) -> psutil.Process:
    """Return the kernel process behind the dashboard open in ``page`` (its connection file names its id)."""
    config = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")
    connection_file = f"kernel-{config['kernelId']}.json"
    for process in psutil.process_iter(["cmdline"]):
        if any(part.endswith(connection_file) for part in process.info["cmdline"] or []):
            return process
    raise AssertionError(f"no kernel process has {connection_file}")


def _dashboard(page: Page, user: str, other: str) -> None:
    """The dashboard is up and names this account, never the other one."""
    expect(page.locator(".sk-case-list")).to_be_visible(timeout=180_000)
    expect(page.locator(".sk-root")).to_contain_text(user)
    expect(page.locator(".sk-root")).not_to_contain_text(other)


def _listens(hub: Hub) -> bool:
    """Return True once a fork server answers at the hub's socket (a killed one's socket file stays behind)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
        probe.connect(str(hub.state / SOCKET_NAME))
        return True
    return False


def _server_of(hub: Hub, user: str) -> psutil.Process:
    """Return the single-user server the hub started for ``user`` (it runs in the user's folder)."""
    folder = hub.state / "users" / user
    for process in psutil.process_iter(["cmdline"]):
        if "szkola_kooperacji.hub.singleuser" in " ".join(process.info["cmdline"] or []):
            try:
                if Path(process.cwd()) == folder:
                    return process
            except psutil.Error:
                continue
    raise AssertionError(f"no server of {user}")


def test_trainees_kernels_are_forks_with_their_own_identity_and_work_without_the_fork_server(
    hub: Hub, admin: Page, browser: Browser
):
    forks = _fork_server(hub)
    assert forks is not None, "the hub runs a fork server"
    assert "szkola_kooperacji.hub.app" in " ".join(forks.parent().cmdline()), "the hub itself started it"

    first = approved(admin, browser, hub, FIRST)
    second = approved(admin, browser, hub, SECOND)
    _dashboard(first, FIRST, SECOND)
    _dashboard(second, SECOND, FIRST)
    shot(second, "hub_30_pulpit_z_jadrem_z_forka")
    kernels = {user: _kernel(page) for user, page in ((FIRST, first), (SECOND, second))}
    for user, kernel in kernels.items():
        assert kernel.ppid() == forks.pid, f"{user}'s kernel is a fork of the fork server, not a new process"
        assert kernel.ppid() != _server_of(hub, user).pid

    # A fork server that no longer answers (stopped): the kernel starts as a new process of the trainee's server.
    forks.send_signal(signal.SIGSTOP)
    first.reload()
    _dashboard(first, FIRST, SECOND)
    replacement = _kernel(first)
    assert replacement.ppid() == _server_of(hub, FIRST).pid, "without the fork server the server starts its kernel"

    # Killed: the hub starts it again at once; until it listens, kernels start anew. Either way the page works.
    forks.send_signal(signal.SIGKILL)
    forks.wait(timeout=30)
    first.reload()
    _dashboard(first, FIRST, SECOND)
    restarted = _fork_server(hub)
    assert _kernel(first).ppid() in {_server_of(hub, FIRST).pid, restarted.pid if restarted else 0}
    assert kernels[SECOND].is_running(), "a forked kernel outlives the fork server: an open dashboard goes on"
    open_case(second)  # and it still answers the page

    deadline = time.monotonic() + RESTART_S
    while (again := _fork_server(hub)) is None or not _listens(hub):
        assert time.monotonic() < deadline, "the hub started the fork server again"
        time.sleep(1)
    first.reload()
    _dashboard(first, FIRST, SECOND)
    assert _kernel(first).ppid() == again.pid, "the hub's new fork server forks the kernels again"
    for page in (first, second):
        page.context.close()
