"""A real ``szkola serve --workshop``: no trainee gets a dead kernel, and the host's console stays a status board."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from tornado.httpclient import AsyncHTTPClient

from benchmarks.voila_client import Session
from szkola_kooperacji.serving import LOG_NAME
from tests.aio import run
from tests.browser.conftest import CASE_ID, Server

pytestmark = pytest.mark.slow
READY = "] Serwer gotowy"  # the server's own timestamped line, not the hint that names it
ALARMING = re.compile(r"Traceback|Error|WARNING|Warning|not trusted|without encryption|Exception", re.IGNORECASE)


def _kernel_pids(server_pid: int) -> list[int]:
    """Return the process ids of the kernels under a server process (ipykernel launchers)."""
    kernels = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                kernels.append(child.pid)
        except psutil.NoSuchProcess:
            continue
    return kernels


def _wait_for(path: Path, text: str, seconds: float = 240) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        content = path.read_text(errors="replace") if path.exists() else ""
        if text in content:
            return content
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not in {path}:\n{content}")


@pytest.fixture
def workshop(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    trainees = getattr(request, "param", "2")
    server = Server(store=tmp_path / "s.sqlite", log=tmp_path / "console.txt", extra=("--workshop", trainees))
    server.start()
    _wait_for(server.log, READY)
    yield server
    server.stop()


async def _culler_sees_idle(kernel_url: str, cookie: str, seconds: float = 10) -> bool:
    """Return True once the server's model of the kernel is idle (its own iopub stream may lag the page's)."""
    deadline = time.monotonic() + seconds
    while True:
        model = await AsyncHTTPClient().fetch(kernel_url, headers={"Cookie": cookie})
        if json.loads(model.body)["execution_state"] == "idle" or time.monotonic() > deadline:
            return bool(json.loads(model.body)["execution_state"] == "idle")
        await asyncio.sleep(0.2)


async def _trainee(url: str, number: int) -> tuple[int, int]:
    """Open the dashboard, sign in and see the case list; return (widgets, waiting pages seen)."""
    session = Session(url)
    try:
        await session.open_page()
        await session.connect()
        if not any("sk-trainee-name" in state.get("_dom_classes", ()) for state in session.widgets.values()):
            seen = [state.get("value") for state in session.widgets.values() if isinstance(state.get("value"), str)]
            raise AssertionError(f"trainee {number}: no sign-in form in {session!r}; texts: {seen}")
        await session.set_value("sk-trainee-name", f"Uczestnik {number}", wait=False)
        await session.set_value("sk-trainee-code", f"kod-uczestnika-{number}", wait=False)
        await session.click("sk-sign-in")
        session.find(f"sk-open-{CASE_ID}")
        assert session.shows("Witaj po raz pierwszy")  # the sign-in worked: the kernel behind the page is alive
        assert await _culler_sees_idle(f"{url}api/kernels/{session.kernel_id}", session.cookie)
        return len(session.widgets), session.waited
    finally:
        await session.close()


def test_a_killed_pre_started_kernel_is_never_handed_to_a_trainee(workshop: Server):
    assert workshop.process is not None
    pool = _kernel_pids(workshop.process.pid)
    assert len(pool) == 2, pool
    os.kill(pool[0], signal.SIGKILL)  # one of the two dashboards prepared for trainees dies
    for number in range(3):  # the two of the pool (one dead) and one more: each gets a working dashboard
        try:
            widgets, _waited = run(_trainee(workshop.url, number))
        except (AssertionError, LookupError) as failure:  # say what the server saw (seen once, in CI only)
            technical = (workshop.log.parent / LOG_NAME).read_text(errors="replace")[-6000:]
            console = workshop.log.read_text(errors="replace")
            raise AssertionError(f"{failure}\nconsole:\n{console}\nlog tail:\n{technical}") from failure
        assert widgets > 10
    console = workshop.log.read_text(errors="replace")
    assert "Przygotowany pulpit nie nadawał się do wydania" in console
    assert "Usunięty; uczestnik dostanie inny." in console
    assert pool[0] not in _kernel_pids(workshop.process.pid)


async def _burst(url: str, trainees: int) -> list[tuple[int, int]]:
    return await asyncio.gather(*(_trainee(url, number) for number in range(trainees)))


@pytest.mark.parametrize("workshop", ["3"], indirect=True)
def test_console_of_a_start_and_a_burst_is_a_quiet_status_board(workshop: Server, tmp_path: Path):
    results = run(_burst(workshop.url, 5))  # two more trainees than prepared dashboards: they wait, then work
    assert all(widgets > 10 for widgets, _ in results)
    assert sum(waited for _, waited in results) > 0, "the last two found no ready dashboard and waited"
    workshop.stop()
    console = workshop.log.read_text(errors="replace")
    assert re.search(r"Serwer gotowy – pulpity przygotowane: 3\. Adres dla uczestników: http://", console)
    assert "Dziennik techniczny serwera: " + str(tmp_path / LOG_NAME) in console
    assert console.count("Uczestnik dołączył") == 5
    assert "Przygotowujemy pulpit" in console
    assert not ALARMING.search(console), console
    technical = (tmp_path / LOG_NAME).read_text(errors="replace")
    assert "Voilà is running at" in technical  # Voilà's own log is kept, in the file
    assert not list(Path(workshop.store.parent).glob("kernel-*")), "kernel sockets stay out of the work folders"


def _recorded(session: Session) -> list[dict[str, Any]]:
    """Return a list that keeps every message the session receives from now on (handled as before)."""
    received: list[dict[str, Any]] = []
    handle = session._handle

    def record(message: dict[str, Any]) -> None:
        received.append(message)
        handle(message)

    session._handle = record  # type: ignore[method-assign]
    return received


async def _sign_in(session: Session, number: int) -> None:
    """Open the dashboard and sign in as a new trainee, as a browser does."""
    await session.open_page()
    await session.connect()
    await session.set_value("sk-trainee-name", f"Uczestnik {number}", wait=False)
    await session.set_value("sk-trainee-code", f"kod-uczestnika-{number}", wait=False)
    await session.click("sk-sign-in")
    assert session.shows("Witaj po raz pierwszy")


async def _arrival_messages(url: str, number: int) -> list[dict[str, Any]]:
    """Every message a trainee's page receives from opening the dashboard to signing in."""
    session = Session(url)
    received = _recorded(session)
    try:
        await _sign_in(session, number)
        return received
    finally:
        await session.close()


