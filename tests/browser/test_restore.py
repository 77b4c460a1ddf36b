"""A trainee's draft comes back after a reload, and after the server was killed and restarted."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text

STATEMENT = "Rodzina potrzebuje opału na zimę"


def _statement_is_restored(page: Page, server: Server, name: str) -> None:
    sign_in(page, server.url)
    expect(page.locator(".sk-card", has_text="masz zapisaną pracę")).to_have_count(1)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    expect(page.locator(".sk-need-statement textarea")).to_have_value(STATEMENT)
    shot(page, name)


def test_draft_survives_reload_and_server_restart(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    type_text(page, ".sk-need-statement textarea", STATEMENT)
    expect(page.locator(".sk-saved")).to_contain_text("Zapisano")

    page.reload()
    _statement_is_restored(page, server, "07_po_odswiezeniu")

    server.kill()
    server.start()
    _statement_is_restored(page, server, "08_po_restarcie_serwera")


def test_someone_elses_name_does_not_open_their_work(server: Server, page: Page):
    sign_in(page, server.url)
    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    page.fill(".sk-trainee-name input", "anna nowak")
    page.fill(".sk-trainee-code input", "inny-kod")
    page.click(".sk-sign-in")
    expect(page.get_by_text("ma już inny kod osobisty")).to_be_visible()
    expect(page.locator(".sk-case-list")).to_have_count(0)
