"""In an English browser dates still read dd.mm.rrrr; a refused text keeps its message in view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.domain.contract import Goal

from .conftest import CHROMIUM, FLAGS, WAIT_MS, Server, open_case, open_tab, shot, sign_in, type_text

ENGLISH_FLAGS = [flag for flag in FLAGS if not flag.startswith("--lang=")] + ["--lang=en-US"]
GOAL_TEXT_LIMIT = Goal.model_fields["text"].metadata[0].max_length


@pytest.fixture
def english_page(browser: Browser) -> Iterator[Page]:
    """A second Chromium, started in English by the same Playwright as the Polish one."""
    english = browser.browser_type.launch(executable_path=CHROMIUM, args=ENGLISH_FLAGS)
    context = english.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    english.close()


def test_dates_read_day_month_year_in_an_english_browser(server: Server, english_page: Page):
    page = english_page
    assert page.evaluate("navigator.language") == "en-US"
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    due = page.locator(".sk-goal .sk-date input").last
    assert due.get_attribute("type") == "text", "not the browser's own date input, which follows its locale"
    assert due.get_attribute("placeholder") == "dd.mm.rrrr"
    type_text(page, ".sk-goal .sk-date input", "30.11.2026")
    expect(due).to_have_value("30.11.2026")
    expect(page.locator(".sk-goal .sk-messages").last).to_have_text("")
    type_text(page, ".sk-goal .sk-date input", "11/31/2026")
    expect(page.locator(".sk-goal .sk-messages").last).to_contain_text("to nie jest data")
    expect(due).to_have_value("11/31/2026")
    shot(page, "10_data_po_polsku_w_przegladarce_en")


def test_a_too_long_text_is_stopped_in_the_browser_and_its_message_stays(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    field = page.locator(".sk-goal-text textarea").last
    expect(field).to_have_attribute("maxlength", str(GOAL_TEXT_LIMIT))
    pasted = "Pan podejmuje terapię. " * (GOAL_TEXT_LIMIT // 10)
    field.focus()
    field.evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        pasted,
    )
    note = page.locator(".sk-goal-text .sk-limit-note").last
    expect(note).to_contain_text(f"mieści najwyżej {GOAL_TEXT_LIMIT}")
    expect(field).to_have_value("")
    type_text(page, ".sk-goal-indicator input", "zaświadczenie z poradni")
    expect(note).to_be_visible()
    shot(page, "11_za_dlugi_tekst_komunikat_zostaje")
    field.press_sequentially("Pan")
    expect(note).to_have_count(0)
    type_text(page, ".sk-goal-text textarea", "x" * (GOAL_TEXT_LIMIT + 50))
    expect(field).to_have_value("x" * GOAL_TEXT_LIMIT)
    expect(note).to_contain_text(f"To pole mieści najwyżej {GOAL_TEXT_LIMIT} znaków")


def test_evidence_is_chosen_with_the_keyboard_and_labels_are_whole(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    page.wait_for_selector(".sk-need-evidence input[type=checkbox]:visible")
    boxes = page.locator(".sk-need-evidence input[type=checkbox]:visible")  # the need's own area is unfolded
    assert boxes.count() >= 2
    findings = page.locator(".sk-live-findings")
    expect(findings).to_contain_text("nie ma uzasadnienia")
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    expect(boxes.nth(1)).to_be_checked()
    labels = page.locator(".sk-need-evidence .widget-label-basic span:visible")
    for index in range(labels.count()):
        cut = labels.nth(index).evaluate("el => el.scrollWidth > el.clientWidth + 1")
        assert not cut, labels.nth(index).inner_text()
    page.locator(".sk-need-evidence").first.scroll_into_view_if_needed()
    shot(page, "12_dowody_jako_pola_wyboru")
    expect(findings).not_to_contain_text("nie ma uzasadnienia")
    page.locator(".sk-need .sk-delete button, .sk-need button.sk-delete").first.click()
    expect(page.locator(".sk-delete-yes").first).to_be_visible()
    shot(page, "14_usuwanie_pyta_najpierw")
    page.locator(".sk-delete-no").first.click()
    expect(page.locator(".sk-need")).to_have_count(1)


def test_the_lista_filters_as_the_trainee_types(server: Server, page: Page):
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Kontrakt socjalny")
    results = page.locator(".sk-directory-results select option")
    expect(results.first).to_be_attached()
    everything = results.count()
    page.locator(".sk-directory-search input").press_sequentially("terapi", delay=50)
    expect(results.first).to_contain_text("erapi")
    assert 0 < results.count() < everything, "filtered without Enter or leaving the field"
    shot(page, "13_lista_szuka_w_trakcie_pisania")
