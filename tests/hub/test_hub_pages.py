"""The hub's own pages a trainee may meet — home, server stopped, starting, 403, 404 — speak Polish."""

from __future__ import annotations

import re
import signal
from urllib.parse import parse_qs, urljoin, urlsplit

from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.hub.oauth_race import RETRY_MARK
from tests.browser.conftest import shot

from .conftest import Hub, approve, new_page, sign_up
from .test_hub_server_forks import _zygote

USER, PASSWORD = "pzielinski", "Pzielinski-haslo-2026"
ENGLISH = re.compile(r"Start My Server|Stop My Server|Server not running|Launch Server|Logout|Your server")


def _speaks_polish(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("#logout")).to_have_text(re.compile(r"Wyloguj"))
    expect(page.locator("body")).not_to_contain_text(ENGLISH)


def _error_pages_and_password_change_speak_polish(trainee: Page, hub: Hub) -> None:
    answer = trainee.goto(hub.at("hub/admin"))  # a trainee is no administrator
    assert answer is not None
    assert answer.status == 403
    expect(trainee.locator("h1")).to_have_text("403: Brak dostępu")
    expect(trainee.locator("body")).to_contain_text("Każdy uczestnik widzi tylko swój pulpit")
    shot(trainee, "hub_13_brak_dostepu_403")

    answer = trainee.goto(hub.at("hub/nie-ma-takiej-strony"))
    assert answer is not None
    assert answer.status == 404
    expect(trainee.locator("h1")).to_have_text("404: Nie ma takiej strony")
    expect(trainee.locator("body")).not_to_contain_text("Jupyter has lots of moons")
    shot(trainee, "hub_14_nie_ma_strony_404")

    trainee.goto(hub.at("hub/change-password"))  # linked from the menu of every page
    expect(trainee.locator("h1")).to_have_text(f"Zmiana hasła — {USER}")
    trainee.fill("#old_password_input", "nie-to-haslo-2026")
    trainee.fill("#new_password_input", "Nowe-haslo-2026-x")
    trainee.fill("#new_password_confirmation_input", "Nowe-haslo-2026-x")
    trainee.click("#change_password_submit")
    expect(trainee.locator(".alert")).to_have_text("Obecne hasło jest nieprawidłowe. Spróbuj ponownie.")
    _speaks_polish(trainee)
    shot(trainee, "hub_16_zmiana_hasla")


def _started_sign_in(trainee: Page, hub: Hub, page: str) -> str:
    """Start the server's sign-in for this page as a tab does (the state cookie is set), return the hub's URL."""
    url = hub.at(f"user/{USER}/{page}")
    while "oauth2/authorize" not in url:  # the server's start page first sends the tab to the dashboard's page
        answer = trainee.context.request.get(url, max_redirects=0)
        assert answer.status == 302, answer.status
        url = urljoin(url, answer.headers["location"])
    return url


def _state_of_a_started_sign_in(trainee: Page, hub: Hub, page: str) -> str:
    return parse_qs(urlsplit(_started_sign_in(trainee, hub, page)).query)["state"][0]


def _two_tabs_signing_in_at_once_both_return(trainee: Page, hub: Hub) -> None:
    """Both tabs' requests left before either state cookie came back: each tab still has its own state."""
    trainee.context.clear_cookies(name=f"jupyterhub-user-{USER}")  # signed in at the hub, not yet at the server
    first = _started_sign_in(trainee, hub, "")
    first_state = [cookie for cookie in trainee.context.cookies() if "-oauth-state" in cookie["name"]]
    trainee.context.clear_cookies(name=re.compile(r"-oauth-state"))  # the second request carried no state cookie
    second = _started_sign_in(trainee, hub, "")
    trainee.context.add_cookies(first_state)  # the first answer's cookie reaches the browser after the second's
    for tab in (second, first):
        trainee.goto(tab)
        expect(trainee.locator(".sk-case-list")).to_be_visible(timeout=60_000)
        assert RETRY_MARK not in trainee.url  # signed in at the first go, no retry needed


