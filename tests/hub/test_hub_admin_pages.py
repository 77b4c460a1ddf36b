"""The pages a trainer-administrator works in — approving accounts, setting a password, the admin panel — in Polish."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import shot

from .conftest import Hub, approve, new_page, sign_up

USER, PASSWORD, NEW_PASSWORD = "kwozniak", "Kwozniak-haslo-2026", "Nowe-haslo-od-trenera-7"
ENGLISH = re.compile(
    r"Authorization area|Unauthorize|Authorize|Change password|Discard|Is authorized|Start Server|Stop Server|"
    r"Access Server|Edit User|Last Activity|Add Users|Manage Groups|Shutdown Hub|Start All|Stop All|Displaying|"
    r"only active servers|Items per page|Never|seconds ago|minutes ago|\d+ users|Something went wrong"
)


def _speaks_polish(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("body")).not_to_contain_text(ENGLISH)


def _account_row(admin: Page) -> Locator:
    return admin.locator("#sk-accounts tr", has=admin.locator("td", has_text=re.compile(rf"^{USER}$")))


def _sets_a_new_password(admin: Page, hub: Hub) -> None:
    """The admin sets a forgotten password from the authorisation page; each mistake is explained in Polish."""
    admin.goto(hub.at("hub/authorize"))
    _account_row(admin).get_by_role("button", name="Ustaw nowe hasło").click()
    expect(admin.locator("h1")).to_have_text(f"Nowe hasło dla konta {USER}")
    for new, again, message in (
        (NEW_PASSWORD, NEW_PASSWORD + "x", "Nowe hasło i jego powtórzenie się różnią. Wpisz je jeszcze raz."),
        ("krotkie", "krotkie", "Nie udało się ustawić hasła. Nowe hasło musi mieć co najmniej 10 znaków"),
        (NEW_PASSWORD, NEW_PASSWORD, "Hasło konta zostało zmienione. Przekaż je uczestnikowi osobiście."),
    ):
        admin.fill("#new_password_input", new)
        admin.fill("#new_password_confirmation_input", again)
        admin.click("#change_password_submit")
        expect(admin.locator(".alert")).to_contain_text(message)
        _speaks_polish(admin)
    shot(admin, "hub_31_nowe_haslo_od_trenera")


def _admin_panel_speaks_polish(admin: Page, hub: Hub) -> None:
    admin.goto(hub.at("hub/admin"))
    row = admin.locator("tr", has=admin.get_by_text(USER, exact=True))
    expect(row.get_by_role("button", name="Uruchom serwer")).to_be_visible()
    expect(row.get_by_role("button", name="Edytuj konto")).to_be_visible()
    expect(admin.locator("thead")).to_contain_text("Ostatnia aktywność")
    expect(admin.get_by_placeholder("Szukaj konta")).to_be_visible()
    expect(admin.get_by_role("button", name="Zatrzymaj platformę")).to_be_visible()
    expect(admin.locator("body")).to_contain_text("Wyświetlono")
    admin_row = admin.locator("tr", has=admin.get_by_text("trener", exact=True))
    expect(admin_row.locator('[data-testid="user-row-admin"]')).to_have_text("tak")
    _speaks_polish(admin)
    shot(admin, "hub_32_panel_administratora")

    admin.get_by_role("button", name="Grupy").click()  # group names stay as the hub made them
    expect(admin.locator("body")).to_contain_text("nbgrader-regionalny_2026")
    expect(admin.locator(".badge").first).to_have_text(re.compile(r"^\d+ kont[oa]?$"))
    expect(admin.get_by_role("button", name="Nowa grupa")).to_be_visible()
    _speaks_polish(admin)
    shot(admin, "hub_33_panel_grupy")

    admin.goto(hub.at("hub/admin"))
    admin.locator("tr", has=admin.get_by_text(USER, exact=True)).get_by_role("button", name="Edytuj konto").click()
    expect(admin.locator("h1")).to_have_text(f"Konto {USER}")
    expect(admin.get_by_role("button", name="Usuń konto")).to_be_visible()
    _speaks_polish(admin)
    shot(admin, "hub_34_panel_konto")


def test_admin_pages_are_in_polish(hub: Hub, admin: Page, browser: Browser):
    trainee = new_page(browser)
    sign_up(trainee, hub, USER, PASSWORD)

    admin.goto(hub.at("hub/authorize"))
    expect(admin.locator("h1")).to_have_text("Zatwierdzanie kont")
    expect(_account_row(admin)).to_contain_text("nie — czeka")
    _speaks_polish(admin)
    shot(admin, "hub_30_zatwierdzanie_kont")
    approve(admin, hub, USER)
    expect(_account_row(admin)).to_contain_text("tak")
    _speaks_polish(admin)

    _sets_a_new_password(admin, hub)
    trainee.goto(hub.at("hub/login?next=/hub/home"))  # the trainee signs in with the password from the trainer
    trainee.fill("#username_input", USER)
    trainee.fill("#password_input", NEW_PASSWORD)
    trainee.click("#login_submit")
    expect(trainee).to_have_url(re.compile(r"/hub/home"))
    trainee.context.close()

    _admin_panel_speaks_polish(admin, hub)
