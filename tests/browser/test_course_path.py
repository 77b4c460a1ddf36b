"""A trainee's course in a real browser: sign in with an issued code, see the course, work through the first
module (lesson, case, graded exercise) with the states following, and download a verifiable certificate."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import LocatorAssertions, Page, expect

from .conftest import Server, answer_first_lesson, issued_codes, nbgrader, new_course, open_tab, shot, szkola, type_text

TRAINEE = "anowak"
EXERCISE = "cw1_lista_uslug"
CASE = "bezrobocie_alkohol_zurawiec"
LESSON = "lekcja_model_kooperacji"
MODULE = "r1_model_kooperacji"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    return new_course(tmp_path, {TRAINEE: ("Anna", "Nowak")}, EXERCISE)


def sign_in(page: Page, server: Server, code: str) -> None:
    page.goto(server.url)
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", code)
    page.click(".sk-sign-in")
    page.wait_for_selector(".sk-course")


def state_of(page: Page, item: str) -> LocatorAssertions:
    return expect(page.locator(f".sk-item-{item}"))


def read_the_lesson(page: Page) -> None:
    """Opening a lesson reads it; its self-check fails blank, then passes with four of five right."""
    page.click(".sk-next-step")
    expect(page.locator(".sk-lesson-text h1")).to_contain_text("Lekcja 1. Model Kooperacji")
    page.get_by_role("button", name="Sprawdź").click()
    summary = page.locator(".sk-sc-summary")
    expect(summary).to_contain_text("Jeszcze nie zaliczone: 0 z 5 poprawnych, potrzeba 4")
    page.get_by_role("button", name="← Wróć do kursu").last.click()
    state_of(page, LESSON).to_contain_text("przeczytana – rozwiąż test sprawdzający")
    page.click(f".sk-open-item-{LESSON}")
    answer_first_lesson(page, team="G-PZK – gminno-powiatowy zespół kooperacji")
    page.get_by_role("button", name="Sprawdź").click()
    expect(summary).to_contain_text("Zaliczone: 4 z 5")
    summary.scroll_into_view_if_needed()
    shot(page, "50b_lekcja_test_zaliczony")
    page.get_by_role("button", name="← Wróć do kursu").last.click()
    state_of(page, LESSON).to_contain_text("ukończono")


NEEDS = (
    ("Uzależnienia", "Krzysztof pije codziennie i chce spróbować terapii w poradni w Jarzębinie", "W10"),
    ("Sytuacja zawodowa i wykształcenie", "Krzysztof chce wrócić do pracy i znów zarejestrować się w PUP", "W6"),
    ("Sytuacja materialna (dochody, wydatki, długi)", "Rodzina musi spłacić zaległość za prąd, grozi odcięcie", "W3"),
)
"""Three of the expert's six needs, each grounded in a finding of the interview (area, statement, finding)."""

SERVICES = (
    ("terapia uzależ", "Poradnia Terapii Uzależnienia", "Terapia uzależnienia od alkoholu"),
    ("rejestracja", "Powiatowy Urząd Pracy", "Rejestracja jako osoba bezrobotna"),
    ("zadłużen", "Punkt nieodpłatnej pomocy prawnej", "Poradnictwo zadłużeniowe"),
    ("konsultacje dla rodzin", "Gminna Komisja Rozwiązywania Problemów Alkoholowych", "Konsultacje dla rodzin"),
)
"""Services of the Lista for the goal (words searched, institution, service): four sectors, gmina and powiat."""


def diagnose(page: Page) -> None:
    """Write the three needs, choosing each one's area and ticking the finding that shows it."""
    open_tab(page, "Diagnoza potrzeb")
    for number, (area, statement, finding) in enumerate(NEEDS, start=1):
        page.click(".sk-add-need")
        expect(page.locator(".sk-need")).to_have_count(number)  # the new card is there before it is filled in
        need = page.locator(".sk-need").last
        need.locator("select").first.select_option(label=area)
        type_text(page, ".sk-need-statement textarea", statement)
        need.get_by_label(re.compile(f"^{finding}:")).check()
    expect(page.locator(".sk-saved")).to_contain_text("Zapisano")


def contract(page: Page) -> None:
    """One measurable goal answering the three needs, served by four services picked from the Lista."""
    open_tab(page, "Kontrakt socjalny")
    page.click(".sk-add-goal")
    type_text(page, ".sk-goal-text textarea", "Krzysztof leczy się i rejestruje w PUP, rodzina spłaca prąd w ratach")
    for _, statement, _ in NEEDS:
        page.locator(".sk-goal-needs").get_by_label(statement, exact=False).check()
    type_text(page, ".sk-goal-indicator input", "zaświadczenia poradni i PUP; ugoda ratalna")
    type_text(page, ".sk-goal-target input", "do 30.06.2027")
    for number, (words, institution, service) in enumerate(SERVICES, start=1):
        page.fill(".sk-directory-search input", words)
        results = page.locator(".sk-directory-results select")
        first = results.locator("option").first  # the Select shows spaces as no-break spaces: compare words
        expect(first).to_contain_text(institution)
        expect(first).to_contain_text(f"— {service}")
        results.select_option(index=0)
        page.click(".sk-directory-add")
        expect(page.locator(".sk-action")).to_have_count(number)
    expect(page.locator(".sk-saved")).to_contain_text("Zapisano")


