"""A trainee proposes a Lista entry in a real browser, on a 1024×768 screen, without typing any YAML.

They fill the form, ask for the check and see in Polish what a field lacks, fix it, download a file
that ``szkola validate`` accepts in the Lista, and find the proposal again after a reload and after
the server was killed and started again. The form passes the WCAG audit of the other views.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.cli import main

from .conftest import ROOT, WAIT_MS, Server, open_case, open_tab, shot, sign_in, type_text
from .test_accessibility import assert_accessible, audit

NAME = "Koło Gospodyń Wiejskich w Czaplicach"


@pytest.fixture
def small_page(browser: Browser) -> Iterator[Page]:
    """The old projector's screen: 1024×768."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="pl-PL", accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield opened
    context.close()


def open_proposal(page: Page, server: Server, *, kept: bool = False) -> None:
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    label = "Wróć do swojej propozycji wpisu do Listy" if kept else "Zaproponuj nowy wpis do Listy"
    expect(page.locator(".sk-proposal-open")).to_have_text(label)
    page.click(".sk-proposal-open")
    page.wait_for_selector(".sk-entry-name input")


def fill_all_but_for_whom(page: Page) -> None:
    """Type and choose as the trainee does; "Dla kogo" is left for the check to find."""
    type_text(page, ".sk-entry-name input", NAME)
    page.select_option(".sk-entry-type select", label="organizacja lokalna (KGW, OSP, parafia)")
    page.select_option(".sk-entry-sector select", label="organizacje pozarządowe")
    page.select_option(".sk-entry-level select", label="gmina")
    type_text(page, ".sk-entry-place input", "Czaplice, ul. Szkolna")
    type_text(page, ".sk-entry-contact input", "przewodnicząca koła")
    type_text(page, ".sk-entry-service-name input", "Warsztaty kulinarne dla rodzin")
    type_text(page, ".sk-entry-description textarea", "Wspólne gotowanie raz w tygodniu, w świetlicy wiejskiej.")


def assert_joins_the_lista(exported: str, folder: Path) -> None:
    """Add the downloaded entry under the Lista's institutions, as the trainer does, and run szkola validate."""
    lista = ROOT / "case_studies" / "directory" / "lista_aktywnosci_i_uslug.yaml"
    joined = lista.read_text(encoding="utf-8").rstrip("\n") + "\n" + exported.split("\n", 2)[2]
    (folder / "lista.yaml").write_text(joined, encoding="utf-8")
    validated = CliRunner().invoke(main, ["validate", str(folder / "lista.yaml")])
    assert validated.exit_code == 0, validated.output


def test_trainee_fills_the_form_fixes_a_finding_downloads_and_finds_it_again(
    server: Server, small_page: Page, tmp_path: Path
):
    page = small_page
    open_proposal(page, server)
    expect(page.locator(".sk-proposal-result")).to_contain_text("kliknij „Sprawdź wpis”")
    fill_all_but_for_whom(page)
    expect(page.locator(".sk-proposal .sk-saved")).to_contain_text("Propozycja zapisana o")
    expect(page.locator(".sk-saved.sk-unsaved")).to_have_count(0)  # no indicator left saying "Niezapisane zmiany"
    page.locator(".sk-entry-name input").scroll_into_view_if_needed()
    shot(page, "49_propozycja_wpisu_formularz")
    page.click(".sk-entry-check")
    for_whom = page.locator(".sk-entry-field", has=page.locator(".sk-entry-for-whom"))
    expect(for_whom.locator(".sk-message")).to_have_text("Zaznacz co najmniej 1 pozycję.")
    expect(page.locator(".sk-proposal-result")).to_contain_text("Wpis jeszcze nie spełnia reguł Listy: 1 uwaga")
    expect(page.locator(".sk-proposal-download")).to_be_hidden()
    for_whom.scroll_into_view_if_needed()
    shot(page, "50_propozycja_wpisu_uwaga_przy_polu")
    assert_accessible(audit(page, "50_propozycja_wpisu"))

    for_whom.get_by_label("rodziny z dziećmi").check()
    expect(for_whom.locator(".sk-message")).to_have_count(0)
    expect(page.locator(".sk-proposal-result")).to_contain_text(f"Wpis „{NAME}” spełnia reguły Listy")
    page.locator(".sk-entry-preview summary").click()
    expect(page.locator(".sk-entry-yaml")).to_contain_text("id: kolo_gospodyn_wiejskich_w_czaplicach")
    page.locator(".sk-proposal-result").scroll_into_view_if_needed()
    shot(page, "51_propozycja_wpisu_gotowa")
    with page.expect_download() as download:
        page.click(".sk-proposal-download button")
    assert download.value.suggested_filename == "propozycja_wpisu.yaml"
    exported = download.value.path().read_text(encoding="utf-8")
    assert yaml.safe_load(exported)[0]["services"][0]["for_whom"] == ["rodziny_z_dziecmi"]
    assert_joins_the_lista(exported, tmp_path)

    page.reload()
    open_proposal(page, server, kept=True)
    expect(page.locator(".sk-entry-name input")).to_have_value(NAME)
    expect(page.locator(".sk-proposal-result")).to_contain_text("spełnia reguły Listy")
    page.locator(".sk-entry-name input").scroll_into_view_if_needed()
    shot(page, "52_propozycja_wpisu_po_odswiezeniu")

    server.kill()
    server.start()
    open_proposal(page, server, kept=True)
    expect(page.locator(".sk-entry-service-name input")).to_have_value("Warsztaty kulinarne dla rodzin")
    expect(page.locator(".sk-entry-for-whom").get_by_label("rodziny z dziećmi")).to_be_checked()
