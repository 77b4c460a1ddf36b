"""Signing in and out on a shared computer: Enter submits, a stale error goes, the next person sees nothing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import CASE_ID, Server, open_case, open_tab, shot, sign_in, type_text

STATEMENT = "Pani Ewa nie ma pieniędzy na leki"


def _sign_in_here(page: Page, name: str, code: str) -> None:
    """Sign in on the page as it is, without loading it again (the next person at the same screen)."""
    page.fill(".sk-trainee-name input", name)
    page.fill(".sk-trainee-code input", code)
    page.press(".sk-trainee-code input", "Enter")
    page.wait_for_selector(f".sk-open-{CASE_ID}")


def test_enter_signs_in_and_the_failed_attempts_error_goes(server: Server, page: Page):
    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    page.fill(".sk-trainee-name input", "Anna Nowak")
    page.fill(".sk-trainee-code input", "krótki")
    page.press(".sk-trainee-code input", "Enter")
    error = page.locator(".sk-message")
    expect(error).to_contain_text("od 8 do 64 znaków")
    shot(page, "41_logowanie_blad")
    page.fill(".sk-trainee-code input", "tajne123")
    page.press(".sk-trainee-code input", "Enter")
    page.wait_for_selector(f".sk-open-{CASE_ID}")
    expect(error).to_have_count(0)
    open_case(page)
    expect(error).to_have_count(0)
    shot(page, "42_po_zalogowaniu_bez_bledu")


def test_sign_out_leaves_nothing_for_the_next_person(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    type_text(page, ".sk-need-statement textarea", STATEMENT)
    expect(page.locator(".sk-saved")).to_contain_text("Zapisano")
    page.click(".sk-sign-out")
    expect(page.locator(".sk-trainee-name input")).to_have_value("")
    expect(page.locator(".sk-trainee-code input")).to_have_value("")
    expect(page.locator(".sk-trainee-name input")).to_have_attribute("autocomplete", "off")
    expect(page.locator(".sk-trainee-code input")).to_have_attribute("autocomplete", "new-password")
    expect(page.locator(".sk-live-findings")).to_have_count(0)
    expect(page.get_by_text("Anna Nowak")).to_have_count(0)
    shot(page, "43_po_wylogowaniu")

    _sign_in_here(page, "Jan Kowalski", "inny-kod-9")
    expect(page.locator(".sk-card", has_text="masz zapisaną pracę")).to_have_count(0)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    expect(page.locator(".sk-need-statement")).to_have_count(0)
    assert STATEMENT not in page.content()
    shot(page, "44_nastepna_osoba")

    page.click(".sk-sign-out")
    _sign_in_here(page, "Anna Nowak", "tajne123")  # the work stays saved for its owner
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    expect(page.locator(".sk-need-statement textarea")).to_have_value(STATEMENT)