def work_the_case(page: Page) -> None:
    """The trainee works the case in the dashboard: the diagnosis puts it in progress, the contract finishes it."""
    state_of(page, CASE).to_contain_text("nie rozpoczęto")
    page.click(f".sk-open-item-{CASE}")
    page.wait_for_selector(".sk-live-findings")
    diagnose(page)
    shot(page, "51a_przypadek_diagnoza")
    page.click(".sk-back")
    state_of(page, CASE).to_contain_text("w toku")
    state_of(page, CASE).to_contain_text("/100 – do ukończenia potrzeba 60")
    shot(page, "51_kurs_w_toku")
    page.click(f".sk-open-item-{CASE}")
    page.wait_for_selector(".sk-live-findings")
    expect(page.locator(".sk-need")).to_have_count(len(NEEDS))  # the saved diagnosis comes back
    contract(page)
    shot(page, "51b_przypadek_kontrakt")
    page.click(".sk-back")
    state_of(page, CASE).to_contain_text("ukończono")
    expect(page.locator(f".sk-item-{CASE}")).not_to_contain_text("do ukończenia potrzeba")


def submit_the_exercise(page: Page) -> None:
    page.click(f".sk-open-item-{EXERCISE}")
    page.wait_for_selector(".sk-live-findings")
    open_tab(page, "Oddanie ćwiczenia")
    page.click(".sk-submit")
    expect(page.locator(".sk-submit-status")).to_contain_text("Oddano", timeout=60_000)
    page.click(".sk-back")
    state_of(page, EXERCISE).to_contain_text("oddane – czeka na ocenę trenera")


def trainer_grades_and_returns_feedback(page: Page, course_dir: Path) -> None:
    """Graded, the exercise waits for feedback; generated but not released feedback is not yet returned."""
    nbgrader(course_dir, "collect", EXERCISE)
    graded = szkola(["grade", "autograde", EXERCISE], course_dir)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    page.click(".sk-refresh-progress")
    state_of(page, EXERCISE).to_contain_text("ocenione – czeka na informację zwrotną od trenera")
    nbgrader(course_dir, "generate_feedback", EXERCISE)
    page.click(".sk-refresh-progress")
    state_of(page, EXERCISE).to_contain_text("ocenione – czeka na informację zwrotną od trenera")
    nbgrader(course_dir, "release_feedback", EXERCISE)


def test_a_trainee_works_through_a_module_and_downloads_the_certificate(
    course_server: Server, course_dir: Path, page: Page
):
    page.set_viewport_size({"width": 1024, "height": 768})
    code = issued_codes(course_dir)[TRAINEE]
    sign_in(page, course_server, code)
    expect(page.locator(".sk-course")).to_contain_text("Szkoła kooperacji – moduł regionalny")
    expect(page.locator(".sk-course")).to_contain_text("Uczestnik: Anna Nowak.")
    expect(page.locator(".sk-next")).to_contain_text("Lekcja 1. Model Kooperacji")
    state_of(page, LESSON).to_contain_text("nie rozpoczęto")
    state_of(page, EXERCISE).to_contain_text("do oddania")
    shot(page, "50_kurs_po_zalogowaniu")

    read_the_lesson(page)
    work_the_case(page)
    submit_the_exercise(page)

    trainer_grades_and_returns_feedback(page, course_dir)

    course_server.stop()  # progress survives a restart of the server
    course_server.start()
    sign_in(page, course_server, code)
    state_of(page, EXERCISE).to_contain_text("ukończono")
    state_of(page, CASE).to_contain_text("ukończono")
    module = page.locator(f".sk-module-{MODULE}")
    expect(module).to_contain_text("✔ ukończono")
    expect(page.locator(".sk-next")).to_contain_text("Lekcja 2.")
    module.scroll_into_view_if_needed()
    shot(page, "52_modul_ukonczony")

    with page.expect_download() as download:
        page.click(f".sk-certificate-{MODULE} button")
    name = download.value.suggested_filename
    assert name.startswith(f"zaswiadczenie_{TRAINEE}_SK-")
    pdf = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    number = name.removesuffix(".pdf").removeprefix(f"zaswiadczenie_{TRAINEE}_")
    for expected in ("ZAŚWIADCZENIE", "Anna Nowak", number, "Model Kooperacji i Lista aktywności i usług"):
        assert expected in text
    assert "Wielosektorowy kontrakt socjalny" not in text, "only the completed module is certified"
    expect(page.locator(".sk-download-status").first).to_contain_text("Pobrano plik")
    shot(page, "53_zaswiadczenie_pobrane")
    verified = szkola(["certificate", "verify", number, "--course-dir", str(course_dir)], course_dir)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Anna Nowak (anowak)" in verified.stdout
