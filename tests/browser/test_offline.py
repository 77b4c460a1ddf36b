"""In a hall without internet: no page of the dashboard asks any host but the server for anything."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect

from .conftest import Server, open_case, open_tab, shot, sign_in

TABS = ("Przypadek", "Diagnoza potrzeb", "Kontrakt socjalny", "Mapa i dokument", "Informacja zwrotna")


def test_no_request_leaves_the_servers_address(server: Server, page: Page):
    local = urlsplit(server.url).netloc
    elsewhere: list[str] = []

    def only_local(route: Route) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    page.context.route("**/*", only_local)
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
