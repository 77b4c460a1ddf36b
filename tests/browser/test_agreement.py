"""The cooperation agreement end to end in a real browser: the trainee reads what an agreement contains,
fills it section by section while the rules' findings change live, submits it through nbgrader's
exchange, and the trainer's autograde scores the document as data; the course item follows each step."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from .conftest import Server, issued_codes, new_course, open_tab, return_feedback, shot, sign_in, type_text

EXERCISE = "cw6_porozumienie"
TRAINEE = "anowak"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_course(tmp_path_factory.mktemp("grupa"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)


def section(page: Page, key: str):
    return page.locator(f".sk-doc-{key}")


def test_trainee_drafts_the_agreement_with_live_findings_and_submits_it(
    course_server: Server, course_dir: Path, page: Page
):
    sign_in(page, course_server.url, TRAINEE, issued_codes(course_dir)[TRAINEE])
    page.wait_for_selector(f".sk-item-{EXERCISE}")
    item = page.locator(f".sk-item-{EXERCISE}")
    expect(item).to_contain_text("nie rozpoczęto")
    expect(item).to_contain_text("Porozumienie o współpracy gminy i powiatu")

    page.click(f".sk-open-item-{EXERCISE}")
    page.wait_for_selector(".sk-document-workspace")
    parties = section(page, "strony")
    expect(parties.locator(".sk-section-findings")).to_contain_text("Brak nazwy gminy")
    shot(page, "40_porozumienie_puste")
    open_tab(page, "Zadanie i treść")
    expect(page.locator(".sk-doc-content")).to_contain_text("Informacje o rodzinie i RODO")
    shot(page, "41_porozumienie_tresc")
    open_tab(page, "Projekt porozumienia")

    type_text(page, ".sk-doc-party-gmina input", "Gmina Żurawiec")
    expect(parties.locator(".sk-section-findings")).not_to_contain_text("Brak nazwy gminy")
    expect(parties.locator(".sk-section-findings")).to_contain_text("Brak nazwy powiatu")
    type_text(page, ".sk-doc-party-powiat input", "Powiat Jarzębiński")
    type_text(page, ".sk-doc-unit-gmina input", "Gminny Ośrodek Pomocy Społecznej")
    type_text(page, ".sk-doc-unit-powiat input", "Powiatowe Centrum Pomocy Rodzinie")
    expect(parties.locator(".sk-section-findings")).to_contain_text("Reguły nie zgłaszają uwag")
    type_text(
        page,
        ".sk-doc-purpose textarea",
        "Wspólne wielosektorowe wsparcie rodzin z gminy na podstawie diagnozy potrzeb i kontraktu socjalnego.",
    )
    type_text(page, ".sk-doc-information textarea", "Tylko informacje potrzebne do diagnozy i kontraktu rodziny.")
    info = section(page, "informacje")
    expect(info.locator(".sk-section-findings")).to_contain_text("nie przewiduje zgody rodziny")
    info.get_by_text("pisemna, świadoma zgoda osoby lub rodziny").click()
    expect(info.locator(".sk-section-findings")).not_to_contain_text("nie przewiduje zgody rodziny")
    _add_team_member(page)
    expect(page.locator(".sk-side .sk-saved")).to_contain_text("Zapisano o")
    section(page, "zespol").scroll_into_view_if_needed()
    shot(page, "42_porozumienie_w_toku")

    open_tab(page, "Oddanie ćwiczenia")
    page.locator(".sk-reflection-1 textarea").fill("Najtrudniej będzie z poradnią; zaproszę jej dyrektora.")
    page.locator(".sk-reflection-1 textarea").press("Tab")
    page.click(".sk-submit")
    expect(page.locator(".sk-submit-status")).to_contain_text("Trener zobaczy Twoje porozumienie", timeout=60_000)
    shot(page, "43_porozumienie_oddane")

    _trainer_grades(course_dir)
    page.click(".sk-show-returned")
    frame = page.frame_locator(".sk-feedback-frame")
    expect(frame.locator("body")).to_contain_text("Porozumienie o współpracy gminy i powiatu", timeout=60_000)
    page.click(".sk-back")
    expect(item).to_contain_text("ukończono")
    shot(page, "44_kurs_porozumienie_ukonczone")


def _trainer_grades(course_dir: Path) -> None:
    """Collect, autograde as data and return feedback; the graded notebook shows the agreement and its points."""
    graded = return_feedback(course_dir, EXERCISE)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    notebook = course_dir / "autograded" / TRAINEE / EXERCISE / f"{EXERCISE}.ipynb"
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(notebook, as_version=4).cells}
    work_view = cells["praca"].outputs[0]["data"]["text/html"]
    assert "Gmina Żurawiec" in work_view, "the trainer reads the agreement as tables"
    explained = cells["test_porozumienie"].outputs[0]["text"]
    assert "Spełnione w pełni zasady dobrego dokumentu" in explained
    points = float(cells["test_porozumienie"].outputs[1]["data"]["text/plain"])
    assert 0 < points < 15, "a partly drafted agreement earns part of the points"


def _add_team_member(page: Page) -> None:
    """Add the PUP (labour market, powiat) to the team; the team's findings follow."""
    page.click(".sk-member-add")
    page.locator(".sk-member-institution input").last.fill("Powiatowy Urząd Pracy")
    page.locator(".sk-member-institution input").last.press("Tab")
    page.locator(".sk-member-sector select").last.select_option(label="rynek pracy")
    page.locator(".sk-member-level select").last.select_option(label="powiat")
    expect(section(page, "zespol").locator(".sk-section-findings")).to_contain_text("tylko sektor: rynek pracy")
