"""What a trainee sees fits on a 1280×800 and a 1024×768 screen: no label, button, tab title or chosen
option of a dropdown is cut.

"Pobierz kontrakt (P…" and "(D…" cannot be told apart; "Ocena ko…" says nothing. Every view a
trainee meets is walked at both sizes, and every visible text that its box (or a box around it
with hidden overflow) cuts is named.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in

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


def test_no_label_is_cut_in_any_view(server: Server, sized_page: tuple[str, Page], tmp_path: Path):
    size, page = sized_page
    seen: dict[str, list[str]] = {}

    def look(view: str) -> None:
        page.wait_for_timeout(300)  # let the widgets finish their layout
        shot(page, f"60_uklad_{size}_{view}")
        if found := cut_texts(page):
            seen[view] = found

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

    assert seen == {}, f"cut texts at {size}: {seen}"