def test_a_page_connects_on_the_kernels_welcome_without_extra_requests_or_output(workshop: Server):
    for number in range(2):  # both prepared dashboards
        received = run(_arrival_messages(workshop.url, number))
        kinds = [m["header"]["msg_type"] for m in received]
        requests = {m["parent_header"].get("msg_type") for m in received if m["header"]["msg_type"] == "status"}
        assert "update_states" in {m["content"].get("data", {}).get("method") for m in received}
        assert "kernel_info_request" not in requests, requests  # no nudge: the kernel's welcome was enough
        assert "stream" not in kinds, [m["content"] for m in received if m["header"]["msg_type"] == "stream"]
        assert "iopub_welcome" not in kinds  # the welcomes are the server's business, not the page's


async def _kernel_model_before_and_after_an_action(url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The server's model of a trainee's kernel (as its culler sees it) before and after a widget action."""
    session = Session(url)
    try:
        await _sign_in(session, 1)
        kernel_url = f"{url}api/kernels/{session.kernel_id}"
        assert await _culler_sees_idle(kernel_url, session.cookie)
        before = json.loads((await AsyncHTTPClient().fetch(kernel_url, headers={"Cookie": session.cookie})).body)
        await asyncio.sleep(1.5)  # the last activity is kept to the second
        await session.click(f"sk-open-{CASE_ID}")
        assert await _culler_sees_idle(kernel_url, session.cookie)
        after = json.loads((await AsyncHTTPClient().fetch(kernel_url, headers={"Cookie": session.cookie})).body)
        return before, after
    finally:
        await session.close()


def test_the_server_follows_a_kernels_activity_from_its_status_messages(workshop: Server):
    before, after = run(_kernel_model_before_and_after_an_action(workshop.url))
    assert before["execution_state"] == after["execution_state"] == "idle"
    assert after["last_activity"] > before["last_activity"], (before, after)  # ISO dates in UTC sort as text


async def _updates_of_one_edit(url: str) -> list[dict[str, Any]]:
    """The widget updates a trainee's page receives for one edit of a need's statement."""
    session = Session(url)
    try:
        await _sign_in(session, 1)
        await session.click(f"sk-open-{CASE_ID}")
        await session.click("sk-add-need")
        await session.set_value("sk-need-statement", "Rodzina nie ma opału na zimę")
        received = _recorded(session)
        await session.set_value("sk-need-statement", "Rodzina nie ma opału na zimę i nie ma pieniędzy")
        await asyncio.sleep(0.5)  # anything sent after the kernel went idle is counted too
        return [m for m in received if m["header"]["msg_type"] == "comm_msg"]
    finally:
        await session.close()


def test_an_edit_reaches_the_page_as_one_widget_update(workshop: Server):
    """Save indicator, progress and live findings are one widget: one message per edit, not three, to relay."""
    updates = run(_updates_of_one_edit(workshop.url))
    assert len(updates) == 1, [m["content"]["data"].get("state") for m in updates]
    shown = updates[0]["content"]["data"]["state"]["value"]
    assert "Zapisano o" in shown
    assert "sk-live-findings" in shown
    assert "sk-side-progress" in shown
