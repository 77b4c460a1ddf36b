"""A trainee reads a lesson inside the dashboard at 1024×768, fails its self-check, retries and passes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from szkola_kooperacji.serving import ServeOptions, voila_command, voila_environment

from .conftest import WAIT_MS, answer_first_lesson, free_port, shot

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "notebooks" / "lekcja_widok.ipynb"
ETAPY = ["zgloszenie", "wywiad", "diagnoza", "kontrakt", "realizacja", "ocena"]
ETAPY_TEXT = {
    "zgloszenie": "Zgłoszenie i wybór rodziny",
    "wywiad": "Rodzinny wywiad środowiskowy",
    "diagnoza": "Diagnoza: spotkanie zespołu",
    "kontrakt": "Kontrakt: cele",
    "realizacja": "Realizacja i monitoring",
    "ocena": "Ocena: cele osiągnięte",
}


HOSTILE_LESSON = [
    "# Lekcja wroga\n\nZwykły akapit.\n\n<script>window.__pwned = 'script'</script>\n\n"
    "<img src=x onerror=\"window.__pwned = 'img'\">\n\n[kliknij](javascript:window.__pwned='link')\n\n"
    "| kolumna |\n|---|\n| <svg onload=\"window.__pwned = 'svg'\"></svg> |\n",
    "<details><summary><img src=x onerror=\"window.__pwned = 'summary'\"></summary>\n\nukryte\n</details>",
]


@contextmanager
def served_lesson(tmp_path: Path, env: dict[str, str]) -> Iterator[str]:
    """Serve the fixture notebook with the platform's own Voilà command, template and environment."""
    options = ServeOptions(port=free_port(), open_browser=False, store=tmp_path / "drafts.sqlite")
    command = voila_command(options)
    command[command.index(next(c for c in command if c.endswith(".ipynb")))] = str(FIXTURE)
    log = tmp_path / "voila.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env={**voila_environment(options), **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", options.port), timeout=1):
                break
        except OSError:
            assert process.poll() is None, log.read_text(errors="replace")
            time.sleep(0.3)
    try:
        yield f"http://127.0.0.1:{options.port}/"
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def lesson_url(tmp_path: Path) -> Iterator[str]:
    with served_lesson(tmp_path, {}) as url:
        yield url


@pytest.fixture
def small_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="pl-PL")
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield opened
    context.close()


def order_steps(page: Page, wanted: list[str]) -> None:
    """Move steps into order with the „Wyżej” buttons, pressed from the keyboard."""
    rows = page.locator(".sk-sc-etapy .sk-sc-step")
    for target, step in enumerate(wanted):
        current = _position(page, rows, ETAPY_TEXT[step])
        for position in range(current, target, -1):
            button = rows.nth(position).locator(".sk-sc-up")
            button.focus()
            page.keyboard.press("Enter")
            expect(rows.nth(position - 1)).to_contain_text(ETAPY_TEXT[step])


def _position(page: Page, rows: Locator, text: str) -> int:
    """Return the row showing ``text``, once the rows have settled (a move redraws two of them)."""
    for _ in range(WAIT_MS // 100):
        texts = rows.all_inner_texts()
        if all(sum(step in row for row in texts) == 1 for step in ETAPY_TEXT.values()):
            return next(i for i, row in enumerate(texts) if text in row)
        page.wait_for_timeout(100)
    raise AssertionError(f"the steps did not settle: {rows.all_inner_texts()}")


def test_read_fail_retry_pass_and_go_back(lesson_url: str, small_page: Page):
    page = small_page
    page.goto(lesson_url)
    heading = page.locator(".sk-lesson-text h1")
    expect(heading).to_have_text("Lekcja 1. Model Kooperacji – jak instytucje pracują razem dla jednej rodziny")
    expect(page.locator(".sk-lesson-text table").first).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1024, "the lesson scrolls sideways"
    assert page.locator(".sk-lesson-text script, .sk-lesson-text img").count() == 0
    shot(page, "60_lekcja_poczatek_1024")
    hint = page.locator(".sk-lesson-text details").first
    hint.locator("summary").click()
    expect(hint).to_have_attribute("open", "")
    hint.scroll_into_view_if_needed()
    shot(page, "61_lekcja_podpowiedz_1024")

    # first attempt: two of five wrong (a single choice and the untouched ordering), four are needed
    answer_first_lesson(page, team="WZK – Wojewódzki Zespół Kooperacji")
    page.get_by_role("button", name="Sprawdź").click()
    summary = page.locator(".sk-sc-summary")
    expect(summary).to_contain_text("Jeszcze nie zaliczone: 3 z 5 poprawnych, potrzeba 4")
    expect(page.locator(".sk-test-status")).to_have_text("Prób: 1, ostatnia: niezaliczone.")
    wrong = page.locator(".sk-sc-gpzk_wzk .sk-sc-wrong")
    expect(wrong).to_contain_text("WZK działa na poziomie województwa")
    expect(page.locator(".sk-sc-poziomy .sk-sc-right")).to_contain_text("Dobrze.")
    wrong.scroll_into_view_if_needed()
    shot(page, "62_samosprawdzenie_niezaliczone_1024")

    # retry: the right team, the steps in order from the keyboard
    page.get_by_label("G-PZK – gminno-powiatowy zespół kooperacji").check()
    expect(wrong).to_have_count(0)  # the changed answer's old reason is gone
    order_steps(page, ETAPY)
    page.get_by_role("button", name="Sprawdź").click()
    expect(summary).to_contain_text("Zaliczone: 5 z 5")
    expect(page.locator(".sk-test-status")).to_have_text("Prób: 2, ostatnia: zaliczone.")
    expect(page.locator(".sk-sc-etapy .sk-sc-right")).to_contain_text("Po przygotowaniu")
    page.locator(".sk-sc-etapy").scroll_into_view_if_needed()
    shot(page, "63_samosprawdzenie_kolejnosc_1024")
    summary.scroll_into_view_if_needed()
    shot(page, "64_samosprawdzenie_zaliczone_1024")

    page.get_by_role("button", name="← Wróć do modułu").last.click()
    expect(page.locator(".sk-test-status")).to_have_text("Powrót do modułu.")


def test_a_lesson_s_own_html_and_script_never_run(tmp_path: Path, small_page: Page):
    root = tmp_path / "kurs"
    (root / "notebooks").mkdir(parents=True)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in HOSTILE_LESSON]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks" / "lekcja_wroga.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    page = small_page
    with served_lesson(tmp_path, {"SZKOLA_TEST_ROOT": str(root), "SZKOLA_TEST_LESSON": "lekcja_wroga"}) as url:
        page.goto(url)
        expect(page.locator(".sk-lesson-text h1")).to_have_text("Lekcja wroga")
        text = page.locator(".sk-lesson-text")
        expect(text).to_contain_text("<script>window.__pwned = 'script'</script>")
        expect(text).to_contain_text("<img src=x onerror=")
        page.locator(".sk-lesson-text summary").click()
        expect(text).to_contain_text("ukryte")
        expect(page.locator(".sk-lesson")).to_contain_text("Ta lekcja nie ma jeszcze samosprawdzenia.")
        assert page.locator(".sk-lesson-text script, .sk-lesson-text img, .sk-lesson-text svg").count() == 0
        assert page.locator(".sk-lesson-text a").count() == 0  # a javascript: link stays text
        assert page.evaluate("window.__pwned") is None
        shot(page, "65_lekcja_z_wrogim_html_jako_tekst")
