"""The G-PZK minutes in a real browser: the trainee records who shared what, sees the missing basis flagged
live, marks the family's consent and the flag goes; the course item says "w toku" for the drafted minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Page, expect

from .conftest import Server, issued_codes, new_course, shot, sign_in, type_text

EXERCISE = "cw10_protokol_gpzk"
TRAINEE = "anowak"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("grupa")
    return new_course(base, {TRAINEE: ("Anna", "Nowak")}, EXERCISE, course="ponadregionalny")


def box_of(page: Page, selector: str) -> FloatRect:
    box = page.locator(f".sk-rows-information {selector}").bounding_box()
    assert box is not None, f"{selector} is not on the screen"
    return box


def entry_reads_whole(page: Page) -> None:
    """At 1024×768 the long choices and what was passed on span the card; the basis and "Usuń" share a line."""
    card = box_of(page, ".sk-row")
    for field in (".sk-row-institution_id select", ".sk-row-item_id select", ".sk-row-summary input"):
        assert box_of(page, field)["width"] > 0.9 * card["width"], (field, card)
    basis, remove = box_of(page, ".sk-row-basis select"), box_of(page, ".sk-row-remove")
    assert abs(basis["y"] + basis["height"] - remove["y"] - remove["height"]) <= 2, (basis, remove)  # one line
    assert remove["x"] + remove["width"] <= card["x"] + card["width"], (remove, card)


def test_trainee_records_shared_information_and_its_basis_live(course_server: Server, course_dir: Path, page: Page):
    page.set_viewport_size({"width": 1024, "height": 768})  # the training room's smallest screen
    sign_in(page, course_server.url, TRAINEE, issued_codes(course_dir)[TRAINEE])
    item = page.locator(f".sk-item-{EXERCISE}")
    expect(item).to_contain_text("nie rozpoczęto", timeout=60_000)
    page.click(f".sk-open-item-{EXERCISE}")
    page.wait_for_selector(".sk-document-workspace")

    type_text(page, ".sk-doc-held_on input", "12.01.2027")
    type_text(page, ".sk-doc-place input", "GOPS w Żurawcu, sala narad")
    expect(page.locator(".sk-doc-spotkanie .sk-section-findings")).not_to_contain_text("Wpisz datę i miejsce")
    rows = page.locator(".sk-rows-information .sk-row")
    page.click(".sk-add-information")
    expect(rows).to_have_count(1)
    # each field of the entry is found by its visible label, as a trainee (or a screen reader) finds it
    rows.get_by_label("Instytucja, która przekazała informację").select_option(
        label="Gminny Ośrodek Zdrowia w Żurawcu (POZ)"
    )
    known = "Bożena jest pod opieką lekarza rodzinnego. (Gminny Ośrodek Zdrowia w Żurawcu (POZ))"  # as the case says
    rows.get_by_label("Która informacja z przypadku").select_option(label=known)
    type_text(page, ".sk-row-summary input", "leczy nadciśnienie, potrzebuje wizyt kontrolnych")
    info = page.locator(".sk-doc-informacje .sk-section-findings")
    expect(info).to_contain_text("nie ma podstawy")
    page.locator(".sk-doc-informacje").scroll_into_view_if_needed()
    shot(page, "47_protokol_bez_podstawy")
    rows.get_by_label("Podstawa przekazania").select_option(label="za zgodą klienta")
    entry_reads_whole(page)
    expect(info).not_to_contain_text("nie ma podstawy")
    expect(info).to_contain_text("nikt nie pytał rodziny o zgodę")  # the case records no consent asked of the family
    shot(page, "48_protokol_za_zgoda")
    decision = "Pan Krzysztof zgodził się na spotkaniu, by przychodnia mówiła zespołowi o wizytach kontrolnych"
    type_text(page, ".sk-doc-decisions textarea", decision)
    expect(info).not_to_contain_text("nikt nie pytał")
    expect(page.locator(".sk-doc-decisions textarea")).to_have_value(decision)  # a line is not cut at 30 characters
    expect(page.locator(".sk-doc-ustalenia")).not_to_contain_text("najwyżej")
    page.locator(".sk-doc-informacje").scroll_into_view_if_needed()
    shot(page, "48b_protokol_zgoda_zapisana")

    page.click(".sk-back")
    expect(item).to_contain_text("w toku")
