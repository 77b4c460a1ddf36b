"""A trainee proposes a Lista entry in a real browser: a broken field is named by line and field in Polish,
the fixed entry is declared ready and downloads as YAML that the Lista's own check accepts."""

from __future__ import annotations

import yaml
from playwright.sync_api import Page, expect

from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.data.proposal import check_proposal

from .conftest import Server, open_case, open_tab, shot, sign_in

REAL = {
    "Nazwa instytucji lub organizacji": "Klub Seniora w Żurawcu",
    "funkcja osoby kontaktowej, np. prezes stowarzyszenia": "opiekunka klubu",
    "pierwsza_usluga": "spotkania",
    "Nazwa usługi": "Spotkania seniorów dwa razy w tygodniu",
    "Co dokładnie daje i komu": "Zajęcia ruchowe i wspólne wyjazdy",
}


def test_trainee_proposes_a_lista_entry_and_downloads_it(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-proposal-open")
    text = page.locator(".sk-proposal-text textarea")
    result = page.locator(".sk-proposal-result")
    expect(result).to_contain_text("ma jeszcze teksty ze wzoru")
    entry = text.input_value().replace("sector: ngo", "sector: rolnictwo").replace("nowa_instytucja", "kgw_zurawiec")
    for old, new in REAL.items():
        entry = entry.replace(old, new)
    text.fill(entry)
    text.press("Tab")
    expect(result).to_contain_text("wiersz 4, pole sector: wartość 'rolnictwo'")
    expect(page.locator(".sk-proposal-download")).to_be_hidden()
    result.scroll_into_view_if_needed()
    shot(page, "50_propozycja_wpisu_bledy")
    # the schema first, then the Lista's own consistency rules, as szkola validate does
    entry = entry.replace("sector: rolnictwo", "sector: ngo")
    text.fill(entry)
    text.press("Tab")
    expect(result).to_contain_text("wiersz 1, pole id: id 'kgw_zurawiec' instytucji powtarza się")

    text.fill(entry.replace("kgw_zurawiec", "kolo_seniora_zurawiec"))
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
