"""Whatever a trainee types is shown as text: HTML or script in a field is never interpreted."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text

HOSTILE = "<img src=x onerror=alert(1)> koszt $x^2$ i \\(y\\) zł"
"""Markup, and TeX that MathJax (which Voilà loads) would typeset if it reached a text node unguarded."""


def test_markup_in_a_field_is_shown_as_text(server: Server, page: Page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, server.url)
    open_case(page)
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    type_text(page, ".sk-need-statement textarea", HOSTILE)
    findings = page.locator(".sk-live-findings")
    expect(findings).to_contain_text(HOSTILE)
    assert findings.locator("img").count() == 0
    open_tab(page, "Informacja zwrotna")
    page.click(".sk-ask-feedback")
    expect(page.locator(".sk-feedback-view")).to_contain_text(HOSTILE)
    assert page.locator(".sk-feedback-view img").count() == 0
    shot(page, "09_tekst_jako_tekst")
    assert page.locator("mjx-container, .MathJax").count() == 0, "TeX typed by a trainee is not typeset"
    assert dialogs == []
