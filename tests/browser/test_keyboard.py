"""A trainee who uses no mouse: sign-in, a case, a need with evidence, an action from the Lista, the contract.

Only ``page.keyboard`` is used (Tab, Shift+Tab, Enter, Space, arrows, typing); at every stop the focused
control must show a visible focus ring, and a screenshot of it is kept.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import CASE_ID, Server, shot

MAX_TABS = 150
"""More Tab presses than any route below needs: a control that cannot be reached fails instead of looping."""

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor,
    html: el.outerHTML.slice(0, 160),
  };
}"""
RING_PX = 2
"""A focus ring at least this wide: the thin border colour change of ipywidgets' own fields is easy to miss."""


def focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("s => { const el = document.activeElement; return !!el && el.matches(s); }", selector))


def focus_by_tab(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the control matching ``selector`` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if focused(page, selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} cannot be reached with {key} in {MAX_TABS} presses")


def assert_visible_focus(page: Page, step: str) -> None:
    """The focused control shows a focus ring (a solid, opaque outline); keep a screenshot of the step."""
    state = page.evaluate(FOCUS)
    assert state is not None, f"{step}: nothing has the focus"
    visible = state["style"] not in ("none", "hidden") and state["width"] >= RING_PX and "rgba" not in state["color"]
    assert visible, f"{step}: focus is not visible on {state['html']} (outline {state})"
    shot(page, f"klawiatura_{step}")


def test_a_trainee_works_through_a_case_with_the_keyboard_alone(server: Server, page: Page):
    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    sign_in_and_open_the_case(page)
    findings = page.locator(".sk-live-findings")

    add_a_need_with_evidence(page)
    expect(findings).not_to_contain_text("Diagnoza nie zawiera jeszcze żadnej potrzeby")
    expect(findings).to_contain_text("nie ma celu w kontrakcie")

    add_an_action_from_the_lista(page)
    expect(page.locator(".sk-action")).to_have_count(1)
    expect(page.locator(".sk-action-text textarea")).not_to_have_value("")
    expect(findings).not_to_contain_text("Kontrakt nie ma żadnych działań")

    choose_tab(page, "Mapa i dokument", "13_zakladka_mapa")
    focus_by_tab(page, "button.sk-download-button")
    assert "PDF" in page.evaluate("() => document.activeElement.textContent")
    assert_visible_focus(page, "14_pobierz_kontrakt")
    with page.expect_download() as pdf:
        page.keyboard.press("Enter")
    assert pdf.value.suggested_filename == f"kontrakt_{CASE_ID}.pdf"
    assert pdf.value.path().stat().st_size > 1000
    expect(page.locator(".sk-download-status").first).to_contain_text("Pobrano plik")
    assert_visible_focus(page, "15_kontrakt_pobrany")  # the focus stays on the button after the download


def sign_in_and_open_the_case(page: Page) -> None:
    focus_by_tab(page, ".sk-trainee-name input")
    page.keyboard.type("Karol Klawiatura")
    assert_visible_focus(page, "01_imie")
    page.keyboard.press("Tab")
    assert focused(page, ".sk-trainee-code input"), "Tab goes from the name to the code"
    page.keyboard.type("klawisze123")
    assert_visible_focus(page, "02_kod")
    page.keyboard.press("Enter")
    open_button = f".sk-open-{CASE_ID}"
    page.wait_for_selector(open_button)
    focus_by_tab(page, open_button)
    assert_visible_focus(page, "03_lista_przypadkow")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sk-live-findings")


def add_a_need_with_evidence(page: Page) -> None:
    choose_tab(page, "Diagnoza potrzeb", "04_zakladka_diagnoza")
    focus_by_tab(page, ".sk-add-need")
    assert_visible_focus(page, "05_dodaj_potrzebe")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sk-need-statement textarea")
    focus_by_tab(page, ".sk-need select")
    page.keyboard.press("End")  # the last area of life, chosen without opening the list
    assert_visible_focus(page, "06_obszar")
    focus_by_tab(page, ".sk-need-statement textarea")
    page.keyboard.type("Pan pije alkohol codziennie i potrzebuje terapii")
    assert_visible_focus(page, "07_potrzeba")
    focus_by_tab(page, ".sk-need-evidence input[type=checkbox]")
    page.keyboard.press("Space")
    expect(page.locator(".sk-need-evidence input[type=checkbox]:focus")).to_be_checked()
    assert_visible_focus(page, "08_dowod")


def add_an_action_from_the_lista(page: Page) -> None:
    choose_tab(page, "Kontrakt socjalny", "09_zakladka_kontrakt")
    focus_by_tab(page, ".sk-directory-search input")
    page.keyboard.type("terapi")
    assert_visible_focus(page, "10_szukaj_w_liscie")
    focus_by_tab(page, ".sk-directory-results select")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".sk-panel .sk-card")).to_be_visible()  # the chosen service's details
    assert_visible_focus(page, "11_usluga_z_listy")
    focus_by_tab(page, ".sk-directory-add")
    assert_visible_focus(page, "12_dodaj_dzialanie")
    page.keyboard.press("Enter")


def choose_tab(page: Page, title: str, step: str) -> None:
    """Reach the workspace's tab bar with Shift+Tab, move to a tab with the arrows and open it with Enter."""
    focus_by_tab(page, ".lm-TabBar-tab", backwards=True)
    for _ in range(len(page.locator(".lm-TabBar-tab").all())):
        if title in page.evaluate("() => document.activeElement.textContent"):
            break
        page.keyboard.press("ArrowRight")
    assert title in page.evaluate("() => document.activeElement.textContent"), f"no tab {title}"
    assert_visible_focus(page, step)
    page.keyboard.press("Enter")
    expect(page.locator(".lm-TabBar-tab.lm-mod-current")).to_contain_text(title)
