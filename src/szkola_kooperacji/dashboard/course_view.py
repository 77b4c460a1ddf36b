"""The trainee's course after sign-in: modules in order, each item's state, the next step and certificates.

The view only shows what ``domain.progress`` computes from the recorded facts; opening a case
or an exercise is the landing page's job (passed in as callbacks), and a lesson opens through
``open_lesson`` — a factory for the lesson view with its self-check.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import ipywidgets as w

from ..data.course_refs import exercise_notebook
from ..data.paths import project_root
from ..domain.course import COURSE_LEVEL_LABELS, Course, CourseLevel
from ..domain.progress import DONE_MEANS, CourseProgress, FactKind, ItemKind, ItemProgress, ItemState, ModuleProgress
from ..errors import SzkolaError
from ..grading.progress import Sources, trainee_progress
from .guard import guarded
from .render import e

if TYPE_CHECKING:
    from .landing import Dashboard
    from .powiat_comparison_view import ComparisonOpener

log = logging.getLogger("szkola_kooperacji.dashboard")

LessonOpener = Callable[[str, Callable[[], None], Callable[[bool], None]], w.Widget]
"""Builds a lesson's view from its id, a "back to the course" callback and a "self-check passed?" callback."""

STATE_MARKS = {ItemState.DONE: "✔", ItemState.IN_PROGRESS: "◐", ItemState.NOT_STARTED: "○"}
STATE_CLASSES = {ItemState.DONE: "sk-state-done", ItemState.IN_PROGRESS: "sk-state-doing", ItemState.NOT_STARTED: ""}
OPEN_LABELS = {
    ItemKind.LESSON: "Czytaj lekcję",
    ItemKind.CASE: "Otwórz przypadek",
    ItemKind.EXERCISE: "Otwórz ćwiczenie",
    ItemKind.COMPARISON: "Otwórz porównanie",
}
KIND_LABELS = {
    ItemKind.LESSON: "Lekcja",
    ItemKind.CASE: "Przypadek",
    ItemKind.EXERCISE: "Ćwiczenie oceniane",
    ItemKind.COMPARISON: "Porównanie powiatów",
}

STYLE = """
.sk-course-module { border: 1px solid #d9e2ec; border-radius: 6px; padding: 6px 12px 10px; margin: 10px 0; }
.sk-course-module h3 { margin-top: 6px; }
.sk-course-outcomes { margin: 2px 0 6px 18px; padding: 0; }
.sk-course-item { border-top: 1px solid #eef2f6; padding: 4px 0; align-items: center; }
.sk-course-item .widget-html { flex: 1 1 auto; }
.sk-state { display: inline-block; min-width: 9.6em; font-size: 13px; font-weight: 600; color: #486581; }
.sk-state-done { color: #18794e; }
.sk-state-doing { color: #8a4b00; }
.sk-next { border-left: 4px solid #0b4f6c; background: #f0f7fb; padding: 6px 12px; margin: 8px 0; }
.sk-course-progress { width: 260px; height: 14px; vertical-align: middle; }
.sk-course .sk-download-button { width: auto; max-width: none; padding: 0 14px; margin-right: 10px; }
"""


@cache
def lesson_title(lesson_id: str) -> str:
    """Return a lesson's title: the first heading of its notebook, else its id."""
    path = project_root() / "notebooks" / f"{lesson_id}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return lesson_id
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for line in (source if isinstance(source, str) else "".join(source)).splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return lesson_id


