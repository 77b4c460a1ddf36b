"""The kontrakt socjalny (variant A), with the fields of the legal template.

Sector and level of an action are not stored: they are read from the Lista
aktywności i usług through the action's institution, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from .base import MAX_ITEMS, DomainModel, Identifier, LongText, ShortText, duplicates
from .codes import ContractStatus, Responsible

if TYPE_CHECKING:
    from .directory import ServiceDirectory


class Goal(DomainModel):
    """A specific goal (cel szczegółowy), linked to needs, with a measurable indicator."""

    id: Identifier
    text: LongText = ""
    need_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    indicator: ShortText = Field(default="", description="Jak sprawdzimy, że cel osiągnięto.")
    target: ShortText = Field(default="", description="Wartość docelowa wskaźnika, np. '2 spotkania'.")
    due: dt.date | None = None


class Action(DomainModel):
    """An action (ustalenie): who does what, where, from when to when."""

    id: Identifier
    goal_id: Identifier | None = None
    text: LongText = ""
    responsible: Responsible | None = None
    responsible_member_id: Identifier | None = Field(
        default=None, description="Który członek rodziny wykonuje działanie (gdy klient lub członek rodziny)."
    )
    institution_id: Identifier | None = None
    service_id: Identifier | None = None
    member_ids: list[Identifier] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Kogo z rodziny dotyczy działanie."
    )
    start: dt.date | None = None
    due: dt.date | None = None
    frequency: ShortText = ""
    indicator: ShortText = ""
    uses_strength_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    legal_basis: ShortText = Field(
        default="",
        description="Podstawa prawna tego działania, gdy inna niż usługi z Listy (np. przepis szczególny).",
    )

    def cited_legal_basis(self, directory: ServiceDirectory) -> str:
        """Return the legal basis to show and print: the action's own, else its service's ('' when none)."""
        if self.legal_basis:
            return self.legal_basis
        institution = directory.institution(self.institution_id) if self.institution_id else None
        service = institution.service(self.service_id) if institution and self.service_id else None
        return service.legal_basis if service else ""


class Review(DomainModel):
    """A planned review of the contract (ocena realizacji)."""

    date: dt.date
    note: ShortText = ""


class Contract(DomainModel):
    """A kontrakt socjalny between the client (and family) and the social worker."""

    ops_institution_id: Identifier | None = Field(
        default=None, description="OPS/GOPS, w imieniu którego pracownik zawiera kontrakt."
    )
    worker_role: ShortText = "pracownik socjalny GOPS"
    client_member_id: Identifier | None = None
    family_member_ids: list[Identifier] = Field(default_factory=list, max_length=MAX_ITEMS)
    place: ShortText = ""
    date_signed: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    causes: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    strengths: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    barriers: list[ShortText] = Field(default_factory=list, max_length=MAX_ITEMS)
    goal_main: LongText = ""
    goals: list[Goal] = Field(default_factory=list, max_length=MAX_ITEMS)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)
    reviews: list[Review] = Field(default_factory=list, max_length=MAX_ITEMS)
    final_evaluation: dt.date | None = None
    assessment_method: LongText = ""
    status: ContractStatus = ContractStatus.PROJEKT

    @model_validator(mode="after")
    def _unique_ids(self) -> Contract:
        for label, ids in (
            ("celów", [goal.id for goal in self.goals]),
            ("działań", [action.id for action in self.actions]),
        ):
            repeated = duplicates(ids)
            if repeated:
                raise ValueError(f"powtórzone id {label}: {', '.join(repeated)}")
        return self

    def goal(self, goal_id: str) -> Goal | None:
        """Return the goal with this id, or None."""
        return next((g for g in self.goals if g.id == goal_id), None)

    def actions_for_goal(self, goal_id: str) -> list[Action]:
        """Return the actions serving one goal, in contract order."""
        return [a for a in self.actions if a.goal_id == goal_id]
