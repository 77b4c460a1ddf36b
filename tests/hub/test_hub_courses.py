"""Two courses on one hub: each trainee's dashboard offers their own course's exercises, each trainer's
formgrader (a hub service per course) shows their own course's submissions, another course's is refused."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import nbgrader, shot, szkola

from .conftest import EXERCISE, REGIONAL, SUPRA, SUPRA_ONLY, TRAINERS, Hub, approved, submit_exercise

REGIONAL_TRAINEE, SUPRA_TRAINEE = "mwojcik", "kzielinska"
REGIONAL_NAME, SUPRA_NAME = "Wójcik, Marek", "Zielińska, Katarzyna"


def _collect_and_grade(hub: Hub, course: str) -> None:
    """What a course's trainer runs in the course Lab's terminal (or with the formgrader's buttons)."""
    nbgrader(hub.courses[course], "collect", EXERCISE)
    graded = szkola(["grade", "autograde", EXERCISE], hub.courses[course])
    assert graded.returncode == 0, graded.stdout + graded.stderr


def _gradebook(trainer: Page, hub: Hub, course: str) -> None:
    """The trainer opens the exercise's submissions in the course's formgrader, names shown."""
    answer = trainer.goto(hub.at(f"services/{course}/formgrader/gradebook/{EXERCISE}/{EXERCISE}"))
    assert answer is not None
    assert answer.status == 200
    # at least this course's trainee (other hub tests of the session may have submitted too); whose rows
    # they are is checked by name once shown
    expect(trainer.locator("#main-table a.name-hidden").first).to_be_visible()
    trainer.locator("#toggle_names").click()


def _refused(page: Page, hub: Hub, course: str) -> None:
    answer = page.goto(hub.at(f"services/{course}/formgrader"))
    assert answer is not None
    assert answer.status == 403, answer.status


def _course_list(trainer: Page, hub: Hub, user: str) -> list[str]:
    """The courses nbgrader's course list in the trainer's own Lab offers (the list Lab's menu shows)."""
    answer = trainer.request.get(hub.at(f"user/{user}/formgraders"))
    assert answer.status == 200, answer.status
    listed = json.loads(answer.text())
    assert listed["success"], listed
    return [course["course_id"] for course in listed["value"]]


def test_two_courses_each_with_its_trainees_and_its_trainer(hub: Hub, admin: Page, browser: Browser):
    regional = approved(admin, browser, hub, REGIONAL_TRAINEE)
    supra = approved(admin, browser, hub, SUPRA_TRAINEE)
    regional.wait_for_selector(f".sk-exercise-{EXERCISE}", timeout=180_000)
    expect(regional.locator(f".sk-exercise-{SUPRA_ONLY}")).to_have_count(0)  # the other course's exercise
    supra.wait_for_selector(f".sk-exercise-{SUPRA_ONLY}", timeout=180_000)
    expect(supra.locator(f".sk-exercise-{EXERCISE}")).to_have_count(1)
    shot(supra, "hub_10_pulpit_kursu_ponadregionalnego")
    submit_exercise(regional, EXERCISE, "Rodzina nie ma za co kupić opału", "Sąsiad pomaga przy remoncie")
    submit_exercise(supra, EXERCISE, "Matka nie ma pracy od roku", "Powiatowe centrum zna rodzinę")
    for course in (REGIONAL, SUPRA):  # each submission went to its own course's exchange
        _collect_and_grade(hub, course)

    regional_trainer = approved(admin, browser, hub, TRAINERS[REGIONAL])
    expect(regional_trainer).to_have_url(re.compile(rf"/user/{TRAINERS[REGIONAL]}/lab"), timeout=180_000)
    regional_trainer.locator("#jp-main-dock-panel").wait_for(timeout=180_000)
    assert _course_list(regional_trainer, hub, TRAINERS[REGIONAL]) == [REGIONAL]
    _gradebook(regional_trainer, hub, REGIONAL)
    expect(regional_trainer.locator("#main-table")).to_contain_text(REGIONAL_NAME)
    expect(regional_trainer.locator("#main-table")).not_to_contain_text(SUPRA_NAME)
    shot(regional_trainer, "hub_11_formgrader_kursu_regionalnego")
    _refused(regional_trainer, hub, SUPRA)
    shot(regional_trainer, "hub_12_cudzy_formgrader_403")

    supra_trainer = approved(admin, browser, hub, TRAINERS[SUPRA])
    _gradebook(supra_trainer, hub, SUPRA)
    expect(supra_trainer.locator("#main-table")).to_contain_text(SUPRA_NAME)
    expect(supra_trainer.locator("#main-table")).not_to_contain_text(REGIONAL_NAME)
    _refused(supra_trainer, hub, REGIONAL)
    _refused(regional, hub, REGIONAL)  # a trainee: not even their own course's formgrader
    for page in (regional, supra, regional_trainer, supra_trainer):
        page.context.close()
