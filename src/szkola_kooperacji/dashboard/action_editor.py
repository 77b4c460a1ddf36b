"""Editors of one goal and one action of the kontrakt socjalny."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..domain.case import Case
from ..domain.contract import Action, Goal
from ..domain.diagnosis import Diagnosis
from ..domain.directory import ServiceDirectory
from . import dates, options
from .binding import Changed, FieldMessages, bind
from .checklist import CheckList
from .confirm import ConfirmedDelete
from .diagnosis_builder import row, wide_dropdown
from .render import e
from .shared_looks import shown

WIDE = shown(width="98%")
FULL = shown(width="100%")


class GoalEditor(w.VBox):
    """Edit one specific goal: text, the needs it answers, indicator, target, deadline."""

    def __init__(
        self, goal: Goal, diagnosis: Diagnosis, changed: Changed, remove: Callable[[GoalEditor], None]
    ) -> None:
        self.goal = goal
        self.message = FieldMessages()
        self.text = w.Textarea(
            value=goal.text,
            placeholder="Cel szczegółowy: co konkretnie się zmieni",
            continuous_update=False,
            layout=WIDE,
        )
        self.text.add_class("sk-goal-text")
        self.text.tooltip = f"Treść celu {goal.id}"  # its name for a screen reader (no label beside it)
        self.needs = CheckList(
            options.needs(diagnosis),
            goal.need_ids,
            description="Potrzeby",
            empty="najpierw dodaj potrzeby w diagnozie",
        )
        self.needs.add_class("sk-goal-needs")
        self.indicator = w.Text(
            value=goal.indicator,
            placeholder="np. zaświadczenie z PUP o rejestracji",
            description="Wskaźnik",
            continuous_update=False,
            layout=FULL,
        )
        self.indicator.add_class("sk-goal-indicator")
        self.target = w.Text(
            value=goal.target,
            placeholder="np. rejestracja do 30.11.2026",
            description="Wartość",
            continuous_update=False,
            layout=FULL,
        )
        self.target.add_class("sk-goal-target")
        self.due = dates.date_field(goal.due, "Termin")
        self.delete = delete = ConfirmedDelete(
            "Usuń cel", f"Usunąć cel {goal.id}? Tego nie można cofnąć.", lambda: remove(self)
        )
        bind(self.text, goal, "text", changed, self.message)
        bind(self.needs, goal, "need_ids", changed, self.message, to_model=list)
        bind(self.indicator, goal, "indicator", changed, self.message)
        bind(self.target, goal, "target", changed, self.message)
        bind(self.due, goal, "due", changed, self.message, to_model=dates.parse, check=dates.problem)
        super().__init__(
            [
                w.VBox([row(w.HTML(f"<b>Cel {goal.id}</b>"), delete, css="sk-card-head"), delete.bar]),
                self.text,
                self.message,
                row(self.needs, w.VBox([self.indicator, self.target, self.due]), css="sk-pair"),
            ]
        )
        self.add_class("sk-card")
        self.add_class("sk-goal")

    def refresh_needs(self, diagnosis: Diagnosis) -> None:
        """Offer the diagnosis's current needs, keeping the chosen ones that still exist."""
        current = options.needs(diagnosis)
        if list(self.needs.options) != current:
            known = {value for _, value in current}
            kept = tuple(n for n in self.goal.need_ids if n in known)
            self.needs.options = current
            self.needs.value = kept


