"""In a hall without internet: no page of the dashboard asks any host but the server for anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import Server, issued_codes, new_course, open_case, open_tab, shot, sign_in

TABS = ("Przypadek", "Diagnoza potrzeb", "Kontrakt socjalny", "Mapa i dokument", "Informacja zwrotna")
EXERCISE = "cw2_diagnoza"
TRAINEE = "anowak"


def block_other_hosts(page: Page, server: Server) -> list[str]:
    """Abort every request to a host other than the server's; return the list they are recorded in."""
    local = urlsplit(server.url).netloc
    elsewhere: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    page.context.route("**/*", only_local)
    return elsewhere


def test_no_request_leaves_the_servers_address(server: Server, page: Page):
    elsewhere = block_other_hosts(page, server)
    sign_in(page, server.url)
    open_case(page)
    for title in TABS:
        open_tab(page, title)
        expect(page.locator(".lm-TabBar-tab.lm-mod-current")).to_contain_text(title)
    page.click(".sk-ask-feedback")
    expect(page.locator(".sk-feedback-view")).to_contain_text("Wynik:")
    page.wait_for_load_state("networkidle")
    shot(page, "40_bez_internetu")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"


@pytest.fixture
def course_server(tmp_path: Path) -> Iterator[Server]:
    course = new_course(tmp_path, {TRAINEE: ("Anna", "Nowak")}, EXERCISE)
    running = Server(store=tmp_path / "drafts.sqlite", log=tmp_path / "serve.log", course=course)
    running.start()
    yield running
    running.stop()


def test_a_graded_exercise_asks_no_other_host_either(course_server: Server, page: Page):
    elsewhere = block_other_hosts(page, course_server)
    assert course_server.course is not None
    page.goto(course_server.url)
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", issued_codes(course_server.course)[TRAINEE])
    page.click(".sk-sign-in")
    page.click(f".sk-exercise-{EXERCISE}")
    page.wait_for_selector(".sk-live-findings")
    for title in ("Przypadek", "Diagnoza potrzeb", "Oddanie ćwiczenia"):
        open_tab(page, title)
        expect(page.locator(".lm-TabBar-tab.lm-mod-current")).to_contain_text(title)
    page.wait_for_load_state("networkidle")
    shot(page, "48_cwiczenie_bez_internetu")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"
