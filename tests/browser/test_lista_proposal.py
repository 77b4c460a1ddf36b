"""A trainee proposes a Lista entry in a real browser: a broken field is named by line and field in Polish,
the fixed entry is declared ready and downloads as YAML that the Lista's own check accepts."""

from __future__ import annotations

import yaml
from playwright.sync_api import Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.proposal import check_proposal

from .conftest import Server, open_case, open_tab, shot, sign_in


def test_trainee_proposes_a_lista_entry_and_downloads_it(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-proposal-open")
    text = page.locator(".sk-proposal-text textarea")
    result = page.locator(".sk-proposal-result")
    expect(result).to_contain_text("spełnia reguły Listy")
    entry = text.input_value().replace("sector: ngo", "sector: rolnictwo").replace("nowa_instytucja", "kgw_zurawiec")
    text.fill(entry)
    text.press("Tab")
    expect(result).to_contain_text("wiersz 4, pole sector: wartość 'rolnictwo'")
    expect(result).to_contain_text("wiersz 1, pole id: id 'kgw_zurawiec' instytucji powtarza się")
    expect(page.locator(".sk-proposal-download")).to_be_hidden()
    result.scroll_into_view_if_needed()
    shot(page, "50_propozycja_wpisu_bledy")

    text.fill(entry.replace("sector: rolnictwo", "sector: ngo").replace("kgw_zurawiec", "kolo_seniora_zurawiec"))
    text.press("Tab")
    expect(result).to_contain_text("spełnia reguły Listy")
    with page.expect_download() as download:
        page.click(".sk-proposal-download button")
    data = download.value.path().read_text(encoding="utf-8")
    assert download.value.suggested_filename == "propozycja_wpisu.yaml"
    entry = yaml.safe_load(data)[0]
    assert entry["id"] == "kolo_seniora_zurawiec"
    directory = load_valid_catalog().directory
    assert directory is not None
    assert check_proposal(yaml.safe_dump(entry, allow_unicode=True), directory).problems == ()
    shot(page, "51_propozycja_wpisu_gotowa")
