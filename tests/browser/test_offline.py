"""In a hall without internet: no page of the dashboard, of the trainee's returned feedback or of the
trainer's report asks any host but the server for anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from szkola_kooperacji.grading.exchange import TraineeExchange

from .conftest import (
    WAIT_MS,
    Server,
    issued_codes,
    new_course,
    open_case,
    open_tab,
    return_feedback,
    running_report,
    shot,
    sign_in,
)

TABS = ("Przypadek", "Diagnoza potrzeb", "Kontrakt socjalny", "Mapa i dokument", "Informacja zwrotna")
EXERCISE = "cw2_diagnoza"
TRAINEE = "anowak"


def block_other_hosts(page: Page, server: Server | str) -> list[str]:
    """Abort every request to a host other than the server's; return the list they are recorded in."""
    local = urlsplit(server if isinstance(server, str) else server.url).netloc
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


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course whose trainee handed in the exercise and got the trainer's feedback back (nbgrader's steps)."""
    course = new_course(tmp_path_factory.mktemp("offline"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)
    TraineeExchange(course, TRAINEE).submit(EXERCISE, "", {"refleksja_1": "Babcia pomaga w opiece nad dziećmi."})
    return_feedback(course, EXERCISE)  # autograde exits 1: an empty work is flagged for the trainer
    return course


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
    page.click(".sk-show-returned")  # the trainer's feedback page, shown in a frame inside the dashboard
    frame = page.frame_locator(".sk-feedback-frame")
    expect(frame.locator("body")).to_contain_text("Babcia pomaga w opiece nad dziećmi.")
    page.wait_for_load_state("networkidle")
    shot(page, "48_cwiczenie_bez_internetu")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"


def test_the_trainers_report_asks_no_other_host_either(course_dir: Path, page: Page, tmp_path: Path):
    with running_report(course_dir, tmp_path / "report.log") as url:
        elsewhere = block_other_hosts(page, url)
        page.goto(url)
        expect(page.locator(".sk-report")).to_contain_text("Wynik uczestników", timeout=WAIT_MS)
        expect(page.locator(".sk-report")).to_contain_text(TRAINEE)
        page.wait_for_load_state("networkidle")
        shot(page, "49_raport_bez_internetu")
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"
