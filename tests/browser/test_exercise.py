"""A graded exercise end to end in a real browser: the trainee submits from the dashboard, the trainer
collects, grades and returns feedback with nbgrader, and the formgrader shows the submission."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import Server, issued_codes, nbgrader, new_course, open_tab, running_jupyterlab, shot, type_text

EXERCISE = "cw2_diagnoza"
TRAINEE = "anowak"
STATEMENT = "Rodzinie brakuje pieniędzy na opał i jedzenie"
REFLECTION = "Babcia pomaga w opiece <b>nad dziećmi</b>"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_course(tmp_path_factory.mktemp("grupa"), {TRAINEE: ("Anna", "Nowak")}, EXERCISE)


def test_trainee_submits_exercise_and_reads_returned_feedback(course_server: Server, course_dir: Path, page: Page):
    page.goto(course_server.url)
    page.fill(".sk-trainee-name input", TRAINEE)
    page.fill(".sk-trainee-code input", issued_codes(course_dir)[TRAINEE])
    page.click(".sk-sign-in")
    page.wait_for_selector(f".sk-exercise-{EXERCISE}")
    shot(page, "10_cwiczenia_oceniane")

    page.click(f".sk-exercise-{EXERCISE}")
    page.wait_for_selector(".sk-live-findings")
    open_tab(page, "Diagnoza potrzeb")
    page.click(".sk-add-need")
    page.wait_for_selector(".sk-need-statement textarea")
    page.locator(".sk-need select").first.select_option(label="Sytuacja materialna (dochody, wydatki, długi)")
    type_text(page, ".sk-need-statement textarea", STATEMENT)
    open_tab(page, "Oddanie ćwiczenia")
    reflection, saved = page.locator(".sk-reflection-1 textarea"), page.locator(".sk-reflections-saved")
    reflection.fill(REFLECTION)  # typed, not yet sent: the reflections say so, as the save indicator does
    expect(saved).to_contain_text("Niezapisane zmiany", use_inner_text=True)  # what is visible
    reflection.press("Tab")
    expect(saved).to_contain_text("Refleksje zapisane o", use_inner_text=True)
    expect(saved).not_to_contain_text("Niezapisane", use_inner_text=True)
    expect(saved).not_to_have_class(re.compile("sk-unsaved"))
    shot(page, "10a_refleksje_zapisane")
    page.click(".sk-submit")
    expect(page.locator(".sk-submit-status")).to_contain_text("Oddano", timeout=60_000)
    shot(page, "11_cwiczenie_oddane")

    nbgrader(course_dir, "collect", EXERCISE)
    submitted = nbformat.read(course_dir / "submitted" / TRAINEE / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    sources = "\n".join(cell.source for cell in submitted.cells)
    assert STATEMENT in sources, "the work built in the dashboard travels inside the notebook"
    assert "Babcia pomaga w opiece &lt;b&gt;nad dziećmi&lt;/b&gt;" in sources, "the reflection is stored as text"

    run = subprocess.run(
        [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE],
        cwd=course_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    nbgrader(course_dir, "generate_feedback", EXERCISE)
    nbgrader(course_dir, "release_feedback", EXERCISE)
    page.click(".sk-show-returned")
    frame = page.frame_locator(".sk-feedback-frame")
    expect(frame.locator("body")).to_contain_text("Diagnoza potrzeb", timeout=60_000)
    expect(frame.locator("body")).to_contain_text("Babcia pomaga w opiece <b>nad dziećmi</b>")
    shot(page, "12_informacja_od_trenera")


@pytest.fixture
def jupyterlab(course_dir: Path, tmp_path: Path) -> Iterator[str]:
    with running_jupyterlab(course_dir, tmp_path / "lab.log") as url:
        yield url


def test_formgrader_opens_in_the_installed_jupyterlab(jupyterlab: str, browser: Browser, course_dir: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(jupyterlab.replace("/?token", "/formgrader?token"))
    expect(page.locator("body")).to_contain_text(EXERCISE, timeout=60_000)
    shot(page, "13_formgrader")
    page.goto(jupyterlab.replace("/?token", "/lab?token"))
    page.locator("#jp-main-dock-panel").wait_for(timeout=90_000)
    page.get_by_text("Nbgrader", exact=True).first.click()
    expect(page.get_by_text("Formgrader").first).to_be_visible(timeout=30_000)
    shot(page, "14_jupyterlab_nbgrader")
    context.close()
