"""The server dies during an edit: a Polish banner within 3 s, nothing claims "Zapisano", nothing typed is lost."""

from __future__ import annotations

import time

import psutil
from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text

SAVED = "Rodzina potrzebuje opału na zimę"
UNSENT = " i pomocy w spłacie zaległości za prąd"
BANNER = "Połączenie z serwerem zostało przerwane. Twoje ostatnie zmiany mogły nie zostać zapisane."


def test_banner_and_no_false_saved_when_the_server_dies(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    type_text(page, ".sk-need-statement textarea", SAVED)
    indicator = page.locator(".sk-saved")
    expect(indicator).to_contain_text("Zapisano o", use_inner_text=True)

    statement = page.locator(".sk-need-statement textarea")
    statement.click()
    statement.press("End")
    statement.press_sequentially(UNSENT)  # typed, not yet sent: the field sends when it is left
    expect(indicator).to_have_text("Niezapisane zmiany", use_inner_text=True)
    shot(page, "45_niezapisane_zmiany")

    server.kill()
    killed = time.monotonic()
    banner = page.locator("#sk-connection-lost")
    expect(banner).to_contain_text(BANNER, timeout=3_000)
    assert time.monotonic() - killed < 3
    expect(banner).to_contain_text("Odśwież stronę, gdy serwer wróci, i zaloguj się ponownie.")
    expect(page.locator(".sk-unsent-text")).to_have_value(SAVED + UNSENT)  # to copy before reloading
    expect(indicator).not_to_contain_text("Zapisano", use_inner_text=True)
    expect(indicator).to_contain_text("Nie zapisano", use_inner_text=True)

    page.keyboard.type(" coś jeszcze")  # editing is blocked: no keystroke goes into the form
    expect(statement).to_have_value(SAVED + UNSENT)
    expect(indicator).not_to_contain_text("Zapisano", use_inner_text=True)
    shot(page, "46_polaczenie_przerwane")

    server.start()
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    expect(page.locator(".sk-need-statement textarea")).to_have_value(SAVED)  # the last saved state
    expect(page.locator("#sk-connection-lost")).to_have_count(0)


def test_banner_when_the_kernel_dies_and_the_server_stays(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    assert server.process is not None
    kernels = [
        child
        for child in psutil.Process(server.process.pid).children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline())
    ]
    assert kernels, "no kernel process under the server"
    for kernel in kernels:  # this page's kernel, and any waiting in a pool
        kernel.kill()
    killed = time.monotonic()
    expect(page.locator("#sk-connection-lost")).to_contain_text(BANNER, timeout=3_000)
    assert time.monotonic() - killed < 3
    shot(page, "47_proces_zatrzymany")


def test_a_short_break_in_the_network_blocks_editing_until_it_is_back(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.context.set_offline(True)  # new connections fail; the open one is dropped as a network break would
    page.evaluate("window.jupyterapp.widgetManager.kernel._ws.close()")  # JupyterLab's socket (private)
    expect(page.locator("#sk-connection-lost")).to_contain_text(BANNER, timeout=3_000)
    page.context.set_offline(False)
    expect(page.locator("#sk-connection-lost")).to_have_count(0, timeout=30_000)  # the same kernel answers again
    page.click(".sk-add-need")
    type_text(page, ".sk-need-statement textarea", SAVED)
    expect(page.locator(".sk-saved")).to_contain_text("Zapisano o", use_inner_text=True)


def test_searching_the_lista_is_not_an_unsaved_change(server: Server, page: Page):
    """The Lista's search sits inside the contract editor but is not work: typing in it saves nothing."""
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    indicator = page.locator(".sk-saved")
    search = page.locator(".sk-directory-search input")
    search.click()
    search.press_sequentially("terapia")
    expect(page.locator(".sk-directory-results")).to_contain_text("terapi", ignore_case=True)
    expect(indicator).not_to_contain_text("Niezapisane", use_inner_text=True)
