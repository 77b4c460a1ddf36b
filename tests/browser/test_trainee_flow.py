"""A trainee picks a case, diagnoses, contracts, sees findings change and asks for feedback."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text


def test_trainee_builds_diagnosis_and_contract_with_live_feedback(server: Server, page: Page):
    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    shot(page, "01_logowanie")
    sign_in(page, server.url)
    shot(page, "02_lista_przypadkow")
    open_case(page)
    shot(page, "03_przypadek")
    findings = page.locator(".sk-live-findings")
    expect(findings).to_contain_text("Diagnoza nie zawiera jeszcze żadnej potrzeby")

    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    page.wait_for_selector(".sk-need-statement textarea")
    page.locator(".sk-need select").first.select_option(label="Uzależnienia")
    type_text(page, ".sk-need-statement textarea", "Pan pije alkohol codziennie i potrzebuje terapii")
    page.locator(".sk-need-evidence input[type=checkbox]:visible").first.check()  # the area's findings unfold
    expect(findings).not_to_contain_text("Diagnoza nie zawiera jeszcze żadnej potrzeby")
    expect(findings).to_contain_text("nie ma celu w kontrakcie")
    shot(page, "04_diagnoza")

    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    type_text(page, ".sk-goal-text textarea", "Pan podejmuje terapię uzależnienia w poradni")
    page.locator(".sk-goal-needs input[type=checkbox]").first.check()
    expect(findings).not_to_contain_text("nie ma celu w kontrakcie")
    expect(findings).to_contain_text("nie ma żadnego działania")
    type_text(page, ".sk-directory-search input", "terapi")
    page.locator(".sk-directory-results select").select_option(index=0)
    page.click(".sk-directory-add")
    page.wait_for_selector(".sk-action")
    expect(findings).not_to_contain_text("Kontrakt nie ma żadnych działań")
    shot(page, "05_kontrakt")

    open_tab(page, "Informacja zwrotna")
    page.click(".sk-ask-feedback")
    feedback = page.locator(".sk-feedback-view")
    expect(feedback).to_contain_text("Wynik:")
    expect(feedback).to_contain_text("Rozpoznane potrzeby")
    expect(feedback).to_contain_text("Pominięto potrzebę w obszarze")
    shot(page, "06_informacja_zwrotna")
