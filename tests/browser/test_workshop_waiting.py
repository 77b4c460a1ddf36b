"""A trainee who finds no ready dashboard sees a Polish waiting page that continues by itself to a working one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import CASE_ID, Server, shot

READY = "] Serwer gotowy"


@pytest.fixture
def one_desk(tmp_path: Path) -> Iterator[Server]:
    server = Server(store=tmp_path / "s.sqlite", log=tmp_path / "console.txt", extra=("--workshop", "1"))
    server.start()
    deadline = time.monotonic() + 240
    while READY not in server.log.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.5)
    yield server
    server.stop()


def test_second_trainee_waits_on_a_polish_page_then_gets_a_working_dashboard(one_desk: Server, browser: Browser):
    first = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL").new_page()
    first.goto(one_desk.url)
    first.wait_for_selector(".sk-trainee-name input")  # the one prepared dashboard is taken
    second: Page = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL").new_page()
    second.set_default_timeout(120_000)
    second.goto(one_desk.url)
    expect(second.get_by_role("status")).to_have_text("Przygotowujemy pulpit…")
    expect(second).to_have_title("Przygotowujemy pulpit… – Szkoła Kooperacji")
    shot(second, "workshop_waiting_page")
    second.wait_for_selector(".sk-trainee-name input")  # the page reloaded itself onto a newly prepared dashboard
    second.fill(".sk-trainee-name input", "Beata Kowalska")
    second.fill(".sk-trainee-code input", "tajne456")
    second.click(".sk-sign-in")
    expect(second.locator(f".sk-open-{CASE_ID}")).to_be_visible()  # its kernel works
    second.context.close()
    first.context.close()
