"""The kontrakt socjalny builder: parties and period, goals, actions from the Lista, reviews."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..domain.case import Case
from ..domain.codes import Responsible
from ..domain.completeness import ContractProgress
from ..domain.contract import Action, Contract, Goal, Review
from ..domain.diagnosis import Diagnosis
from ..domain.directory import Institution, Service, ServiceDirectory
from ..storage.lista_proposals import ProposalKeeper
from . import dates, options
from .action_editor import ActionEditor, GoalEditor
from .binding import Changed, FieldMessages, bind
from .diagnosis_builder import next_id, row, wide_dropdown
from .directory_browser import DirectoryBrowser
from .render import e
from .shared_looks import shown
from .text_limits import TextLimits

WIDE = shown(width="98%")


class ReviewsEditor(w.VBox):
    """Review dates (przeglądy) and the final evaluation date."""

    def __init__(self, contract: Contract, changed: Changed) -> None:
        self.contract, self.changed = contract, changed
        self._message = FieldMessages()
        self.new_date = dates.date_field(None, "Przegląd")
        self.new_date.add_class("sk-review-date")
        add = w.Button(description="Dodaj przegląd")
        add.add_class("sk-add-review")
        add.on_click(self._add)
        self._list = w.HTML()
        self.final = dates.date_field(contract.final_evaluation, "Ocena końcowa")
        bind(
            self.final, contract, "final_evaluation", changed, self._message, to_model=dates.parse, check=dates.problem
        )
        clear = w.Button(description="Usuń przeglądy")
        clear.on_click(self._clear)
        self._render()
        super().__init__(
            [
                w.HTML("<h4>Ocena realizacji</h4>"),
                self._list,
                row(self.new_date, add, clear),
                self.final,
                self._message,
            ]
        )

    def _render(self) -> None:
        dates = ", ".join(r.date.strftime("%d.%m.%Y") for r in sorted(self.contract.reviews, key=lambda r: r.date))
        self._list.value = f"<p>Przeglądy: {dates or 'brak'}</p>"

    def _add(self, _: object) -> None:
        text = self.new_date.value
        refused = dates.problem(text) or (None if text.strip() else "Wpisz datę przeglądu, np. 15.01.2027.")
        self._message.report("reviews", refused)
        date = None if refused else dates.parse(text)
        if date is None:
            return
        if date not in {r.date for r in self.contract.reviews}:
            self.contract.reviews = [*self.contract.reviews, Review(date=date)]
        self._render()
        self.changed()

    def _clear(self, _: object) -> None:
        self.contract.reviews = []
        self._render()
        self.changed()


class ContractBuilder(w.VBox):
    """The whole contract; it refreshes its choice lists when the diagnosis or goals change."""

    def __init__(
        self,
        contract: Contract,
        diagnosis: Diagnosis,
        case: Case,
        directory: ServiceDirectory,
        changed: Changed,
        *,
        keeper: ProposalKeeper | None = None,
    ) -> None:
        """``keeper`` keeps the trainee's proposal of a new Lista entry (made under the Lista's browser)."""
        self.contract, self.diagnosis, self.case, self.directory = contract, diagnosis, case, directory
        self._changed = changed
        message = FieldMessages()
        if contract.client_member_id is None and case.members:
            contract.client_member_id = case.members[0].id
        self.client = wide_dropdown(
            w.Dropdown(options=options.members(case), value=contract.client_member_id, description="Klient")
        )
        self.start = dates.date_field(contract.period_start, "Od")
        self.start.add_class("sk-period-start")
        self.end = dates.date_field(contract.period_end, "Do")
        self.end.add_class("sk-period-end")
        self.goal_main = w.Textarea(
            value=contract.goal_main, placeholder="Cel główny kontraktu", continuous_update=False, layout=WIDE
        )
        self.goal_main.add_class("sk-goal-main")
        self.goal_main.tooltip = "Cel główny kontraktu"  # its name for a screen reader
        bind(self.client, contract, "client_member_id", self.changed, message)
        for widget, field in ((self.start, "period_start"), (self.end, "period_end")):
            bind(widget, contract, field, self.changed, message, to_model=dates.parse, check=dates.problem)
        bind(self.goal_main, contract, "goal_main", self.changed, message)
        self._goals = w.VBox([GoalEditor(g, diagnosis, self.changed, self.remove_goal) for g in contract.goals])
        self._actions = w.VBox([self._action_editor(a) for a in contract.actions])
        add_goal = w.Button(description="Dodaj cel", button_style="primary")
        add_goal.add_class("sk-add-goal")
        add_goal.on_click(lambda _: self.add_goal())
        add_action = w.Button(description="Dodaj działanie klienta lub rodziny", layout=shown(width="auto"))
        add_action.add_class("sk-add-client-action")
        add_action.on_click(
            lambda _: self.add_action(
                Action(
                    id=next_id("D", [a.id for a in self.contract.actions]),
                    responsible=Responsible.KLIENT,
                    responsible_member_id=self.contract.client_member_id,
                )
            )
        )
        self.browser = DirectoryBrowser(directory, self._add_service_action, case.gmina, keeper)
        self.reviews = ReviewsEditor(contract, self.changed)
        self.progress = w.HTML()
        self.progress.add_class("sk-progress")
        super().__init__(
            [
                self.progress,
                w.HTML("<h4>Strony i okres obowiązywania</h4>"),
                row(self.client),
                row(self.start, self.end),
                w.HTML("<h4>Cel główny</h4>"),
                self.goal_main,
                message,
                TextLimits(),
                w.HTML("<h4>Cele szczegółowe</h4>"),
                self._goals,
                add_goal,
                w.HTML("<h4>Działania</h4>"),
                self._actions,
                add_action,
                self.browser,
                self.reviews,
            ]
        )
        self.add_class("sk-contract")

    def changed(self) -> None:
        """Refresh the goal choices of every action, then report the change."""
        for editor in self._actions.children:
            assert isinstance(editor, ActionEditor)
            editor.refresh_goals(self.contract.goals)
        self._changed()

    def show_progress(self, progress: ContractProgress) -> None:
        """Show how complete the contract is above its parts."""
        self.progress.value = f"{'✔ ' if progress.complete else ''}{e(progress.summary())}"

    def refresh_needs(self) -> None:
        """Offer the diagnosis's current needs in every goal editor."""
        for editor in self._goals.children:
            assert isinstance(editor, GoalEditor)
            editor.refresh_needs(self.diagnosis)

    def _action_editor(self, action: Action) -> ActionEditor:
        return ActionEditor(
            action, self.case, self.directory, self.contract.goals, changed=self.changed, remove=self.remove_action
        )

    def add_goal(self) -> GoalEditor:
        """Append an empty goal and its editor."""
        goal = Goal(id=next_id("C", [g.id for g in self.contract.goals]))
        self.contract.goals = [*self.contract.goals, goal]
        editor = GoalEditor(goal, self.diagnosis, self.changed, self.remove_goal)
        self._goals.children = (*self._goals.children, editor)
        self.changed()
        return editor

    def remove_goal(self, editor: GoalEditor) -> None:
        """Delete a goal; actions that served it keep their text but lose the link."""
        self.contract.goals = [g for g in self.contract.goals if g.id != editor.goal.id]
        self._goals.children = tuple(c for c in self._goals.children if c is not editor)
        self.changed()

    def add_action(self, action: Action) -> ActionEditor:
        """Append an action and its editor."""
        self.contract.actions = [*self.contract.actions, action]
        editor = self._action_editor(action)
        self._actions.children = (*self._actions.children, editor)
        self.changed()
        return editor

    def _add_service_action(self, institution: Institution, service: Service) -> None:
        self.add_action(
            Action(
                id=next_id("D", [a.id for a in self.contract.actions]),
                text=service.name,
                responsible=Responsible.INSTYTUCJA,
                institution_id=institution.id,
                service_id=service.id,
                goal_id=self.contract.goals[-1].id if self.contract.goals else None,
            )
        )

    def remove_action(self, editor: Any) -> None:
        """Delete an action and its editor."""
        self.contract.actions = [a for a in self.contract.actions if a.id != editor.action.id]
        self._actions.children = tuple(c for c in self._actions.children if c is not editor)
        self.changed()