def _returns_with_another_tabs_state(trainee: Page, hub: Hub, page: str) -> None:
    """This tab started a sign-in, another tab of the browser started one after it: this tab returns."""
    trainee.context.clear_cookies(name=f"jupyterhub-user-{USER}")  # signed in at the hub, not yet at the server
    mine = _state_of_a_started_sign_in(trainee, hub, page)
    trainee.context.clear_cookies(name=re.compile(r"-oauth-state"))  # both went out before either cookie came
    _state_of_a_started_sign_in(trainee, hub, "")  # the other tab's state now holds the cookie
    trainee.goto(hub.at(f"user/{USER}/oauth_callback?code=z-innej-karty&state={mine}"))


def _a_sign_in_race_is_retried_once(trainee: Page, hub: Hub) -> None:
    _returns_with_another_tabs_state(trainee, hub, "")
    expect(trainee.locator(".sk-case-list")).to_be_visible(timeout=60_000)  # the sign-in started again, and worked
    _returns_with_another_tabs_state(trainee, hub, f"?{RETRY_MARK}=1")  # a retry refused again: no loop
    expect(trainee.locator("h1")).to_have_text("Nie udało się zalogować")
    expect(trainee.locator("body")).to_contain_text("Zamknij pozostałe karty")
    shot(trainee, "hub_17_logowanie_z_dwoch_kart")
    trainee.get_by_role("link", name="Spróbuj ponownie").click()
    expect(trainee.locator(".sk-case-list")).to_be_visible(timeout=60_000)


def test_hub_pages_a_trainee_meets_are_in_polish(hub: Hub, admin: Page, browser: Browser):
    trainee = new_page(browser)
    sign_up(trainee, hub, USER, PASSWORD)
    approve(admin, hub, USER)
    trainee.goto(hub.at("hub/login?next=/hub/home"))  # signed in without starting the server
    trainee.fill("#username_input", USER)
    trainee.fill("#password_input", PASSWORD)
    trainee.click("#login_submit")

    expect(trainee).to_have_url(re.compile(r"/hub/home"))
    expect(trainee.locator("h1")).to_have_text("Strona główna — Szkoła Kooperacji")
    expect(trainee.locator("#start")).to_have_text("Uruchom mój serwer")
    expect(trainee.locator(".navbar")).to_contain_text("Strona główna")
    _speaks_polish(trainee)
    shot(trainee, "hub_10_strona_glowna")

    trainee.goto(hub.at(f"hub/spawn-pending/{USER}"))  # the server is not running
    expect(trainee.locator("h1")).to_have_text("Twój serwer jest zatrzymany")
    expect(trainee.locator("body")).to_contain_text("Twoja praca jest zapisana")
    _speaks_polish(trainee)
    shot(trainee, "hub_11_serwer_zatrzymany")

    watcher = trainee.context.new_page()  # the same person in a second tab, while the first one starts the server
    zygote = _zygote(hub)
    zygote.send_signal(signal.SIGSTOP)  # a forked server is up in a second: held, the start can be watched
    try:
        trainee.click("#start")
        watcher.goto(hub.at(f"hub/spawn-pending/{USER}"))
        expect(watcher.locator("h1")).to_have_text("Uruchamiamy Twój serwer…")
        expect(watcher.locator("#progress-message")).to_have_text(re.compile(r"Serwer zamówiony|Uruchamianie serwera"))
        _speaks_polish(watcher)
        shot(watcher, "hub_12_serwer_sie_uruchamia")
    finally:
        zygote.send_signal(signal.SIGCONT)
    expect(watcher.locator(".sk-case-list")).to_be_visible(timeout=120_000)  # the page follows to the dashboard
    watcher.close()
    _two_tabs_signing_in_at_once_both_return(trainee, hub)
    _a_sign_in_race_is_retried_once(trainee, hub)

    _error_pages_and_password_change_speak_polish(trainee, hub)

    trainee.goto(hub.at("hub/home"))
    expect(trainee.locator("#stop")).to_have_text("Zatrzymaj mój serwer")
    trainee.click("#stop")
    expect(trainee.locator("#stop")).to_be_hidden(timeout=120_000)
    expect(trainee.locator("#start")).to_have_text("Uruchom mój serwer")  # home.js's English relabel, in Polish
    expect(trainee.locator("#sk-server-state")).to_contain_text("Twój serwer jest zatrzymany")
    _speaks_polish(trainee)
    shot(trainee, "hub_15_serwer_zatrzymany_z_domu")
    trainee.context.close()