@cache
def exercise_title(exercise_id: str) -> str:
    """Return an exercise's title from its notebook's metadata, else its id."""
    try:
        notebook = json.loads(exercise_notebook(project_root(), exercise_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return exercise_id
    title = notebook.get("metadata", {}).get("szkola", {}).get("title")
    return title if isinstance(title, str) else exercise_id


@dataclass(frozen=True)
class CourseActions:
    """What the course view asks the landing page to do."""

    open_case: Callable[[str], object]
    open_exercise: Callable[[str], object]
    show_page: Callable[[w.Widget], None]
    """Show one widget (a lesson) as the whole page."""
    home: Callable[[], None]
    """Return to the signed-in page (course and cases), states brought up to date."""
    open_lesson: LessonOpener
    """Builds the lesson's view with its self-check (``course_lessons.lesson_opener``)."""
    comparisons: ComparisonOpener | None = None
    """Titles and views of the supra-regional comparisons between powiats."""


class CourseView(w.VBox):
    """A trainee's course: where they stand, what to do next, and every module's lessons, cases and exercises."""

    def __init__(
        self,
        trainee: str,
        courses: list[Course],
        sources: Sources,
        actions: CourseActions,
        *,
        full_name: str | None = None,
    ) -> None:
        """``courses`` holds the group's course, or (no group) the courses to choose from."""
        self.trainee, self.courses, self.sources, self.actions = trainee, courses, sources, actions
        self.full_name = full_name or trainee
        self.message = w.HTML()
        self.choice = w.Dropdown(
            options=[(c.title, c.id) for c in courses],
            description="Kurs",
            layout=w.Layout(width="min(720px, 96%)"),
            style={"description_width": "40px"},
        )
        self.choice.add_class("sk-course-choice")
        self.choice.observe(guarded(self.message)(lambda _: self.refresh()), names="value")
        self.title = w.HTML()
        self.summary = w.HTML()
        self.next_box = w.VBox(layout=w.Layout(align_items="flex-start"))
        self.next_box.add_class("sk-next")
        self.modules = w.VBox()
        self.progress: CourseProgress | None = None
        again = w.Button(
            description="Odśwież postępy",
            tooltip="Sprawdź jeszcze raz swoje postępy (np. czy trener oddał już ocenę)",
            layout=w.Layout(width="auto"),
        )
        again.add_class("sk-refresh-progress")
        again.on_click(guarded(self.message)(lambda _: self.refresh()))
        head: list[w.Widget] = [w.HTML(f"<style>{STYLE}</style>"), self.title]
        if len(courses) > 1:
            head.append(self.choice)
        status = w.HBox([self.summary, again], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        super().__init__([*head, self.message, status, self.next_box, self.modules])
        self.add_class("sk-course")

    @property
    def course(self) -> Course:
        """The course shown now."""
        return next(c for c in self.courses if c.id == self.choice.value)

    def refresh(self) -> None:
        """Recompute the trainee's progress (scores their cases, reads the exchange) and redraw."""
        course = self.course
        try:
            self.progress = progress = trainee_progress(self.sources, course, self.trainee)
        except Exception as error:  # a locked gradebook, an unreadable folder: the cases below still work
            log.exception("progress of %s could not be read", self.trainee)
            reason = str(error) if isinstance(error, SzkolaError) else "spróbuj „Odśwież postępy” za chwilę"
            self.summary.value = f"<p class='sk-message'>Nie udało się odczytać Twoich postępów ({e(reason)}).</p>"
            return
        self.title.value = (
            f"<div class='sk-title'>Twój kurs</div><h2>{e(course.title)}</h2><p class='sk-muted'>"
            f"{e(COURSE_LEVEL_LABELS[course.level])} · {len(course.modules)} moduły · {course.hours:g} godz. "
            f"dydaktycznych</p>"
        )
        percent = round(100 * progress.done_count / progress.item_count) if progress.item_count else 0
        self.summary.value = (
            f"<p><b>Uczestnik: {e(self.full_name)}.</b> Ukończono {progress.done_count} z {progress.item_count} "
            f"elementów kursu ({percent}%). <progress class='sk-course-progress' max='{progress.item_count}' "
            f"value='{progress.done_count}' aria-label='Postęp w kursie: {percent}%'></progress></p>"
        )
        self.next_box.children = self._next_step(progress)
        for old in self.modules.children:
            _close(old)
        self.modules.children = [
            self._module_card(number, module) for number, module in enumerate(progress.modules, start=1)
        ]

    def _next_step(self, progress: CourseProgress) -> list[w.Widget]:
        step = progress.next_step()
        certificate = self._certificate_button(progress, None)
        if step is None:
            if progress.state is ItemState.DONE:
                text = "<b>Kurs ukończony.</b> Gratulacje! Pobierz zaświadczenie ukończenia kursu."
            else:
                text = (
                    "<b>Co dalej:</b> wszystko, co możesz teraz zrobić, jest zrobione; czekasz na ocenę trenera "
                    "albo na udostępnienie ćwiczenia. Tymczasem możesz ćwiczyć na dowolnym przypadku."
                )
            return [w.HTML(text), *([certificate] if certificate else [])]
        module, item = step
        number = progress.modules.index(module) + 1
        why = DONE_MEANS[item.kind]
        text = (
            f"<b>Co dalej:</b> {e(KIND_LABELS[item.kind].lower())} „{e(self._title(item))}” "
            f"(moduł {number}. {e(module.module.title)}). <span class='sk-muted'>Ten element będzie ukończony, gdy: "
            f"{e(why)}. Teraz: {e(item.detail)}.</span>"
        )
        go = w.Button(description="Przejdź do następnego kroku", button_style="primary", layout=w.Layout(width="auto"))
        go.add_class("sk-next-step")
        go.on_click(guarded(self.message)(lambda _: self.open_item(item)))
        return [w.HTML(text), go]

    def _module_card(self, number: int, progress: ModuleProgress) -> w.Widget:
        module = progress.module
        outcomes = "".join(f"<li>{e(o)}</li>" for o in module.outcomes)
        dates = f", ukończono {progress.done_at.astimezone():%d.%m.%Y}" if progress.done_at else ""
        header = w.HTML(
            f"<h3>Moduł {number}. {e(module.title)}</h3><p>{_state_html(progress.state)} "
            f"<span class='sk-muted'>{module.hours:g} godz. · ukończono {progress.done_count} z "
            f"{len(progress.items)} elementów{dates}</span></p><p class='sk-muted'>Efekty uczenia się:</p>"
            f"<ul class='sk-course-outcomes'>{outcomes}</ul>"
        )
        rows: list[w.Widget] = [header, *(self._item_row(item) for item in progress.items)]
        if progress.state is ItemState.DONE and (button := self._certificate_button(self.progress, progress)):
            rows.append(button)
        card = w.VBox(rows)
        card.add_class("sk-course-module")
        card.add_class(f"sk-module-{module.id}")
        return card

    def _item_row(self, item: ItemProgress) -> w.Widget:
        title = self._title(item)
        kind = KIND_LABELS[item.kind]
        named = title.casefold().startswith(kind.split()[0].casefold())  # "Lekcja 1. …" says its kind itself
        info = w.HTML(
            f"{_state_html(item.state)} {'' if named else f'<b>{e(kind)}:</b> '}{e(title)} "
            f"<span class='sk-muted'>– {e(item.detail)}</span>"
        )
        info.add_class(f"sk-item-{item.item_id}")
        button = w.Button(
            description=OPEN_LABELS[item.kind],
            tooltip=f"{OPEN_LABELS[item.kind]}: {self._title(item)}",
            layout=w.Layout(width="auto", min_width="150px"),
            disabled=item.kind is ItemKind.EXERCISE and not item.actionable and item.state is ItemState.NOT_STARTED,
        )
        button.add_class(f"sk-open-item-{item.item_id}")
        button.on_click(guarded(self.message)(lambda _: self.open_item(item)))
        row = w.HBox([info, button])
        row.add_class("sk-course-item")
        return row

    def _title(self, item: ItemProgress) -> str:
        if item.kind is ItemKind.LESSON:
            return lesson_title(item.item_id)
        if item.kind is ItemKind.EXERCISE:
            return exercise_title(item.item_id)
        if item.kind is ItemKind.COMPARISON and self.actions.comparisons is not None:
            return self.actions.comparisons.title(item.item_id)
        case = self.sources.cases.get(item.item_id)
        return case.title if case else item.item_id

    def open_item(self, item: ItemProgress) -> None:
        """Open a lesson here, or a case or exercise in the workspace."""
        if item.kind is ItemKind.LESSON:
            self.open_lesson(item.item_id)
        elif item.kind is ItemKind.CASE:
            self.actions.open_case(item.item_id)
        elif item.kind is ItemKind.COMPARISON and self.actions.comparisons is not None:
            self.actions.show_page(self.actions.comparisons.open(item.item_id))
        else:
            self.actions.open_exercise(item.item_id)

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson in place of the course page; opening it counts as reading it."""
        progress = self.sources.store.progress
        progress.record(self.trainee, FactKind.LESSON_READ, lesson_id)

        def self_check(passed: bool) -> None:
            if passed:
                progress.record(self.trainee, FactKind.SELF_CHECK_PASSED, lesson_id)

        self.actions.show_page(self.actions.open_lesson(lesson_id, self.actions.home, self_check))

    def _certificate_button(self, progress: CourseProgress | None, module: ModuleProgress | None) -> w.Widget | None:
        """Return a download of the zaświadczenie of one completed module, or (``module`` None) of the course."""
        folder = self.sources.folder
        if folder is None or progress is None:
            return None
        if module is None and progress.state is not ItemState.DONE:
            return None
        from .download import DownloadButton  # noqa: PLC0415

        modules = list(progress.modules) if module is None else [module]
        if module is None:
            label = "Pobierz zaświadczenie ukończenia kursu (PDF)"
        else:
            label = f"Pobierz zaświadczenie – moduł {progress.modules.index(module) + 1} (PDF)"

        def make() -> tuple[str, str, bytes]:
            from ..grading.certify import file_name, issue  # noqa: PLC0415

            entry, pdf = issue(folder, progress, modules, self.trainee, self.full_name)
            return file_name(entry), "application/pdf", pdf

        button = DownloadButton(label, make)
        button.add_class("sk-certificate" if module is None else f"sk-certificate-{module.module.id}")
        return button


def _state_html(state: ItemState) -> str:
    return f"<span class='sk-state {STATE_CLASSES[state]}'>{STATE_MARKS[state]} {e(state.value)}</span>"


def _close(widget: w.Widget) -> None:
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def course_order(course: Course) -> tuple[int, str]:
    """Regional courses first (a trainee starts there), then by title."""
    return list(CourseLevel).index(course.level), course.title


def build_course_view(app: Dashboard) -> CourseView | None:
    """Build the signed-in trainee's course view: the group's course, else the bundled courses; None without any."""
    trainee = app.trainee
    directory = app.catalog.directory
    if trainee is None or directory is None:
        return None
    folder, full_name = None, None
    if app.course_dir is not None:
        from ..grading.course_dir import course_roster  # noqa: PLC0415 (nbgrader: course mode only)
        from ..grading.course_folder import CourseFolder  # noqa: PLC0415

        try:
            folder = CourseFolder.open(app.course_dir)
            courses = [folder.course()]
            names = {t.id: " ".join(p for p in (t.first_name, t.last_name) if p) for t in course_roster(folder.root)}
        except SzkolaError:  # a broken course folder: the exercises' section below says what is wrong
            return None
        full_name = names.get(trainee) or None
    else:
        courses = sorted(app.catalog.courses.values(), key=course_order)
    if not courses:
        return None

    def show_page(widget: w.Widget) -> None:
        app.body.children = [widget]

    from .course_lessons import lesson_opener, lessons_without_self_check  # noqa: PLC0415 (imports this module)

    opener = lesson_opener(app.store, trainee)
    from .powiat_comparison_view import ComparisonOpener  # noqa: PLC0415

    catalog = app.catalog
    comparisons = ComparisonOpener(
        trainee, directory, catalog.comparison_directories, cases=catalog.cases, store=app.store, back=app.show_cases
    )
    actions = CourseActions(app.open_case, app.open_exercise, show_page, app.show_cases, opener, comparisons)
    sources = Sources(app.store, app.catalog.cases, directory, folder, lessons_without_self_check(courses))
    return CourseView(trainee, courses, sources, actions, full_name=full_name)
