"""What a trainee sees fits on a 1280×800 and a 1024×768 screen: no label, button, tab title or chosen
option of a dropdown is cut.

"Pobierz kontrakt (P…" and "(D…" cannot be told apart; "Ocena ko…" says nothing. Every view a
trainee meets is walked at both sizes, and every visible text that its box (or a box around it
with hidden overflow) cuts is named.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import Server, issued_codes, new_course, open_case, open_tab, shot, sign_in, type_text

EXERCISE = "cw2_diagnoza"
TRAINEE = "anowak"

FIND_CUT_TEXT = """
() => {
  // Text is cut when an element with its own text is wider than its box and the box hides the rest
  // (overflow hidden/clip, or an ellipsis), or when a box around it with hidden overflow ends before it.
  const root = document.querySelector("#rendered_cells") || document.body;
  const hides = (style) => ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.opacity !== "0";
  };
  const ownText = (el) =>
    Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("").trim();
  const cut = [];
  for (const el of root.querySelectorAll("*")) {
    const text = ownText(el) || (el.tagName === "BUTTON" ? el.textContent.trim() : "");
    if (!text || !visible(el) || el.closest("svg")) continue;
    const style = getComputedStyle(el);
    if (hides(style) && el.scrollWidth > el.clientWidth + 1) {
      cut.push(text);
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    const right = range.getBoundingClientRect().right;
    for (let box = el.parentElement; box && box !== root.parentElement; box = box.parentElement) {
      if (hides(getComputedStyle(box)) && right > box.getBoundingClientRect().right + 1) {
        cut.push(text);
        break;
      }
    }
  }
  // A dropdown shows its chosen option in a box of its own: measure that text in the dropdown's font.
  const context = document.createElement("canvas").getContext("2d");
  for (const select of root.querySelectorAll("select:not([multiple]):not([size])")) {
    const chosen = select.selectedOptions[0];
    if (!chosen || !visible(select)) continue;
    const style = getComputedStyle(select);
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const shown = chosen.textContent.replace(/\u00a0/g, " ").trim();
    if (context.measureText(chosen.textContent).width > room + 1) cut.push(shown);
  }
  return Array.from(new Set(cut));
}
"""


def cut_texts(page: Page) -> list[str]:
    """Return the visible texts on the page that their boxes cut."""
    return list(page.evaluate(FIND_CUT_TEXT))


class Views:
    """Looks at one view after another and keeps, per view, the texts found cut."""

    def __init__(self, page: Page, size: str) -> None:
        self.page, self.size = page, size
        self.cut: dict[str, list[str]] = {}

    def look(self, view: str) -> None:
        self.page.wait_for_timeout(300)  # let the widgets finish their layout
        shot(self.page, f"60_uklad_{self.size}_{view}")
        if found := cut_texts(self.page):
            self.cut[view] = found


def test_no_label_is_cut_in_any_view(server: Server, sized_page: tuple[str, Page]):
    size, page = sized_page
    views = Views(page, size)
    look = views.look

    page.goto(server.url)
    page.wait_for_selector(".sk-trainee-name input")
    look("logowanie")
    sign_in(page, server.url)
    look("lista_przypadkow")
    open_case(page)
    look("przypadek")

    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    page.wait_for_selector(".sk-need-statement textarea")
    page.locator(".sk-need .sk-delete").click()
    expect(page.locator(".sk-delete-question")).to_be_visible()
    look("diagnoza")
    page.locator(".sk-delete-no").click()

    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    page.wait_for_selector(".sk-goal-text textarea")
    page.click(".sk-add-client-action")
    page.locator(".sk-directory-results select").select_option(index=0)
    page.click(".sk-directory-add")
    expect(page.locator(".sk-action")).to_have_count(2)
    look("kontrakt")
    page.locator(".sk-directory-add").scroll_into_view_if_needed()
    look("kontrakt_lista_uslug")

    open_tab(page, "Mapa i dokument")
    page.wait_for_selector(".sk-download-button")
    look("mapa")
    open_tab(page, "Informacja zwrotna")
    page.click(".sk-ask-feedback")
    expect(page.locator(".sk-feedback-view")).to_contain_text("Wynik:")
    look("informacja_zwrotna")

    assert views.cut == {}, f"cut texts at {size}: {views.cut}"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_course(tmp_path_factory.mktemp("uklad"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)


def test_no_label_is_cut_in_a_graded_exercise(course_server: Server, course_dir: Path, sized_page: tuple[str, Page]):
    size, page = sized_page
    views = Views(page, size)
    page.goto(course_server.url)
    page.wait_for_selector(".sk-trainee-name input")
    views.look("kurs_logowanie")
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", issued_codes(course_dir)[TRAINEE])
    page.click(".sk-sign-in")
    page.wait_for_selector(f".sk-exercise-{EXERCISE}")
    views.look("kurs_lista")
    page.click(f".sk-exercise-{EXERCISE}")
    page.wait_for_selector(".sk-live-findings")
    open_tab(page, "Oddanie ćwiczenia")
    type_text(page, ".sk-reflection-1 textarea", "Babcia pomaga w opiece nad dziećmi.")
    expect(page.locator(".sk-reflections-saved")).to_contain_text("Refleksje zapisane o")
    views.look("kurs_oddanie")
    assert views.cut == {}, f"cut texts at {size}: {views.cut}"
