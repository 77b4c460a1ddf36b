"""A group's course on the hub: the trainee submits from the dashboard, the course's formgrader shows it,
autograde and feedback reach the trainee; a trainee cannot open the course's formgrader."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import nbgrader, open_tab, shot

from .conftest import EXERCISE, REGIONAL, Hub, approved, submit_exercise

TRAINEE = "ewisniewska"
STATEMENT = "Rodzinie brakuje pieniędzy na opał i jedzenie"


def test_trainer_grades_in_formgrader_and_feedback_reaches_the_trainee(hub: Hub, admin: Page, browser: Browser):
    trainee = approved(admin, browser, hub, TRAINEE)
    submit_exercise(trainee, EXERCISE, STATEMENT, "Babcia pomaga w opiece nad dziećmi")
    shot(trainee, "hub_06_cwiczenie_oddane")

    admin.goto(hub.at(f"services/{REGIONAL}/lab"))  # the course's shared JupyterLab, in the course folder
    admin.locator("#jp-main-dock-panel").wait_for(timeout=180_000)
    expect(admin.locator(".jp-DirListing-item", has_text="source")).to_be_visible()  # the course folder
    shot(admin, "hub_07_trener_jupyterlab_kursu")
    nbgrader(hub.course, "collect", EXERCISE)  # what the trainer runs in the course Lab's terminal or formgrader
    grade = [sys.executable, "-m", "szkola_kooperacji", "grade", "autograde", EXERCISE]
    run = subprocess.run(grade, cwd=hub.course, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    admin.goto(hub.at(f"services/{REGIONAL}/formgrader/gradebook/{EXERCISE}/{EXERCISE}"))
    expect(admin.locator("#main-table a.name-hidden")).to_have_count(1)  # "Submission #1": names hidden
    admin.locator("#toggle_names").click()
    expect(admin.locator("#main-table")).to_contain_text("Wiśniewska, Ewa")
    shot(admin, "hub_08_formgrader_kursu")

    answer = trainee.goto(hub.at(f"services/{REGIONAL}/formgrader"))  # a trainee opening the formgrader
    assert answer is not None
    assert answer.status == 403

    nbgrader(hub.course, "generate_feedback", EXERCISE)
    nbgrader(hub.course, "release_feedback", EXERCISE)
    trainee.goto(hub.at(f"user/{TRAINEE}/"))
    trainee.wait_for_selector(f".sk-exercise-{EXERCISE}", timeout=120_000)
    trainee.click(f".sk-exercise-{EXERCISE}")
    trainee.wait_for_selector(".sk-live-findings")
    open_tab(trainee, "Oddanie ćwiczenia")
    trainee.click(".sk-show-returned")
    frame = trainee.frame_locator(".sk-feedback-frame")
    expect(frame.locator("body")).to_contain_text("Babcia pomaga w opiece nad dziećmi", timeout=60_000)
    shot(trainee, "hub_09_informacja_zwrotna")
    trainee.context.close()
