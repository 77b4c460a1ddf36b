"""The projekt socjalny end to end in a real browser: the trainee plans a group project section by section
while the rules' findings change live, leaves it drafted (the course says "w toku"), comes back, submits it
through nbgrader's exchange, and the trainer's autograde scores the project as data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from .conftest import Server, issued_codes, new_course, open_tab, return_feedback, shot, sign_in, type_text

EXERCISE = "cw9_projekt_socjalny"
TRAINEE = "anowak"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_course(tmp_path_factory.mktemp("grupa"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)


def findings_of(page: Page, key: str):
    return page.locator(f".sk-doc-{key} .sk-section-findings")


def test_trainee_plans_a_social_project_with_live_findings_and_submits_it(
    course_server: Server, course_dir: Path, page: Page
):
    sign_in(page, course_server.url, TRAINEE, issued_codes(course_dir)[TRAINEE])
    item = page.locator(f".sk-item-{EXERCISE}")
    expect(item).to_contain_text("nie rozpoczęto", timeout=60_000)
    expect(item).to_contain_text("Projekt socjalny dla grupy")

    page.click(f".sk-open-item-{EXERCISE}")
    page.wait_for_selector(".sk-document-workspace")
    expect(findings_of(page, "partnerzy")).to_contain_text("Brak partnerów spoza pomocy społecznej")
    open_tab(page, "Zadanie i treść")
    expect(page.locator(".sk-doc-content")).to_contain_text("Czym jest projekt socjalny")
    open_tab(page, "Projekt socjalny")

    type_text(
        page,
        ".sk-doc-diagnosis textarea",
        "W gminie Modrzewno według danych GOPS 14 rodzin wielodzietnych ma trudności wychowawcze i w prowadzeniu "
        "domu; rodzice są wyczerpani, daleko od usług powiatu, a zasiłki tego nie zmieniają.",
    )
    expect(findings_of(page, "diagnoza")).to_contain_text("Reguły nie zgłaszają uwag")
    _add_partner(page, "Poradnia Psychologiczno-Pedagogiczna", "edukacja", "powiat")
    expect(findings_of(page, "partnerzy")).to_contain_text("tylko z sektora: edukacja")
    _add_partner(page, "Gminny Ośrodek Zdrowia", "ochrona zdrowia", "gmina")
    expect(findings_of(page, "partnerzy")).not_to_contain_text("spoza pomocy")
    page.click(".sk-add-budget")
    expect(page.locator(".sk-rows-budget .sk-row")).to_have_count(1)
    page.locator(".sk-row-item input").last.fill("materiały warsztatowe")
    page.locator(".sk-row-item input").last.press("Tab")
    page.locator(".sk-row-amount input").last.fill("600")
    page.locator(".sk-row-amount input").last.press("Tab")
    expect(page.locator(".sk-budget-total")).to_contain_text("600,00 zł")
    expect(findings_of(page, "zasoby")).to_contain_text("bez źródła finansowania")
    type_text(page, ".sk-row-source input", "budżet GOPS")
    expect(findings_of(page, "zasoby")).not_to_contain_text("bez źródła finansowania")
    expect(page.locator(".sk-side .sk-saved")).to_contain_text("Zapisano o")
    page.locator(".sk-doc-partnerzy").scroll_into_view_if_needed()
    shot(page, "45_projekt_socjalny_w_toku")

    page.click(".sk-back")
    expect(item).to_contain_text("w toku")
    expect(item).to_contain_text("dokończ i oddaj")
    item.scroll_into_view_if_needed()
    shot(page, "46_kurs_projekt_w_toku")

    page.click(f".sk-open-item-{EXERCISE}")
    page.wait_for_selector(".sk-document-workspace")
    expect(page.locator(".sk-row-institution input").first).to_have_value("Poradnia Psychologiczno-Pedagogiczna")
    open_tab(page, "Oddanie ćwiczenia")
    page.locator(".sk-reflection-1 textarea").fill(
        "Najważniejsza byłaby poradnia; przy spadku frekwencji zapytam o dojazd."
    )
    page.locator(".sk-reflection-1 textarea").press("Tab")
    page.click(".sk-submit")
    expect(page.locator(".sk-submit-status")).to_contain_text("Trener zobaczy Twój projekt socjalny", timeout=60_000)

    _trainer_grades(course_dir)


def _add_partner(page: Page, institution: str, sector: str, level: str) -> None:
    rows = page.locator(".sk-rows-partners .sk-row")
    count = rows.count()
    page.click(".sk-add-partners")
    expect(rows).to_have_count(count + 1)  # the new row is drawn before it is filled
    page.locator(".sk-row-institution input").last.fill(institution)
    page.locator(".sk-row-institution input").last.press("Tab")
    page.locator(".sk-row-sector select").last.select_option(label=sector)
    page.locator(".sk-row-level select").last.select_option(label=level)
    type_text(page, ".sk-row-role input", "prowadzi zajęcia dla rodziców")


def _trainer_grades(course_dir: Path) -> None:
    """Collect, autograde as data and return feedback; the graded notebook shows the project and its points."""
    graded = return_feedback(course_dir, EXERCISE)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    notebook = course_dir / "autograded" / TRAINEE / EXERCISE / f"{EXERCISE}.ipynb"
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(notebook, as_version=4).cells}
    work_view = cells["praca"].outputs[0]["data"]["text/html"]
    assert "Poradnia Psychologiczno-Pedagogiczna" in work_view, "the trainer reads the project as tables"
    assert "Partnerzy: sektory i poziomy" in work_view
    explained = cells["test_projekt_socjalny"].outputs[0]["text"]
    assert "Spełnione w pełni zasady dobrego dokumentu" in explained
    points = float(cells["test_projekt_socjalny"].outputs[1]["data"]["text/plain"])
    assert 0 < points < 15, "a partly planned project earns part of the points"
