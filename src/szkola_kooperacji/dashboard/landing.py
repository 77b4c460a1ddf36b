"""The landing page: a trainee signs in (issued or personal code) and picks a case."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as w

from ..data.catalog import Catalog
from ..domain.case import Case
from ..domain.codes import DIFFICULTY_LABELS
from ..domain.draft import Draft
from ..errors import SzkolaError
from ..grading import COURSE_ID_ENV
from ..storage import DraftStore
from .assets import stylesheet
from .course_rows import close_tree
from .course_view import CourseView, build_course_view, full_name_in_roster
from .gpzk_join import meeting_cards
from .guard import guarded
from .render import e
from .shared_looks import shown
from .sign_in import client_address, sign_in
from .workspace import Workspace

WELCOME = (
    "<div class='sk-title'>Szkoła Kooperacji</div>"
    "<p>Ćwiczenie: od rodzinnego wywiadu środowiskowego do diagnozy potrzeb i wielosektorowego kontraktu "
    "socjalnego. Wpisz imię i nazwisko (albo identyfikator z listy uczestników) i swój kod osobisty. "
    "Przy pierwszym wejściu kod, który wpiszesz (co najmniej 8 znaków), staje się Twoim kodem — zapamiętaj go: "
    "chroni Twoją pracę.</p>"
)
WELCOME_COURSE = (
    "<div class='sk-title'>Szkoła Kooperacji</div>"
    "<p>Ćwiczenie: od rodzinnego wywiadu środowiskowego do diagnozy potrzeb i wielosektorowego kontraktu "
    "socjalnego. Wpisz identyfikator i kod z karty logowania, którą dał Ci trener.</p>"
)
COURSE_HINT = "Niżej Twój kurs: co już zrobione i co dalej; pod nim wszystkie przypadki do ćwiczeń.</p>"
LABEL_WIDTH = "110px"
"""Wide enough for "Identyfikator" and "Kod osobisty" in full."""


class Dashboard(w.VBox):
    """The whole trainee application: sign-in, case list, then the workspace of one case."""

    def __init__(
        self, catalog: Catalog, store: DraftStore, course_dir: Path | None = None, client: str | None = None
    ) -> None:
        """Build the sign-in page; the case list is built too, hidden until sign-in.

        ``course_dir`` is a group's nbgrader course (``szkola course init``) whose released exercises
        the trainee can do and submit here, and whose roster with issued codes is the only way in;
        without it the dashboard offers the cases only, with a name and an own code. ``client`` is the
        address sign-in attempts are counted against (default: the one the server recorded for this
        kernel's page).
        """
        self.catalog, self.store, self.course_dir, self.client = catalog, store, course_dir, client
        self.trainee: str | None = None
        self.message = w.HTML()
        with_course = course_dir is not None
        self.name = w.Text(
            description="Identyfikator" if with_course else "Uczestnik",
            placeholder="np. anowak" if with_course else "np. Anna Nowak",
            layout=shown(width="420px"),
            style={"description_width": LABEL_WIDTH},
        )
        self.name.add_class("sk-trainee-name")
        self.code = w.Password(
            description="Kod z karty" if with_course else "Kod osobisty",
            layout=shown(width="420px"),
            style={"description_width": LABEL_WIDTH},
        )
        self.code.add_class("sk-trainee-code")
        self.code.on_msg(guarded(self.message)(self._code_message))
        enter = w.Button(description="Wejdź", button_style="primary")
        enter.add_class("sk-sign-in")
        enter.on_click(guarded(self.message)(lambda _: self.sign_in()))
        welcome = WELCOME_COURSE if with_course else WELCOME
        self.sign_in_page = [w.HTML(welcome), self.name, self.code, enter, self.message]
        self.body = w.VBox(self.sign_in_page)
        self.opened: list[w.Widget] = []
        """The open case's header and workspace, closed when the trainee leaves them."""
        # The case list is built now, while Voilà pre-renders the page for a workshop's pool, so that
        # signing in only fills in the greeting and the "started" tags: a few messages, not dozens.
        self.greeting = w.HTML()
        self.case_infos: dict[str, w.HTML] = {}
        self.case_list = w.VBox([self._case_card(self.catalog.cases[c]) for c in sorted(self.catalog.cases)])
        self.case_list.add_class("sk-case-list")
        self.leave = self._sign_out_button()
        self.cases_heading = w.HTML("<h3>Przypadki i ćwiczenia do pracy na dziś</h3>")
        self.meetings: list[w.Widget] = []
        """The G-PZK meeting cards shown now (#16), closed when replaced."""
        self.course_view: CourseView | None = build_course_view(self)
        """Built now, like the case list: sign-in only fills in the trainee's states."""
        super().__init__([w.HTML(f"<style>{stylesheet()}</style>"), self.body])
        self.add_class("sk-root")

    def _code_message(self, _: w.Widget, content: dict[str, object], buffers: object) -> None:
        """Enter in the code field signs in, as in any web form (the field sends a "submit" event)."""
        if content.get("event") == "submit":
            self.sign_in()

    def sign_in(self) -> None:
        """Check the name and code; on success show the case list.

        The code field is emptied at once, whatever the outcome: no widget keeps a code in its state.
        """
        name, code = self.name.value, self.code.value
        self.code.value = ""
        address = self.client or client_address(self.store)
        outcome = sign_in(self.store, self.course_dir, name, code, address)
        if outcome.trainee is None:
            self.message.value = f"<span class='sk-message'>{e(outcome.message)}</span>"
            return
        self.message.value = ""
        self.trainee = outcome.trainee
        self.show_cases(first_time=outcome.first_time)

    def show_cases(self, *, first_time: bool = False) -> None:
        """List the cases with their gmina, profile and difficulty, marking started ones."""
        assert self.trainee is not None
        started = set(self.store.cases_with_drafts(self.trainee))
        greeting = "Witaj" if self.course_dir else "Witaj po raz pierwszy" if first_time else "Witaj ponownie"
        course = self._course_view()
        self.greeting.value = (
            f"<div class='sk-title'>Szkoła Kooperacji</div><p>{greeting}, <b>{e(self.trainee)}</b>. "
            + (COURSE_HINT if course else "Wybierz przypadek rodziny, nad którym chcesz pracować.</p>")
        )
        for case_id, info in self.case_infos.items():
            info.value = self._case_info(self.catalog.cases[case_id], case_id in started)
        cases = [self.cases_heading] if course else []
        for old in self.meetings:  # rebuilt at every return: the previous cards leave the page for good
            close_tree(old)
        self.meetings, exercises = meeting_cards(self), self._exercise_section()
        self.body.children = [self.greeting, self.leave, *self.meetings, *course, *cases, self.case_list, *exercises]
        self._close_workspace()

    def _course_view(self) -> list[w.Widget]:
        """Return the trainee's course view, up to date, when there is a course to show (else nothing)."""
        view = self.course_view
        if view is None or self.trainee is None:
            return []
        if view.trainee != self.trainee:
            view.show_for(self.trainee, full_name_in_roster(self, self.trainee))
        else:
            view.refresh()
        return [view]

    def _sign_out_button(self) -> w.Button:
        button = w.Button(description="Wyloguj", tooltip="Wyloguj się (np. na wspólnym komputerze)")
        button.add_class("sk-sign-out")
        button.on_click(guarded(self.message)(lambda _: self.sign_out()))
        return button

    def sign_out(self) -> None:
        """Forget the trainee and return to an empty sign-in page, for the next person at a shared computer.

        The open case's widgets are closed, so its text leaves the page, not only the view.
        """
        self.trainee = None
        if self.course_view is not None:
            self.course_view.forget_trainee()
        self.name.value = self.code.value = self.message.value = self.greeting.value = ""
        for info in self.case_infos.values():
            info.value = ""
        self.body.children = self.sign_in_page
        self._close_workspace()

    def _close_workspace(self) -> None:
        for widget in self.opened:
            close_tree(widget)
        self.opened = []

    def _exercise_section(self) -> list[w.Widget]:
        """List the released exercises of the trainee's group, when the server serves a course."""
        if (self.course_dir is None and not os.environ.get(COURSE_ID_ENV)) or self.trainee is None:
            return []  # no course served (a course without its folder here: Kubernetes, the exchange is ngshare)
        from ..grading.exchange import TraineeExchange  # noqa: PLC0415 (nbgrader only when a course is served)

        heading = w.HTML("<h3>Ćwiczenia oceniane</h3>")
        try:
            exchange = TraineeExchange(self.course_dir, self.trainee)
            if not exchange.is_on_roster():
                raise SzkolaError(
                    "Twojego identyfikatora nie ma na liście grupy. Aby oddawać ćwiczenia, zaloguj się "
                    "identyfikatorem od trenera (np. anowak)."
                )
            released = [exchange.fetch(a) for a in exchange.released()]
        except SzkolaError as error:
            return [heading, w.HTML(f"<p class='sk-muted'>{e(error)}</p>")]
        if not released:
            return [heading, w.HTML("<p class='sk-muted'>Trener nie udostępnił jeszcze ćwiczeń.</p>")]
        cards = []
        for item in released:
            case = self.catalog.cases.get(item.info.case_id)
            info = w.HTML(
                f"<b>{e(item.info.title)}</b><br><span class='sk-muted'>"
                f"{e(case.title if case else item.info.case_id or 'ćwiczenie refleksyjne, ocenia trener')}</span>",
                layout=shown(width="80%"),
            )
            button = w.Button(description="Otwórz ćwiczenie", button_style="primary", layout=shown(width="auto"))
            button.add_class(f"sk-exercise-{item.assignment}")
            button.on_click(guarded(self.message)(lambda _, a=item.assignment: self.open_exercise(a)))
            card = w.HBox([info, button])
            card.add_class("sk-card")
            cards.append(card)
        return [heading, w.VBox(cards)]

    def open_exercise(self, assignment: str) -> w.VBox:
        """Open a released exercise: the case's builders (or a document's editor) plus reflections and submission."""
        from ..grading.exchange import TraineeExchange  # noqa: PLC0415
        from .exercise_panel import ExercisePanel  # noqa: PLC0415

        assert self.trainee is not None
        assert self.catalog.directory is not None
        trainee, store = self.trainee, self.store
        exchange = TraineeExchange(self.course_dir, trainee)
        released = exchange.fetch(assignment)
        if released.info.document is not None or released.info.reflective_only:  # #14: no case's builders
            from .document_exercise import open_document_exercise, open_reflective_exercise  # noqa: PLC0415

            opener = open_reflective_exercise if released.info.reflective_only else open_document_exercise
            return opener(self, assignment)
        case = self.catalog.case(released.info.case_id)
        slot = f"ćw:{exchange.course_id}/{assignment}"
        draft = store.load(trainee, case.id, slot=slot) or Draft(case_id=case.id)
        panel = ExercisePanel(
            released,
            store.load_answers(trainee, slot),
            save_answers=lambda answers: store.save_answers(trainee, slot, answers),
            # the builders edit this draft in place, so it holds the trainee's work at submission time
            submit=lambda answers: exchange.submit(assignment, draft.model_dump_json(), answers),
            fetch_feedback=lambda: exchange.feedback(assignment),
        )
        workspace = Workspace(
            trainee,
            case,
            self.catalog.directory,
            draft,
            store,
            slot=slot,
            last_tab=("Oddanie ćwiczenia", panel),
            diagnosis_only=released.info.parts == ("diagnoza",),
        )
        self.show_workspace(workspace, released.info.title)
        return workspace

    def show_workspace(self, workspace: w.Widget, title: str) -> None:
        """Show a workspace (a case's, an exercise's, a document's) under a header with the way back."""
        back = w.Button(
            description="Wróć do kursu i przypadków" if self.course_view else "Wróć do listy przypadków",
            layout=shown(width="auto"),
        )
        back.add_class("sk-back")
        back.on_click(guarded(self.message)(lambda _: self.show_cases()))
        self._close_workspace()
        header = w.HBox([back, w.HTML(f"<b>{e(self.trainee or '')}</b> · {e(title)}"), self._sign_out_button()])
        self.opened = [header, workspace]
        self.body.children = [header, self.message, workspace]

    def _case_info(self, case: Case, started: bool) -> str:
        directory = self.catalog.directory
        gmina = (directory.gmina_name(case.gmina) if directory else None) or case.gmina
        tag = " <span class='sk-tag'>masz zapisaną pracę</span>" if started else ""
        return (
            f"<b>{e(case.title)}</b>{tag}<br><span class='sk-muted'>gmina {e(gmina)} · {e(case.main_profile)} · "
            f"poziom: {e(DIFFICULTY_LABELS[case.difficulty])}</span>"
        )

    def _case_card(self, case: Case) -> w.Widget:
        info = w.HTML(self._case_info(case, started=False), layout=shown(width="80%"))
        self.case_infos[case.id] = info
        open_button = w.Button(description="Otwórz", button_style="primary")
        open_button.add_class(f"sk-open-{case.id}")
        open_button.on_click(guarded(self.message)(lambda _: self.open_case(case.id)))
        card = w.HBox([info, open_button])
        card.add_class("sk-card")
        return card

    def open_case(self, case_id: str) -> Workspace:
        """Open a case with the trainee's saved draft, or a fresh one."""
        assert self.trainee is not None
        assert self.catalog.directory is not None
        case = self.catalog.case(case_id)
        draft = self.store.load(self.trainee, case_id) or Draft(case_id=case_id)
        workspace = Workspace(self.trainee, case, self.catalog.directory, draft, self.store)
        self.show_workspace(workspace, case.title)
        return workspace
