"""The landing page: a trainee signs in with a personal code and picks a case."""

from __future__ import annotations

import ipywidgets as w

from ..data.catalog import Catalog
from ..domain.case import Case
from ..domain.codes import DIFFICULTY_LABELS
from ..domain.draft import Draft
from ..storage import DraftStore, IdentityCheck, credentials_problem
from .assets import stylesheet
from .guard import guarded
from .render import e
from .workspace import Workspace

WELCOME = (
    "<div class='sk-title'>Szkoła Kooperacji</div>"
    "<p>Ćwiczenie: od rodzinnego wywiadu środowiskowego do diagnozy potrzeb i wielosektorowego kontraktu "
    "socjalnego. Wpisz imię i nazwisko (albo identyfikator z listy uczestników) i swój kod osobisty. "
    "Przy pierwszym wejściu kod, który wpiszesz, staje się Twoim kodem — zapamiętaj go: chroni Twoją pracę.</p>"
)


class Dashboard(w.VBox):
    """The whole trainee application: sign-in, case list, then the workspace of one case."""

    def __init__(self, catalog: Catalog, store: DraftStore) -> None:
        self.catalog, self.store = catalog, store
        self.trainee: str | None = None
        self.message = w.HTML()
        self.name = w.Text(description="Uczestnik", placeholder="np. Anna Nowak", layout=w.Layout(width="420px"))
        self.name.add_class("sk-trainee-name")
        self.code = w.Password(description="Kod osobisty", layout=w.Layout(width="420px"))
        self.code.add_class("sk-trainee-code")
        enter = w.Button(description="Wejdź", button_style="primary")
        enter.add_class("sk-sign-in")
        enter.on_click(guarded(self.message)(lambda _: self.sign_in()))
        self.body = w.VBox([w.HTML(WELCOME), self.name, self.code, enter, self.message])
        super().__init__([w.HTML(f"<style>{stylesheet()}</style>"), self.body])
        self.add_class("sk-root")

    def sign_in(self) -> None:
        """Check the name and code; on success show the case list."""
        name, code = self.name.value, self.code.value
        problem = credentials_problem(name, code)
        if problem:
            self.message.value = f"<span class='sk-message'>{e(problem)}</span>"
            return
        result = self.store.sign_in(name, code)
        if result == IdentityCheck.WRONG_CODE:
            self.message.value = (
                "<span class='sk-message'>Ten uczestnik ma już inny kod osobisty. Jeśli to Ty, wpisz swój kod. "
                "Jeśli nie — dopisz do imienia coś, co Cię odróżni (np. numer z listy uczestników).</span>"
            )
            return
        self.trainee = " ".join(name.split())
        self.show_cases(first_time=result == IdentityCheck.NEW)

    def show_cases(self, *, first_time: bool = False) -> None:
        """List the cases with their gmina, profile and difficulty, marking started ones."""
        assert self.trainee is not None
        started = set(self.store.cases_with_drafts(self.trainee))
        greeting = "Witaj po raz pierwszy" if first_time else "Witaj ponownie"
        cards: list[w.Widget] = [
            w.HTML(
                f"<div class='sk-title'>Szkoła Kooperacji</div><p>{greeting}, <b>{e(self.trainee)}</b>. "
                "Wybierz przypadek rodziny, nad którym chcesz pracować.</p>"
            )
        ]
        case_list = w.VBox([self._case_card(self.catalog.cases[c], c in started) for c in sorted(self.catalog.cases)])
        case_list.add_class("sk-case-list")
        self.body.children = [*cards, case_list]

    def _case_card(self, case: Case, started: bool) -> w.Widget:
        directory = self.catalog.directory
        gmina = (directory.gmina_name(case.gmina) if directory else None) or case.gmina
        tag = " <span class='sk-tag'>masz zapisaną pracę</span>" if started else ""
        info = w.HTML(
            f"<b>{e(case.title)}</b>{tag}<br><span class='sk-muted'>gmina {e(gmina)} · {e(case.main_profile)} · "
            f"poziom: {e(DIFFICULTY_LABELS[case.difficulty])}</span>",
            layout=w.Layout(width="80%"),
        )
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
        back = w.Button(description="Wróć do listy przypadków", layout=w.Layout(width="auto"))
        back.on_click(guarded(self.message)(lambda _: self.show_cases()))
        self.body.children = [
            w.HBox([back, w.HTML(f"<b>{e(self.trainee)}</b> · {e(case.title)}")]),
            self.message,
            workspace,
        ]
        return workspace
