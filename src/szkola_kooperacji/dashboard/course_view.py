"""The trainee's course after sign-in: modules in order, each item's state, the next step and certificates.

The view only shows what ``domain.progress`` computes from the recorded facts; opening a case
or an exercise is the landing page's job (passed in as callbacks), and a lesson opens through
``open_lesson`` — a factory for the lesson view with its self-check.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from ..domain.course import COURSE_LEVEL_LABELS, Course, CourseLevel
from ..domain.progress import (
    DONE_MEANS,
    CourseProgress,
    FactKind,
    ItemKind,
    ItemProgress,
    ItemState,
    ModuleProgress,
    course_progress,
)
from ..errors import SzkolaError
from ..grading import COURSE_ID_ENV, COURSE_PROGRAM_ENV
from ..grading.progress import Sources, trainee_progress
from .course_certificate import CertificateOffer, certificate_offer, course_done_text, organiser_note
from .course_rows import (
    KIND_LABELS,
    ItemRow,
    close_tree,
    exercise_title,
    lesson_title,
    module_header,
    replace_children,
)
from .guard import guarded
from .render import e
from .shared_looks import shown

if TYPE_CHECKING:
    from .landing import Dashboard
    from .powiat_comparison_view import ComparisonOpener

log = logging.getLogger("szkola_kooperacji.dashboard")

LessonOpener = Callable[[str, Callable[[], None], Callable[[bool], None]], w.Widget]
"""Builds a lesson's view from its id, a "back to the course" callback and a "self-check passed?" callback."""

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
.sk-certificate-note { margin: 6px 0 0; padding: 4px 10px; border-left: 4px solid #18794e; background: #f1faf5; }
"""


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
    """A trainee's course: where they stand, what to do next, and every module's lessons, cases and exercises.

    Built before anyone signs in (a workshop pre-renders it with the page), from the course's empty
    progress; signing in and coming back only change the values that differ, so a room signing in
    at once costs each kernel a few messages instead of a hundred new widgets.
    """

    def __init__(self, courses: list[Course], sources: Sources, actions: CourseActions) -> None:
        """``courses`` holds the group's course, or (no group) the courses to choose from."""
        self.courses, self.sources, self.actions = courses, sources, actions
        self.offer = certificate_offer(sources.folder is not None)
        self.trainee: str | None = None
        self.full_name = ""
        self.message = w.HTML()
        self.choice = w.Dropdown(
            options=[(c.title, c.id) for c in courses],
            description="Kurs",
            layout=shown(width="min(720px, 96%)"),
            style={"description_width": "40px"},
        )
        self.choice.add_class("sk-course-choice")
        self.choice.observe(guarded(self.message)(lambda _: self.refresh()), names="value")
        self.title = w.HTML()
        self.summary = w.HTML()
        self.next_text = w.HTML()
        self.next_go = w.Button(
            description="Przejdź do następnego kroku", button_style="primary", layout=shown(width="auto")
        )
        self.next_go.add_class("sk-next-step")
        self.next_go.on_click(guarded(self.message)(lambda _: self._open_next()))
        self.next_box = w.VBox([self.next_text, self.next_go], layout=shown(align_items="flex-start"))
        self.next_box.add_class("sk-next")
        self.modules = w.VBox()
        self.progress: CourseProgress | None = None
        self._drawn_course = ""
        self._rows: dict[tuple[str, str], ItemRow] = {}
        self._module_parts: list[tuple[w.HTML, w.VBox]] = []
        again = w.Button(
            description="Odśwież postępy",
            tooltip="Sprawdź jeszcze raz swoje postępy (np. czy trener oddał już ocenę)",
            layout=shown(width="auto"),
        )
        again.add_class("sk-refresh-progress")
        again.on_click(guarded(self.message)(lambda _: self.refresh()))
        head: list[w.Widget] = [w.HTML(f"<style>{STYLE}</style>"), self.title]
        if len(courses) > 1:
            head.append(self.choice)
        status = w.HBox([self.summary, again], layout=shown(align_items="center", flex_flow="row wrap"))
        super().__init__([*head, self.message, status, self.next_box, self.modules])
        self.add_class("sk-course")
        self._draw(self._empty_progress())

    @property
    def course(self) -> Course:
        """The course shown now."""
        return next(c for c in self.courses if c.id == self.choice.value)

    def show_for(self, trainee: str, full_name: str | None = None) -> None:
        """Show this trainee's progress (the view was built before anyone signed in)."""
        self.trainee, self.full_name = trainee, full_name or trainee
        self.refresh()

    def forget_trainee(self) -> None:
        """Return to the state before sign-in: nothing of the last trainee stays in any widget."""
        self.trainee, self.full_name, self.message.value = None, "", ""
        self._draw(self._empty_progress())

    def refresh(self) -> None:
        """Recompute the trainee's progress (scores their cases, reads the exchange) and redraw what changed."""
        if self.trainee is None:
            self._draw(self._empty_progress())
            return
        try:
            progress = trainee_progress(self.sources, self.course, self.trainee)
        except Exception as error:  # a locked gradebook, an unreadable folder: the cases below still work
            log.exception("progress of %s could not be read", self.trainee)
            reason = str(error) if isinstance(error, SzkolaError) else "spróbuj „Odśwież postępy” za chwilę"
            self.summary.value = f"<p class='sk-message'>Nie udało się odczytać Twoich postępów ({e(reason)}).</p>"
            return
        self._draw(progress)

    def _empty_progress(self) -> CourseProgress:
        released: list[str] | None = [] if self.sources.has_exercises else None
        return course_progress(
            self.course, (), released=released, lessons_without_self_check=self.sources.lessons_without_self_check
        )

    def _draw(self, progress: CourseProgress) -> None:
        """Set every value from this progress; widgets are made only when another course is chosen."""
        course, self.progress = progress.course, progress
        if self._drawn_course != course.id:
            self._build(progress)
        self.title.value = (
            f"<div class='sk-title'>Twój kurs</div><h2>{e(course.title)}</h2><p class='sk-muted'>"
            f"{e(COURSE_LEVEL_LABELS[course.level])} · {len(course.modules)} moduły · {course.hours:g} godz. "
            f"dydaktycznych</p>"
        )
        percent = round(100 * progress.done_count / progress.item_count) if progress.item_count else 0
        who = f"<b>Uczestnik: {e(self.full_name)}.</b> " if self.trainee else ""
        self.summary.value = (
            f"<p>{who}Ukończono {progress.done_count} z {progress.item_count} "
            f"elementów kursu ({percent}%). <progress class='sk-course-progress' max='{progress.item_count}' "
            f"value='{progress.done_count}' aria-label='Postęp w kursie: {percent}%'></progress></p>"
        )
        self._draw_next_step(progress)
        for number, (module, (header, certificate)) in enumerate(
            zip(progress.modules, self._module_parts, strict=True), 1
        ):
            header.value = module_header(number, module)
            for item in module.items:
                self._rows[(module.module.id, item.item_id)].show(item, self._title(item))
            done = module.state is ItemState.DONE and self.trainee is not None
            button = self._certificate(progress, module) if done else None
            replace_children(certificate, [button] if button else [])

    def _build(self, progress: CourseProgress) -> None:
        """Make the module cards and item rows of this course (the values are set by ``_draw``)."""
        for old in self.modules.children:
            close_tree(old)
        self._rows, self._module_parts, cards = {}, [], []
        for module in progress.modules:
            header, certificate = w.HTML(), w.VBox()
            rows = []
            for item in module.items:
                key = (module.module.id, item.item_id)
                row = ItemRow(item, partial(self._open_row, key), self.message)
                self._rows[key] = row
                rows.append(row.box)
            card = w.VBox([header, *rows, certificate])
            card.add_class("sk-course-module")
            card.add_class(f"sk-module-{module.module.id}")
            cards.append(card)
            self._module_parts.append((header, certificate))
        self.modules.children = cards
        self._drawn_course = progress.course.id

    def _draw_next_step(self, progress: CourseProgress) -> None:
        step = progress.next_step()
        certificate = self._certificate(progress, None) if self.trainee else None
        if step is None:
            if progress.state is ItemState.DONE:
                text = course_done_text(self.offer)
            else:
                text = (
                    "<b>Co dalej:</b> wszystko, co możesz teraz zrobić, jest zrobione; czekasz na ocenę trenera "
                    "albo na udostępnienie ćwiczenia. Tymczasem możesz ćwiczyć na dowolnym przypadku."
                )
            self.next_text.value = text
            replace_children(
                self.next_box, [self.next_text, *([certificate] if certificate else [])], keep=(self.next_go,)
            )
            return
        module, item = step
        number = progress.modules.index(module) + 1
        self.next_text.value = (
            f"<b>Co dalej:</b> {e(KIND_LABELS[item.kind].lower())} „{e(self._title(item))}” "
            f"(moduł {number}. {e(module.module.title)}). <span class='sk-muted'>Ten element będzie ukończony, gdy: "
            f"{e(DONE_MEANS[item.kind])}. Teraz: {e(item.detail)}.</span>"
        )
        replace_children(self.next_box, [self.next_text, self.next_go])

    def _open_next(self) -> None:
        step = self.progress.next_step() if self.progress else None
        if step is not None:
            self.open_item(step[1])

    def _open_row(self, key: tuple[str, str]) -> None:
        self.open_item(self._rows[key].item)

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
        if self.trainee is None:
            return
        if item.kind is ItemKind.LESSON:
            self.open_lesson(item.item_id)
        elif item.kind is ItemKind.CASE:
            self.actions.open_case(item.item_id)
        elif item.kind is ItemKind.COMPARISON and self.actions.comparisons is not None:
            self.actions.show_page(self.actions.comparisons.open(item.item_id, self.trainee))
        else:
            self.actions.open_exercise(item.item_id)

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson in place of the course page; opening it counts as reading it."""
        trainee = self.trainee
        if trainee is None:
            return
        progress = self.sources.store.progress
        progress.record(trainee, FactKind.LESSON_READ, lesson_id)

        def self_check(passed: bool) -> None:
            if passed:
                progress.record(trainee, FactKind.SELF_CHECK_PASSED, lesson_id)

        self.actions.show_page(self.actions.open_lesson(lesson_id, self.actions.home, self_check))

    def _certificate(self, progress: CourseProgress | None, module: ModuleProgress | None) -> w.Widget | None:
        """Return the download of one completed module's zaświadczenie, or (``module`` None) of the course's.

        On a hub the organiser issues it (``course_certificate``): a completed module says so instead.
        """
        folder, trainee = self.sources.folder, self.trainee
        if self.offer is CertificateOffer.ORGANISER and progress is not None and module is not None:
            return organiser_note(progress, module)
        if self.offer is not CertificateOffer.DOWNLOAD or folder is None or progress is None or trainee is None:
            return None
        if module is None and progress.state is not ItemState.DONE:
            return None
        from .download import DownloadButton  # noqa: PLC0415

        modules = list(progress.modules) if module is None else [module]
        if module is None:
            label = "Pobierz zaświadczenie ukończenia kursu (PDF)"
        else:
            label = f"Pobierz zaświadczenie – moduł {progress.modules.index(module) + 1} (PDF)"
        full_name = self.full_name

        def make() -> tuple[str, str, bytes]:
            from ..grading.certify import file_name, issue  # noqa: PLC0415

            entry, pdf = issue(folder, progress, modules, trainee, full_name)
            return file_name(entry), "application/pdf", pdf

        button = DownloadButton(label, make)
        button.add_class("sk-certificate" if module is None else f"sk-certificate-{module.module.id}")
        return button


def course_order(course: Course) -> tuple[int, str]:
    """Regional courses first (a trainee starts there), then by title."""
    return list(CourseLevel).index(course.level), course.title


def build_course_view(app: Dashboard) -> CourseView | None:
    """Build the course view before sign-in: the group's course, else the bundled courses; None without any."""
    directory = app.catalog.directory
    if directory is None:
        return None
    folder = None
    if app.course_dir is not None:
        from ..grading.course_folder import CourseFolder  # noqa: PLC0415 (nbgrader: course mode only)

        try:
            folder = CourseFolder.open(app.course_dir)
            courses = [folder.course()]
        except SzkolaError:  # a broken course folder: the exercises' section below says what is wrong
            return None
    elif (program := os.environ.get(COURSE_PROGRAM_ENV, "")) in app.catalog.courses:
        courses = [app.catalog.courses[program]]  # Kubernetes: the group's programme, named by the hub's hook
    else:
        courses = sorted(app.catalog.courses.values(), key=course_order)
    if not courses:
        return None

    def show_page(widget: w.Widget) -> None:
        app.body.children = [widget]

    from .course_lessons import lesson_opener, lessons_without_self_check  # noqa: PLC0415 (imports this module)

    def open_lesson(lesson_id: str, back: Callable[[], None], passed: Callable[[bool], None]) -> w.Widget:
        assert app.trainee is not None
        return lesson_opener(app.store, app.trainee)(lesson_id, back, passed)

    from .powiat_comparison_view import ComparisonOpener  # noqa: PLC0415

    catalog = app.catalog
    comparisons = ComparisonOpener(
        directory, catalog.comparison_directories, cases=catalog.cases, store=app.store, back=app.show_cases
    )
    actions = CourseActions(app.open_case, app.open_exercise, show_page, app.show_cases, open_lesson, comparisons)
    without_check = lessons_without_self_check(courses)
    course_id = "" if folder is not None else os.environ.get(COURSE_ID_ENV, "")  # Kubernetes: the exchange's course
    sources = Sources(app.store, app.catalog.cases, directory, folder, without_check, course_id)
    return CourseView(courses, sources, actions)


def full_name_in_roster(app: Dashboard, trainee: str) -> str | None:
    """Return the trainee's name from the group's roster (read at sign-in: the trainer may add people later)."""
    if app.course_dir is None:
        return None
    from ..grading.course_dir import course_roster  # noqa: PLC0415 (nbgrader: course mode only)

    try:
        roster = course_roster(app.course_dir)
    except SzkolaError:
        return None
    names = {t.id: " ".join(p for p in (t.first_name, t.last_name) if p) for t in roster}
    return names.get(trainee) or None
