"""The course view after sign-in (no group): modules with states, the next step, lessons, worked cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances

from szkola_kooperacji.dashboard import Dashboard
from szkola_kooperacji.dashboard.course_view import CourseView, LessonOpener
from szkola_kooperacji.dashboard.lesson_view import LessonView
from szkola_kooperacji.data import load_valid_catalog
from szkola_kooperacji.domain.draft import Draft
from szkola_kooperacji.domain.progress import NO_GROUP
from szkola_kooperacji.storage import DraftStore
from szkola_kooperacji.storage.self_check_attempts import attempts

CATALOG = load_valid_catalog()
CASE = "bezrobocie_alkohol_zurawiec"
LESSON = "lekcja_model_kooperacji"


@pytest.fixture
def app(tmp_path: Path) -> Dashboard:
    dashboard = Dashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"))
    dashboard.name.value, dashboard.code.value = "Anna Nowak", "tajne12345"
    dashboard.sign_in()
    return dashboard


def view(app: Dashboard) -> CourseView:
    assert app.course_view is not None
    return app.course_view


def row_text(app: Dashboard, item_id: str) -> str:
    for module in view(app).modules.children:
        for row in module.children[1:]:
            if row.children and f"sk-item-{item_id}" in row.children[0]._dom_classes:
                info = row.children[0]
                return str(info.value)
    raise AssertionError(f"no row for {item_id}")


def test_the_regional_course_comes_first_with_modules_hours_and_outcomes(app: Dashboard):
    course = view(app)
    assert course in app.body.children, "the course is on the page right after sign-in"
    assert app.case_list in app.body.children, "and the cases stay one click away below it"
    assert course.course.id == "regionalny"
    assert [c.id for c in course.courses] == ["regionalny", "ponadregionalny"]
    first = course.modules.children[0].children[0].value
    assert "Moduł 1. Model Kooperacji i Lista aktywności i usług" in first
    assert "6 godz." in first
    assert "Uczestnik opisuje trzy poziomy Modelu Kooperacji" in first
    items = sum(len(m.lessons) + len(m.cases) + len(m.exercises) for m in course.course.modules)
    assert items >= 10
    assert f"Ukończono 0 z {items} elementów" in course.summary.value
    assert "Co dalej" in course.next_box.children[0].value
    assert "Lekcja 1." in course.next_box.children[0].value
    assert NO_GROUP in row_text(app, "cw1_lista_uslug")


def test_a_worked_case_is_done_after_returning_from_it(app: Dashboard):
    assert "nie rozpoczęto" in row_text(app, CASE)
    app.open_case(CASE)
    app.store.save("Anna Nowak", Draft(case_id=CASE))
    app.show_cases()
    assert "w toku" in row_text(app, CASE)
    reference = CATALOG.cases[CASE].reference
    app.store.save("Anna Nowak", Draft(case_id=CASE, diagnosis=reference.diagnosis, contract=reference.contract))
    app.show_cases()
    assert "ukończono" in row_text(app, CASE)
    assert "wynik 100/100" in row_text(app, CASE)


def test_a_lesson_is_read_when_opened_and_done_when_its_self_check_is_passed(app: Dashboard):
    opened: dict[str, Callable[..., None]] = {}

    def lesson(lesson_id: str, back: Callable[[], None], passed: Callable[[bool], None]) -> w.Widget:
        opened.update(back=back, passed=passed)
        return w.HTML(lesson_id)

    factory: LessonOpener = lesson
    course = view(app)
    course.actions = type(course.actions)(**{**course.actions.__dict__, "open_lesson": factory})
    course.open_lesson(LESSON)
    assert app.body.children[0].value == LESSON, "the lesson is the whole page"
    opened["back"]()
    assert "przeczytana – rozwiąż test sprawdzający" in row_text(app, LESSON)
    course.open_lesson(LESSON)
    opened["passed"](False)
    opened["back"]()
    assert "w toku" in row_text(app, LESSON)
    course.open_lesson(LESSON)
    opened["passed"](True)
    opened["back"]()
    assert "ukończono" in row_text(app, LESSON)


def test_signing_out_leaves_nothing_of_the_trainee_in_the_course_view(app: Dashboard):
    app.store.save("Anna Nowak", Draft(case_id=CASE))
    app.show_cases()
    assert "Anna Nowak" in view(app).summary.value
    assert "w toku" in row_text(app, CASE)
    app.sign_out()
    assert view(app) not in app.body.children, "the course left the page"
    values = [str(getattr(x, "value", "")) for x in tree(app) + tree(view(app))]
    assert not any("Anna Nowak" in v for v in values), "no widget of the page or the kept view holds the name"
    assert "nie rozpoczęto" in row_text(app, CASE), "the next person at this computer starts from an empty course"


def tree(widget: w.Widget) -> list[w.Widget]:
    """The widget and everything inside it."""
    return [widget, *(x for child in getattr(widget, "children", ()) for x in tree(child))]


def test_signing_in_makes_no_new_widgets_for_the_course(tmp_path: Path):
    """The view is built with the page (a workshop pre-renders it), so a room signing in at once stays cheap."""
    dashboard = Dashboard(CATALOG, DraftStore(tmp_path / "drafts.sqlite"))
    before = set(_instances)
    dashboard.name.value, dashboard.code.value = "Anna Nowak", "tajne12345"
    dashboard.sign_in()
    assert view(dashboard) in dashboard.body.children
    made = [type(x).__name__ for k, x in _instances.items() if k not in before]
    assert made == [], f"signing in made {len(made)} widgets: {made[:10]}"


def test_the_real_lesson_opens_with_its_self_check_and_passing_it_completes_the_lesson(app: Dashboard):
    view(app).open_lesson(LESSON)
    page = app.body.children[0]
    assert isinstance(page, LessonView), "the lesson view of the lessons lane, not a placeholder"
    checker = page.self_check_view
    assert checker is not None, "every bundled lesson has its self-check"
    failed = checker.check()
    assert not failed.passed
    for control in checker.items:
        control.set_answer(control.item.answer)
    assert checker.check().passed
    kept = attempts(app.store, "Anna Nowak", LESSON)
    assert [a.passed for a in kept] == [False, True], "the first and the last attempt are kept for the trainer"
    app.show_cases()
    assert "ukończono" in row_text(app, LESSON)
    view(app).open_lesson(LESSON)
    reopened = app.body.children[0]
    assert isinstance(reopened, LessonView)
    assert reopened.self_check_view is not None
    assert reopened.self_check_view.answers() == kept[-1].answers, "the last attempt is shown again"
