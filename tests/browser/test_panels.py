"""Panels that stay in view: the live findings beside the contract's last action, the case's interview
beside a need's evidence, how complete each tab is, and a long evidence list folded by area — at
1280×800 and at 1024×768, by mouse and by keyboard."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from .conftest import Server, open_case, open_tab, shot, sign_in, type_text


def in_view(page: Page, locator: Locator) -> bool:
    """Return True when the element's top part is inside the window (not scrolled away)."""
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert viewport is not None
    return box["y"] >= -1 and box["y"] + min(box["height"], 40) <= viewport["height"]


def hidden_findings(need: Locator) -> int:
    """Return how many findings of a need's evidence list are folded away."""
    return int(need.locator(".sk-check").evaluate_all("els => els.filter(e => !e.getClientRects().length).length"))


def test_panels_stay_in_view_and_tabs_say_how_complete_they_are(server: Server, sized_page: tuple[str, Page]):
    size, page = sized_page
    sign_in(page, server.url)
    open_case(page)
    diagnosis_with_interview_beside(page, size)
    contract_with_findings_beside(page, size)


def diagnosis_with_interview_beside(page: Page, size: str) -> None:
    """Two needs, evidence chosen by keyboard in a folded list; the interview and findings stay in view."""
    open_tab(page, "Diagnoza potrzeb")
    progress = page.locator(".sk-diagnosis-main .sk-progress")
    expect(progress).to_have_text("Brak potrzeb — dodaj pierwszą.")
    for _ in range(2):
        page.click(".sk-add-need")
    expect(page.locator(".sk-need")).to_have_count(2)
    expect(progress).to_have_text("2 potrzeby, 2 bez opisu, 2 bez dowodu")
    type_text(page, ".sk-need-statement textarea", "Rodzinie grozi odcięcie prądu")
    expect(progress).to_have_text("2 potrzeby, 1 bez opisu, 2 bez dowodu")
    expect(page.locator(".sk-side-progress")).to_contain_text("Diagnoza: 2 potrzeby, 1 bez opisu, 2 bez dowodu")

    # The second need's evidence, by keyboard: its own area is open; another area unfolds with Enter.
    need = page.locator(".sk-need").last
    toggles = need.locator(".sk-fold-toggle")
    folded = toggles.filter(has_text="▸").first
    area = folded.inner_text().split(" — ")[0][2:]
    hidden_before = hidden_findings(need)
    assert hidden_before > 0, "folded groups hide their findings"
    folded.focus()
    page.keyboard.press("Enter")
    unfolded = toggles.filter(has_text=area).first
    expect(unfolded).to_contain_text("▾")
    expect(unfolded).to_contain_text("wybrane: 0 z")
    assert hidden_findings(need) < hidden_before, "the unfolded area shows its findings"
    page.keyboard.press("Tab")  # the first finding of the unfolded area
    page.keyboard.press("Space")
    expect(unfolded).to_contain_text("wybrane: 1 z")
    unfolded.focus()
    page.keyboard.press("Enter")  # folded again: the chosen finding stays in view
    expect(unfolded).to_contain_text("▸")
    chosen = need.locator(".sk-check input:checked")
    expect(chosen).to_have_count(1)
    expect(chosen).to_be_visible()
    expect(progress).to_have_text("2 potrzeby, 1 bez opisu, 1 bez dowodu")

    # The interview stays beside the editor while the trainee is at the bottom of the second need.
    need.locator(".sk-need-statement textarea").scroll_into_view_if_needed()
    need.locator(".sk-checklist").last.scroll_into_view_if_needed()
    interview = page.locator(".sk-interview-panel")
    assert in_view(page, interview), "the case's findings stay beside the diagnosis"
    assert in_view(page, page.locator(".sk-side h3")), "the live findings stay in view"
    shot(page, f"61_wywiad_obok_diagnozy_{size}")

    font = page.locator(".sk-need-statement textarea").first.evaluate("el => getComputedStyle(el).fontFamily")
    assert "mono" not in font.lower(), f"text areas use the page's font, not {font}"


def contract_with_findings_beside(page: Page, size: str) -> None:
    """Three actions; while the last is edited the live findings and the save indicator stay in view."""
    open_tab(page, "Kontrakt socjalny")
    contract_progress = page.locator(".sk-contract .sk-progress")
    expect(contract_progress).to_have_text("0 celów szczegółowych · 0 działań")
    page.click(".sk-add-goal")
    for _ in range(3):
        page.click(".sk-add-client-action")
    expect(page.locator(".sk-action")).to_have_count(3)
    expect(contract_progress).to_have_text("1 cel szczegółowy, 1 bez działania · 3 działania, 0 sektorów, 3 bez celu")
    last = page.locator(".sk-action").last
    last.locator(".sk-action-text textarea").scroll_into_view_if_needed()
    type_text(page, ".sk-action-text textarea", "Krzysztof zapisze się na spotkanie w PUP")
    # The kernel redraws the side notes (indicator, progress, findings: one widget) once the change is saved.
    expect(page.locator(".sk-side .sk-saved")).to_contain_text("Zapisano o", use_inner_text=True)
    assert in_view(page, page.locator(".sk-live-findings")), "the live findings stay in view beside the last action"
    assert in_view(page, page.locator(".sk-side .sk-saved")), "so does the save indicator"
    expect(page.locator(".sk-side-progress")).to_contain_text("Kontrakt: 1 cel szczegółowy")
    shot(page, f"62_uwagi_obok_dzialan_{size}")
