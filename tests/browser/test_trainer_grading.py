"""The trainer's side in a real browser: a reflection graded by hand in nbgrader's formgrader, and the group
report of ``szkola report --serve``.

Two trainees submit through nbgrader's exchange, the trainer collects and autogrades with ``szkola grade
autograde``; then the real JupyterLab (formgrader) and the real Voilà report are opened in Chromium.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from nbgrader.api import Gradebook
from playwright.sync_api import Browser, Page, expect

from szkola_kooperacji.cli import main
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.grading.course_folder import CourseFolder
from szkola_kooperacji.grading.exchange import TraineeExchange

from .conftest import WAIT_MS, nbgrader, new_course, running_jupyterlab, running_report, shot

pytestmark = pytest.mark.slow

EXERCISE = "cw2_diagnoza"
UNSUBMITTED = "cw3_kontrakt"
"""Generated but not yet done by anyone: a second module in the report, with zero points."""
CASE = "wielodzietna_bezradnosc_modrzewno"
TRAINEES = {"anowak": ("Anna", "Nowak"), "bkowalski": ("Bartosz", "Kowalski"), "cjanik": ("Celina", "Janik")}
BROKEN = "cjanik"
"""Hands in a file that is not a notebook (written by hand into submitted/ after collecting)."""
REFLECTIONS = {
    "anowak": "Babcia pomaga w opiece nad dziećmi, a szkoła zna rodzinę.",
    "bkowalski": "Ojciec chce wrócić do pracy w tartaku.",
    "cjanik": "Odpowiedź, której plik się uszkodził.",
}
POINTS = 4
COMMENT = "Trafnie wskazane zasoby rodziny; dopisz, jak włączysz babcię do kontraktu."
AUTO_POINTS = 10.0
MODULE_OF_EXERCISE = "Rodzinny wywiad środowiskowy i diagnoza potrzeb"
MODULE_UNSUBMITTED = "Wielosektorowy kontrakt socjalny"


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A group of three whose submissions of the exercise are collected and autograded (one file broken)."""
    course_dir = new_course(tmp_path_factory.mktemp("trener"), TRAINEES, EXERCISE)
    nbgrader(course_dir, "generate_assignment", UNSUBMITTED)

    case = load_valid_catalog().case(CASE)
    reference = Draft(case_id=CASE, diagnosis=case.reference.diagnosis, contract=case.reference.contract)
    half = reference.model_copy(deep=True)
    half.diagnosis.needs = half.diagnosis.needs[: len(half.diagnosis.needs) // 2]
    works = {"anowak": reference.model_dump_json(), "bkowalski": half.model_dump_json(), BROKEN: ""}
    for trainee, work in works.items():
        TraineeExchange(course_dir, trainee).submit(EXERCISE, work, {"refleksja_1": REFLECTIONS[trainee]})
    nbgrader(course_dir, "collect", EXERCISE)
    broken = course_dir / "submitted" / BROKEN / EXERCISE / f"{EXERCISE}.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE, "--jobs", "2"],
        cwd=course_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"  {BROKEN}: Oddany notatnik różni się od wydanego ćwiczenia" in run.stderr
    return course_dir


def report_csv(course_dir: Path, target: Path) -> dict[tuple[str, str], dict[str, str]]:
    result = CliRunner().invoke(main, ["report", "--course-dir", str(course_dir), "--csv", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8-sig") as stream:
        return {(r["uczestnik"], r["element"]): r for r in csv.DictReader(stream) if r["cwiczenie"] == EXERCISE}


def open_submission_in_formgrader(page: Page, lab_url: str, first: str, last: str) -> None:
    """Formgrader → Manual Grading → the exercise → its notebook → the trainee's submission."""
    page.goto(lab_url.replace("/?token", "/formgrader?token"))
    page.get_by_role("link", name="Manual Grading").click()
    page.wait_for_url("**/formgrader/gradebook")
    expect(page.locator(".breadcrumb")).to_contain_text("Manual Grading")
    page.locator("#main-table a", has_text=EXERCISE).click()
    page.wait_for_url(f"**/formgrader/gradebook/{EXERCISE}")
    page.locator("#main-table a", has_text=EXERCISE).click()
    page.wait_for_url(f"**/formgrader/gradebook/{EXERCISE}/{EXERCISE}")
    expect(page.locator("#main-table a.name-hidden")).to_have_count(len(TRAINEES))  # "Submission #n", names hidden
    page.locator("#toggle_names").click()  # "Show All Names"
    page.locator("#main-table a", has_text=f"{last}, {first}").click()
    page.wait_for_url("**/formgrader/submissions/**")


def give_points_and_comment(page: Page, points: int, comment: str) -> None:
    """Type the reflection's points and a comment, leaving each field as a trainer does; wait until saved."""
    score = page.locator("input#refleksja_1")
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as put:
        score.fill(str(points))
        score.press("Tab")  # leaving the field saves it, as when the trainer moves on
    assert put.value.ok, put.value.status
    field = page.locator("textarea#refleksja_1-comment")
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT") as put:
        field.fill(comment)
        field.press("Tab")
    assert put.value.ok, put.value.status


def test_formgrader_shows_the_work_as_tables_and_opens_a_broken_submission(
    graded_course: Path, browser: Browser, tmp_path: Path
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    with running_jupyterlab(graded_course, tmp_path / "lab.log") as lab_url:
        open_submission_in_formgrader(page, lab_url, *TRAINEES["bkowalski"])
        work = page.locator(".szkola-praca")
        expect(work).to_contain_text("Diagnoza potrzeb")
        expect(work.locator("th").first).to_have_text("Id")
        expect(work).to_contain_text("Pilność")
        work.scroll_into_view_if_needed()
        shot(page, "25_formgrader_praca_jako_tabele")

        open_submission_in_formgrader(page, lab_url, *TRAINEES[BROKEN])
        expect(page.locator("body")).to_contain_text("nie jest poprawnym notatnikiem")
        expect(page.locator("body")).not_to_contain_text("Traceback")
        shot(page, "26_formgrader_uszkodzona_praca")
    context.close()


def test_trainer_grades_a_reflection_by_hand_and_the_comment_reaches_feedback(
    graded_course: Path, browser: Browser, tmp_path: Path
):
    before = report_csv(graded_course, tmp_path / "przed.csv")
    assert before["anowak", "refleksja_1"]["do_oceny_recznej"] == "True", "a reflection waits for the trainer"

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    with running_jupyterlab(graded_course, tmp_path / "lab.log") as lab_url:
        open_submission_in_formgrader(page, lab_url, *TRAINEES["anowak"])
        cell = page.locator(".nbgrader_cell", has=page.locator("#refleksja_1"))
        expect(cell).to_contain_text(REFLECTIONS["anowak"])
        shot(page, "20_formgrader_refleksja_przed")

        give_points_and_comment(page, POINTS, COMMENT)
        page.reload()  # what the trainer sees when coming back: the stored score and comment
        expect(page.locator("input#refleksja_1")).to_have_value(str(POINTS))
        expect(page.locator("textarea#refleksja_1-comment")).to_have_value(COMMENT)
        page.locator("textarea#refleksja_1-comment").scroll_into_view_if_needed()
        shot(page, "21_formgrader_refleksja_oceniona")

    with Gradebook(CourseFolder(graded_course).db_url) as gradebook:
        grade = gradebook.find_grade("refleksja_1", EXERCISE, EXERCISE, "anowak")
        assert grade.manual_score == POINTS
        assert not grade.needs_manual_grade
        stored = gradebook.find_comment("refleksja_1", EXERCISE, EXERCISE, "anowak")
        assert stored.manual_comment == COMMENT
        other = gradebook.find_grade("refleksja_1", EXERCISE, EXERCISE, "bkowalski")
        assert other.manual_score is None, "only the chosen trainee's submission was graded"

    after = report_csv(graded_course, tmp_path / "po.csv")
    assert float(after["anowak", "refleksja_1"]["punkty"]) == POINTS
    assert after["anowak", "refleksja_1"]["do_oceny_recznej"] == "False"
    assert float(after["anowak", "test_diagnoza"]["punkty"]) == AUTO_POINTS, "the automatic part is kept"
    assert after["bkowalski", "refleksja_1"]["do_oceny_recznej"] == "True"

    nbgrader(graded_course, "generate_feedback", EXERCISE)
    feedback = graded_course / "feedback" / "anowak" / EXERCISE / f"{EXERCISE}.html"
    html = feedback.read_text(encoding="utf-8")
    assert "Komentarz:" in html
    assert COMMENT in html
    assert f"Punkty: {POINTS:.1f} / 5.0" in html
    other_feedback = graded_course / "feedback" / "bkowalski" / EXERCISE / f"{EXERCISE}.html"
    assert COMMENT not in other_feedback.read_text(encoding="utf-8")

    page.goto(feedback.as_uri())
    expect(page.locator("body")).to_contain_text(COMMENT)
    page.get_by_text(COMMENT).scroll_into_view_if_needed()
    shot(page, "22_informacja_zwrotna_z_komentarzem")
    context.close()


@pytest.fixture
def report_server(graded_course: Path, tmp_path: Path) -> Iterator[str]:
    """``szkola report --serve`` as the trainer starts it, on a free port."""
    with running_report(graded_course, tmp_path / "report.log") as url:
        yield url


def cell_texts(page: Page, table: int) -> list[list[str]]:
    rows = page.locator(".sk-report table.sk-table").nth(table).locator("tbody tr")
    return [row.locator("td").all_inner_texts() for row in rows.all()]


def test_report_dashboard_shows_trainees_points_per_item_and_filters_by_module(
    report_server: str, graded_course: Path, page: Page
):
    page.goto(report_server)
    expect(page.locator(".sk-report")).to_contain_text("Wynik uczestników", timeout=WAIT_MS)
    expect(page.locator(".sk-title")).to_contain_text("Raport grupy")

    trainees = {row[0]: row for row in cell_texts(page, 0)}
    assert set(trainees) == set(TRAINEES)
    header = page.locator(".sk-report table.sk-table").first.locator("thead th").all_inner_texts()
    assert header[0] == "Uczestnik", header
    exercise_column = header.index(EXERCISE)
    with Gradebook(CourseFolder(graded_course).db_url) as gradebook:  # a reflection may have been graded by hand
        totals = {t: gradebook.find_submission(EXERCISE, t).score for t in TRAINEES}
    assert totals["anowak"] >= AUTO_POINTS, "the reference work gets the automatic points"
    for trainee, total in totals.items():
        assert trainees[trainee][exercise_column] == f"{total:.1f}".replace(".", ","), trainee
    assert 0 < float(trainees["bkowalski"][exercise_column].replace(",", ".")) < AUTO_POINTS
    assert trainees[BROKEN][exercise_column] == "0,0", "a broken file is handed in and scored 0"
    assert trainees["anowak"][header.index(UNSUBMITTED)] == "–", "not handed in is not shown as 0 points"

    items = cell_texts(page, 2)  # every graded item: uczestnik, cwiczenie, opis, rodzaj, punkty, maks
    assert [row[0] for row in items] == sorted(row[0] for row in items), "items are listed trainee by trainee"
    anowak = {(row[1], row[2]): row for row in items if row[0] == "anowak"}
    assert anowak[EXERCISE, "Diagnoza potrzeb"][4:] == ["10,0", "10,0"]
    reflection = anowak[EXERCISE, "Refleksja 1"]
    assert (reflection[3], reflection[5]) == ("trener", "5,0"), "graded by the trainer, up to 5 points"
    assert {row[1] for row in items} == {EXERCISE, UNSUBMITTED}
    assert {row[4] for row in items if row[1] == UNSUBMITTED} == {"–"}, "points of work not handed in are not 0"
    expect(page.locator(".sk-report .sk-message")).to_contain_text("Do oceny ręcznej czeka")
    shot(page, "23_raport_grupy")

    module = page.locator(".sk-report-module select")
    options = [text.replace("\xa0", " ") for text in module.locator("option").all_inner_texts()]  # ipywidgets' nbsp
    assert options == ["wszystkie moduły", MODULE_OF_EXERCISE, MODULE_UNSUBMITTED]
    module.select_option(index=options.index(MODULE_UNSUBMITTED))
    expect(page.locator(".sk-report table.sk-table").first.locator("thead")).not_to_contain_text(EXERCISE)
    items = cell_texts(page, 2)
    assert items, "the module's items are listed"
    assert {row[1] for row in items} == {UNSUBMITTED}
    assert {row[0] for row in items} == set(TRAINEES)
    shot(page, "24_raport_grupy_modul")

    module.select_option(index=options.index(MODULE_OF_EXERCISE))
    expect(page.locator(".sk-report table.sk-table").first.locator("thead")).to_contain_text(EXERCISE)
    assert {row[1] for row in cell_texts(page, 2)} == {EXERCISE}
