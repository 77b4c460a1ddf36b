"""A real hub for the tests: `szkola hub` with its proxy, a real PostgreSQL store, Debian's Chromium.

One hub serves all the hub tests (starting it and a trainee's server takes tens of seconds on two
cores); the tests sign up their own accounts, so they do not depend on each other's users. The hub
runs two courses, as an organiser of a regional and a supra-regional course would: each with its
roster (the trainees' group), its trainer and its formgrader service.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.commands.hub import find_proxy
from szkola_kooperacji.errors import SzkolaError
from szkola_kooperacji.hub.launch import HubLaunch, RunningHub
from tests.browser.conftest import new_course, open_tab, type_text
from tests.postgres_server import new_database, running_postgres

ADMIN, ADMIN_PASSWORD = "trener", "Trener-haslo-2026"
EXERCISE = "cw2_diagnoza"
"""Released in both courses."""
SUPRA_ONLY = "cw3_kontrakt"
"""Released in the supra-regional course only."""
REGIONAL, SUPRA = "regionalny_2026", "ponadregionalny"
TWO_COURSES = "dwakursy"
"""On both courses' lists by mistake: the hub puts the account into both trainees' groups."""
ROSTER = {
    "anowak": ("Anna", "Nowak"),
    "jkowalski": ("Jan", "Kowalski"),
    "ewisniewska": ("Ewa", "Wiśniewska"),
    "mwojcik": ("Marek", "Wójcik"),
    TWO_COURSES: ("Dorota", "Dwakursy"),
}
"""The group of the regional course: roster ids are the trainees' hub account names."""
SUPRA_ROSTER = {"kzielinska": ("Katarzyna", "Zielińska"), TWO_COURSES: ("Dorota", "Dwakursy")}
"""The group of the supra-regional course."""
TRAINERS = {REGIONAL: "mkowalska", SUPRA: "bnowicki"}
"""Each course's own trainer (not an admin): sees that course's formgrader only."""
HUB_START_S = 120


@dataclass
class Hub:
    """A running `szkola hub`: its address, its store, its folder and its G-PZK session server."""

    run: RunningHub
    courses: dict[str, Path]

    @property
    def url(self) -> str:
        return self.run.launch.url

    @property
    def store(self) -> str:
        return self.run.launch.store

    @property
    def state(self) -> Path:
        return self.run.launch.state

    @property
    def gpzk_server(self) -> str:
        return self.run.launch.gpzk_server

    @property
    def log(self) -> Path:
        return self.run.log

    @property
    def course(self) -> Path:
        """The regional course's folder."""
        return self.courses[REGIONAL]

    def at(self, path: str) -> str:
        return self.run.at(path)


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    try:
        find_proxy(None)
    except SzkolaError as missing:
        pytest.skip(str(missing))
    folder = tmp_path_factory.mktemp("hub")
    (folder / REGIONAL).mkdir()
    (folder / SUPRA).mkdir()
    courses = {
        REGIONAL: new_course(folder / REGIONAL, ROSTER, EXERCISE),
        SUPRA: new_course(folder / SUPRA, SUPRA_ROSTER, EXERCISE, SUPRA_ONLY),
    }
    with running_postgres() as server:
        launch = HubLaunch(ADMIN, new_database(server), folder / "state", courses, TRAINERS)
        running = launch.start(folder / "hub.log")
        try:
            running.wait_up(HUB_START_S)
            yield Hub(running, courses)
        finally:
            running.stop(patience=30)  # the hub stops the users' servers it started


def new_page(browser: Browser) -> Page:
    """A separate browser profile: one person's cookies."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL")
    opened = context.new_page()
    opened.set_default_timeout(90_000)
    return opened


def sign_up(page: Page, hub: Hub, user: str, password: str) -> None:
    """Create an account on the hub's sign-up page."""
    page.goto(hub.at("hub/signup"))
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.fill("#password_confirmation_input", password)
    page.click("#signup_submit")
    expect(page.locator(".alert")).to_be_visible()
    expect(page.locator(".alert")).not_to_contain_text("Nie udało się")


def log_in(page: Page, hub: Hub, user: str, password: str) -> None:
    """Submit the hub's sign-in form."""
    page.goto(hub.at("hub/login"))
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")


def approve(admin: Page, hub: Hub, user: str) -> None:
    """The admin authorises a signed-up account on the hub's authorisation page."""
    admin.goto(hub.at("hub/authorize"))
    row = admin.locator("tr", has=admin.locator("td", has_text=re.compile(rf"^{user}$")))
    row.get_by_role("button", name="Zatwierdź", exact=True).click()
    expect(row.get_by_role("button", name="Cofnij zatwierdzenie", exact=True)).to_be_visible()


def approved(admin: Page, browser: Browser, hub: Hub, user: str) -> Page:
    """A new person's browser: signed up, approved by the admin and signed in (their server starts)."""
    page = new_page(browser)
    password = f"{user.capitalize()}-haslo-2026"
    sign_up(page, hub, user, password)
    approve(admin, hub, user)
    log_in(page, hub, user, password)
    return page


def stop_server(page: Page, hub: Hub) -> None:
    """Stop the trainee's server from the hub's home page."""
    page.goto(hub.at("hub/home"))
    page.click("#stop")
    expect(page.locator("#start")).to_be_visible(timeout=120_000)


def start_server(page: Page, hub: Hub) -> None:
    """Start the server again (the hub may still be finishing the stop: then it offers "Uruchom mój serwer")."""
    page.goto(hub.at("hub/spawn"))
    launch = page.get_by_role("button", name="Uruchom mój serwer")
    expect(launch.or_(page.locator(".sk-case-list"))).to_be_visible(timeout=120_000)
    if launch.is_visible():
        launch.click()


def submit_exercise(trainee: Page, exercise: str, statement: str, reflection: str) -> None:
    """The trainee opens an exercise on the dashboard, states one need, writes a reflection and hands it in."""
    trainee.wait_for_selector(f".sk-exercise-{exercise}", timeout=180_000)
    trainee.click(f".sk-exercise-{exercise}")
    trainee.wait_for_selector(".sk-live-findings")
    open_tab(trainee, "Diagnoza potrzeb")
    trainee.click(".sk-add-need")
    trainee.locator(".sk-need select").first.select_option(label="Sytuacja materialna (dochody, wydatki, długi)")
    type_text(trainee, ".sk-need-statement textarea", statement)
    open_tab(trainee, "Oddanie ćwiczenia")
    type_text(trainee, ".sk-reflection-1 textarea", reflection)
    trainee.click(".sk-submit")
    expect(trainee.locator(".sk-submit-status")).to_contain_text("Oddano", timeout=60_000)


@pytest.fixture(scope="session")
def admin(hub: Hub, browser: Browser) -> Iterator[Page]:
    """The trainer-administrator, signed up (admins need no approval) and signed in."""
    page = new_page(browser)
    sign_up(page, hub, ADMIN, ADMIN_PASSWORD)
    log_in(page, hub, ADMIN, ADMIN_PASSWORD)
    yield page
    page.context.close()
