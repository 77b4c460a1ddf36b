"""A course's formgrader that is not up yet: a Polish "starting" page that opens the formgrader by itself."""

from __future__ import annotations

import re
import signal

import psutil
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot

from .conftest import SUPRA, Hub


def _course_service(hub: Hub, course: str) -> psutil.Process:
    """The course's JupyterLab with the formgrader, which the hub started (and restarts when it exits)."""
    marker = f"kurs_{course}_server_config.py"
    for process in psutil.Process(hub.run.process.pid).children(recursive=True):
        try:
            if any(marker in part for part in process.cmdline()):
                return process
        except psutil.NoSuchProcess:
            continue
    raise AssertionError(f"no service process of {course} under the hub")


def test_a_course_service_still_starting_shows_a_polish_page_that_opens_it_when_up(hub: Hub, admin: Page):
    _course_service(hub, SUPRA).send_signal(signal.SIGKILL)  # as after a crash or right after the hub's start
    answer = admin.goto(hub.at(f"services/{SUPRA}/"))
    assert answer is not None
    assert answer.status == 503
    expect(admin.locator("h1")).to_have_text(f"Trwa uruchamianie: {SUPRA}")
    expect(admin.locator("#sk-unavailable-text")).to_contain_text("Ta strona otworzy się sama")
    expect(admin.locator("html")).to_have_attribute("lang", "pl")
    expect(admin.locator("body")).not_to_contain_text(re.compile(r"Service Unavailable|appears to be down"))
    shot(admin, "hub_40_usluga_sie_uruchamia")
    # the hub notices the exit and starts the service again; the page reloads itself into the formgrader
    expect(admin).to_have_url(re.compile(rf"/services/{SUPRA}/lab"), timeout=240_000)


def test_a_users_server_that_does_not_answer_says_so_in_polish(hub: Hub, admin: Page):
    answer = admin.goto(hub.at("hub/error/503"))  # the proxy's error target, for a server that stopped answering
    assert answer is not None
    expect(admin.locator("h1")).to_have_text("Twój serwer nie odpowiada")
    expect(admin.locator("#sk-unavailable-wait")).to_be_hidden()
