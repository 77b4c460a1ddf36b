"""Lessons opened from the trainee's course: the lesson view with its self-check, attempts kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as w

from ..data.lessons import load_self_check, self_check_path
from ..domain.course import Course
from ..domain.self_check import SelfCheckResult
from ..errors import SzkolaError
from ..storage import DraftStore
from ..storage.self_check_attempts import attempts, record_attempt
from .course_view import LessonOpener
from .lesson_view import LessonView
from .render import e

BACK_LABEL = "Wróć do kursu"


def lesson_opener(store: DraftStore, trainee: str) -> LessonOpener:
    """Return the course view's lesson factory for this trainee: their last attempt shown again, each one kept."""

    def open_lesson(lesson_id: str, back: Callable[[], None], passed: Callable[[bool], None]) -> w.Widget:
        try:
            self_check = load_self_check(lesson_id)
        except SzkolaError as error:  # a trainer's broken file: the lesson stays readable, the test says why
            self_check = None
            problem = w.HTML(f"<p class='sk-message'>Test do tej lekcji jest niedostępny: {e(error)}</p>")
        else:
            problem = None
        kept = attempts(store, trainee, lesson_id)

        def checked(result: SelfCheckResult) -> None:
            record_attempt(store, trainee, result)
            passed(result.passed)

        view = LessonView(
            lesson_id,
            self_check=self_check,
            on_back=back,
            on_self_check=checked,
            answers=kept[-1].answers if kept else None,
            back_label=BACK_LABEL,
        )
        return w.VBox([view, problem]) if problem is not None else view

    return open_lesson


def lessons_without_self_check(courses: Iterable[Course]) -> frozenset[str]:
    """Return the courses' lessons that have no self-check file: such a lesson is done once read."""
    return frozenset(
        lesson
        for course in courses
        for module in course.modules
        for lesson in module.lessons
        if not self_check_path(lesson).is_file()
    )