class ActionEditor(w.VBox):
    """Edit one action: goal, what, who, institution and service from the Lista, dates, strengths."""

    def __init__(
        self,
        action: Action,
        case: Case,
        directory: ServiceDirectory,
        goals: list[Goal],
        *,
        changed: Changed,
        remove: Callable[[ActionEditor], None],
    ) -> None:
        self.action, self.directory = action, directory
        self.message = FieldMessages()
        self.goal = wide_dropdown(w.Dropdown(options=self._goal_options(goals), description="Cel"))
        self.goal.value = action.goal_id if action.goal_id in {g.id for g in goals} else options.NONE
        self.goal.add_class("sk-action-goal")
        self.text = w.Textarea(
            value=action.text,
            placeholder="Co dokładnie zostanie zrobione, jak często",
            continuous_update=False,
            layout=WIDE,
        )
        self.text.add_class("sk-action-text")
        self.text.tooltip = f"Opis działania {action.id}"  # its name for a screen reader
        self.responsible = wide_dropdown(
            w.Dropdown(options=options.responsibles(), value=action.responsible or options.NONE, description="Kto")
        )
        self.responsible.add_class("sk-action-responsible")
        self.who = wide_dropdown(
            w.Dropdown(
                options=[(options.NONE_LABEL, options.NONE), *options.members(case)],
                value=action.responsible_member_id or options.NONE,
                description="Osoba",
            )
        )
        self.who.add_class("sk-action-member")
        self.institution = wide_dropdown(
            w.Dropdown(
                options=options.institutions(directory),
                value=action.institution_id or options.NONE,
                description="Instytucja",
            )
        )
        self.institution.add_class("sk-action-institution")
        self.service = wide_dropdown(
            w.Dropdown(
                options=options.services(directory, action.institution_id),
                value=action.service_id or options.NONE,
                description="Usługa",
            )
        )
        self.service.add_class("sk-action-service")
        self.legal_basis = w.HTML()
        self.legal_basis.add_class("sk-action-legal-basis")
        self.members = CheckList(options.members(case), action.member_ids, description="Dotyczy")
        self.strengths = CheckList(options.strengths(case), action.uses_strength_ids, description="Zasoby")
        self.start = dates.date_field(action.start, "Od")
        self.due = dates.date_field(action.due, "Do")
        self.frequency = w.Text(
            value=action.frequency, placeholder="np. raz w tygodniu", description="Jak często", continuous_update=False
        )
        self.delete = delete = ConfirmedDelete(
            "Usuń działanie", f"Usunąć działanie {action.id}? Tego nie można cofnąć.", lambda: remove(self)
        )

        bind(self.goal, action, "goal_id", changed, self.message, to_model=options.or_none)
        bind(self.text, action, "text", changed, self.message)
        bind(self.responsible, action, "responsible", changed, self.message, to_model=options.or_none)
        bind(self.who, action, "responsible_member_id", changed, self.message, to_model=options.or_none)
        self.institution.observe(self._institution_changed, names="value")
        bind(self.institution, action, "institution_id", changed, self.message, to_model=options.or_none)
        bind(self.service, action, "service_id", changed, self.message, to_model=options.or_none)
        self.service.observe(lambda _: self._show_legal_basis(), names="value")  # after bind: reads the model
        self._show_legal_basis()
        bind(self.members, action, "member_ids", changed, self.message, to_model=list)
        bind(self.strengths, action, "uses_strength_ids", changed, self.message, to_model=list)
        bind(self.start, action, "start", changed, self.message, to_model=dates.parse, check=dates.problem)
        bind(self.due, action, "due", changed, self.message, to_model=dates.parse, check=dates.problem)
        bind(self.frequency, action, "frequency", changed, self.message)
        super().__init__(
            [
                w.VBox([row(w.HTML(f"<b>Działanie {action.id}</b>"), delete, css="sk-card-head"), delete.bar]),
                row(self.goal),
                self.text,
                self.message,
                row(self.responsible, self.who),
                row(self.institution, self.service),
                self.legal_basis,
                row(self.members, self.strengths, css="sk-pair"),
                row(self.start, self.due, self.frequency),
            ]
        )
        self.add_class("sk-card")
        self.add_class("sk-action")

    @staticmethod
    def _goal_options(goals: list[Goal]) -> list[tuple[str, Any]]:
        return [(options.NONE_LABEL, options.NONE)] + [(f"{g.id}: {g.text[:50] or 'bez opisu'}", g.id) for g in goals]

    def _institution_changed(self, event: dict[str, Any]) -> None:
        # The service list depends on the institution; a service of another institution is cleared.
        self.service.options = options.services(self.directory, options.or_none(event["new"]))
        self.service.value = options.NONE

    def _show_legal_basis(self) -> None:
        # The basis the contract will cite for a benefit or a measure, so the trainee sees it while choosing.
        basis = self.action.cited_legal_basis(self.directory)
        self.legal_basis.value = f"<span class='sk-muted'>Podstawa prawna: {e(basis)}</span>" if basis else ""

    def refresh_goals(self, goals: list[Goal]) -> None:
        """Offer the contract's current goals, keeping the chosen one if it still exists."""
        current = self._goal_options(goals)
        if list(self.goal.options) != current:
            kept = self.action.goal_id if self.action.goal_id in {g.id for g in goals} else options.NONE
            self.goal.options = current
            self.goal.value = kept
