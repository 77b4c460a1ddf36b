"""Accounts on the hub: sign-up, approval, each trainee in their own dashboard, work kept in PostgreSQL."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.storage import DraftStore
from tests.browser.conftest import CASE_ID, open_case, open_tab, shot, type_text

from .conftest import Hub, approve, log_in, new_page, sign_up, start_server, stop_server

STATEMENT = "Rodzina potrzebuje opału na zimę"


def _dashboard_opens(page: Page, user: str) -> None:
    """The trainee lands in the dashboard with their own name: no second sign-in form."""
    expect(page).to_have_url(re.compile(rf"/user/{user}/voila/render/pulpit\.ipynb"), timeout=120_000)
    expect(page.locator(".sk-case-list")).to_be_visible(timeout=120_000)
    expect(page.locator(".sk-root")).to_contain_text(user)
    expect(page.locator(".sk-trainee-code input")).to_have_count(0)


def _saved_statements(hub: Hub, user: str) -> list[str]:
    """Return the need statements stored for this user, once the typed text has reached the store."""
    store, deadline = DraftStore(hub.store), time.monotonic() + 30
    while True:
        saved = store.load(user, CASE_ID)
        statements = [need.statement for need in saved.diagnosis.needs] if saved else []
        if STATEMENT in statements or time.monotonic() > deadline:
            store.close()
            return statements
        time.sleep(0.5)


def _code_sent_from_the_page_runs(page: Page) -> bool:
    """Send an ``execute_request`` on the page's own kernel websocket; say whether the kernel answered it.

    A ``kernel_info_request`` sent after it proves the kernel is alive and answers the socket, so
    a missing ``execute_reply`` means the message was refused, not slow.
    """
    return bool(
        page.evaluate(
            """async () => {
        const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
        const url = new URL(config.baseUrl + 'api/kernels/' + config.kernelId + '/channels?session_id=proba',
                            location.href);
        url.protocol = url.protocol.replace('http', 'ws');
        const socket = new WebSocket(url);
        await new Promise((ok, fail) => { socket.onopen = ok; socket.onerror = fail; });
        const message = (type, content) => ({
            header: {msg_id: type + Math.random(), msg_type: type, username: '', session: 'proba',
                     date: new Date().toISOString(), version: '5.3'},
            parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []});
        const replies = [];
        socket.onmessage = (event) => replies.push(JSON.parse(event.data));
        socket.send(JSON.stringify(message('execute_request', {
            code: '1 / 0', silent: false,
            store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true})));
        socket.send(JSON.stringify(message('kernel_info_request', {})));
        const deadline = Date.now() + 20000;
        while (!replies.some((r) => r.header.msg_type === 'kernel_info_reply') && Date.now() < deadline) {
            await new Promise((ok) => setTimeout(ok, 100));
        }
        socket.close();
        if (!replies.some((r) => r.header.msg_type === 'kernel_info_reply')) throw new Error('no kernel_info_reply');
        return replies.some((r) => ['execute_reply', 'error', 'execute_input'].includes(r.header.msg_type));
    }"""
        )
    )


def test_a_trainee_signs_up_is_approved_and_lands_in_their_dashboard(hub: Hub, admin: Page, browser: Browser):
    trainee = new_page(browser)
    sign_up(trainee, hub, "anowak", "Anowak-haslo-2026")
    expect(trainee.locator(".alert")).to_contain_text("trener (administrator platformy) musi je zatwierdzić")
    shot(trainee, "hub_00_konto_zalozone")

    log_in(trainee, hub, "anowak", "Anowak-haslo-2026")  # not approved yet: a refusal that says why
    expect(trainee.locator(".login_error")).to_contain_text("Konto czeka na zatwierdzenie przez trenera")
    shot(trainee, "hub_01_konto_niezatwierdzone")
    trainee.goto(hub.at("hub/home"))  # the refusal signed no one in: the hub's pages stay closed
    expect(trainee).to_have_url(re.compile(r"/hub/login"))

    approve(admin, hub, "anowak")
    shot(admin, "hub_02_administrator_zatwierdza")

    log_in(trainee, hub, "anowak", "zle-haslo-2026")
    expect(trainee.locator(".login_error")).to_contain_text("Nieprawidłowa nazwa użytkownika lub hasło")

    log_in(trainee, hub, "anowak", "Anowak-haslo-2026")
    _dashboard_opens(trainee, "anowak")
    shot(trainee, "hub_03_pulpit_uczestnika")
    for closed in ("lab", "tree", "api/terminals", "formgrader"):  # the dashboard only: no Lab, files or terminal
        answer = trainee.request.get(hub.at(f"user/anowak/{closed}"))
        assert answer.status in (403, 404), (closed, answer.status)
    trainee.goto(hub.at("user/anowak/"))
    _dashboard_opens(trainee, "anowak")
    assert _code_sent_from_the_page_runs(trainee) is False, "a trainee's own page cannot run code in its kernel"

    open_case(trainee)
    open_tab(trainee, "Diagnoza potrzeb")
    trainee.click(".sk-add-need")
    type_text(trainee, ".sk-need-statement textarea", STATEMENT)
    expect(trainee.locator(".sk-saved")).to_contain_text("Zapisano")
    assert _saved_statements(hub, "anowak") == [STATEMENT]  # in the hub's PostgreSQL, under the hub's user

    stop_server(trainee, hub)
    start_server(trainee, hub)
    _dashboard_opens(trainee, "anowak")
    expect(trainee.locator(".sk-card", has_text="masz zapisaną pracę")).to_have_count(1)
    open_case(trainee)
    open_tab(trainee, "Diagnoza potrzeb")
    expect(trainee.locator(".sk-need-statement textarea")).to_have_value(STATEMENT)
    shot(trainee, "hub_04_praca_po_ponownym_starcie_serwera")

    other = new_page(browser)
    sign_up(other, hub, "jkowalski", "Jkowalski-haslo-2026")
    approve(admin, hub, "jkowalski")
    log_in(other, hub, "jkowalski", "Jkowalski-haslo-2026")
    _dashboard_opens(other, "jkowalski")
    answer = other.goto(hub.at("user/anowak/voila/render/pulpit.ipynb"))
    assert answer is not None
    assert answer.status == 403
    shot(other, "hub_05_cudzy_serwer_403")
    trainee.context.close()
    other.context.close()
