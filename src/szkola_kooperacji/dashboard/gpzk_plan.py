"""The lead's screen for the team's diagnosis and goals, written to the session on every change.

The GOPS worker who leads the G-PZK records the family's needs and the
contract's frame (main goal, specific goals, period, reviews) with the very
editors of the single-trainee workspace; each change is written whole to the
session (``set_diagnosis``, ``set_frame``), so every role sees the needs and
goals at once and links its proposals to them. Only the lead gets this screen,
and the session server lets only the lead's connection change these parts.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..domain.case import Case
from ..domain.contract import Contract, Goal
from ..domain.diagnosis import Diagnosis
from ..roleplay.session import Session
from . import dates
from .action_editor import GoalEditor
from .binding import FieldMessages, bind
from .contract_builder import ReviewsEditor
from .diagnosis_builder import DiagnosisBuilder, next_id, row

WIDE = w.Layout(width="98%")
INTRO = (
    "<p>Jako prowadzący zapisujesz diagnozę i cele zespołu. Widzą je wszystkie role, a propozycje działań "
    "wskazują cel, któremu służą. Zmiany trafiają do zespołu od razu.</p>"
)


class TeamPlanEditor(w.VBox):
    """The lead's editors of the team's diagnosis and the contract's frame (everything but the actions)."""

    def __init__(
        self, case: Case, session: Session, diagnosis: Diagnosis, frame: Contract, saved: Callable[[], None]
    ) -> None:
        self.case, self.session, self._saved = case, session, saved
        self.diagnosis = diagnosis.model_copy(deep=True)
        self.frame = frame.model_copy(deep=True, update={"actions": []})
        if self.frame.client_member_id is None and case.members:
            self.frame.client_member_id = case.members[0].id
        self.needs = DiagnosisBuilder(self.diagnosis, case, self.changed)
        message = FieldMessages()
        goal_main = w.Textarea(
            value=self.frame.goal_main, placeholder="Cel główny kontraktu", continuous_update=False, layout=WIDE
        )
        goal_main.tooltip = "Cel główny kontraktu"
        goal_main.add_class("sk-goal-main")
        bind(goal_main, self.frame, "goal_main", self.changed, message)
        start = dates.date_field(self.frame.period_start, "Od")
        end = dates.date_field(self.frame.period_end, "Do")
        for widget, field in ((start, "period_start"), (end, "period_end")):
            bind(widget, self.frame, field, self.changed, message, to_model=dates.parse, check=dates.problem)
        self._goals = w.VBox([self._goal_editor(g) for g in self.frame.goals])
        add_goal = w.Button(description="Dodaj cel", button_style="primary")
        add_goal.add_class("sk-add-goal")
        add_goal.on_click(lambda _b: self.add_goal())
        super().__init__(
            [
                w.HTML(INTRO),
                w.HTML("<h3>Potrzeby rodziny</h3>"),
                self.needs,
                w.HTML("<h3>Kontrakt zespołu: cel główny, okres, cele szczegółowe</h3>"),
                goal_main,
                row(start, end),
                message,
                self._goals,
                add_goal,
                ReviewsEditor(self.frame, self.changed),
            ]
        )
        self.add_class("sk-team-plan-editor")

    def _goal_editor(self, goal: Goal) -> GoalEditor:
        return GoalEditor(goal, self.diagnosis, self.changed, self.remove_goal)

    def changed(self) -> None:
        """Offer the current needs to every goal, write the diagnosis and frame to the session, redraw."""
        for editor in self._goals.children:
            assert isinstance(editor, GoalEditor)
            editor.refresh_needs(self.diagnosis)
        self.session.set_diagnosis(self.diagnosis)
        self.session.set_frame(self.frame)
        self._saved()

    def add_goal(self) -> GoalEditor:
        """Append an empty goal and its editor."""
        goal = Goal(id=next_id("C", [g.id for g in self.frame.goals]))
        self.frame.goals = [*self.frame.goals, goal]
        editor = self._goal_editor(goal)
        self._goals.children = (*self._goals.children, editor)
        self.changed()
        return editor

    def remove_goal(self, editor: GoalEditor) -> None:
        """Delete a goal; proposals that served it keep their text and show "bez celu"."""
        self.frame.goals = [g for g in self.frame.goals if g.id != editor.goal.id]
        self._goals.children = tuple(c for c in self._goals.children if c is not editor)
        self.changed()
