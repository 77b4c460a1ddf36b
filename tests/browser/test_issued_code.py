"""A trainee of a course signs in with the code from the card the trainer printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from szkola_kooperacji.page_binding import COOKIE

from .conftest import Server, issued_codes, new_course, shot

TRAINEE = "anowak"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_course(tmp_path_factory.mktemp("grupa-kody"), {TRAINEE: ("Anna", "Nowak")})


def test_trainee_signs_in_with_the_code_from_the_printed_card(course_server: Server, course_dir: Path, page: Page):
    code = issued_codes(course_dir)[TRAINEE]
    card = PdfReader(course_dir / "karty_logowania.pdf").pages[0].extract_text()
    assert code in card  # what the trainee types is what the card says
    page.goto(course_server.url)
    page.wait_for_selector(".sk-trainee-name input")
    expect(page.get_by_text("kod z karty logowania")).to_be_visible()
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", "ABCDE-FGHJK")
    page.click(".sk-sign-in")
    expect(page.get_by_text("Nie ma takiego identyfikatora z tym kodem")).to_be_visible(timeout=30_000)
    expect(page.locator(".sk-trainee-code input")).to_have_value("")
    page.fill(".sk-trainee-code input", code.lower())  # typed as read from the card, in small letters
    shot(page, "20_logowanie_kodem_z_karty")
    page.click(".sk-sign-in")
    expect(page.get_by_text(f"Witaj, {TRAINEE}")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Ćwiczenia oceniane")).to_be_visible(timeout=60_000)
    shot(page, "21_po_zalogowaniu_kodem_z_karty")
    assert COOKIE not in page.evaluate("document.cookie")  # HttpOnly: page scripts cannot read the secret
    assert code not in page.content()
    assert code.lower() not in page.content()
