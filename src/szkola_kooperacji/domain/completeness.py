"""How complete each part of a trainee's work is, in one short Polish line per tab.

A trainee working through a long diagnosis or contract loses count of what is still
missing; the dashboard shows these lines above each editor and updates them on every
change. They count what is there and what lacks the one thing that makes it usable
(a need without evidence, a goal without an action); judging quality is the rules' job.
"""

from __future__ import annotations

from dataclasses import dataclass

from .case import Case
from .contract import Contract
from .diagnosis import Diagnosis
from .directory import ServiceDirectory
from .rules.context import RuleContext
from .text import count_phrase

NEED_FORMS = ("potrzeba", "potrzeby", "potrzeb")
GOAL_FORMS = ("cel szczegółowy", "cele szczegółowe", "celów szczegółowych")
ACTION_FORMS = ("działanie", "działania", "działań")
SECTOR_FORMS = ("sektor", "sektory", "sektorów")


@dataclass(frozen=True)
class DiagnosisProgress:
    """Counts of the diagnosis: needs, and needs still lacking evidence or a statement."""

    needs: int
    without_evidence: int
    without_statement: int

    @property
    def complete(self) -> bool:
        """Return True when there is a need and every need has a statement and evidence."""
        return self.needs > 0 and not self.without_evidence and not self.without_statement

    def summary(self) -> str:
        """Return the line a trainee reads, e.g. "3 potrzeby, 1 bez dowodu"."""
        if not self.needs:
            return "Brak potrzeb — dodaj pierwszą."
        parts = [count_phrase(self.needs, *NEED_FORMS)]
        if self.without_statement:
            parts.append(f"{self.without_statement} bez opisu")
        if self.without_evidence:
            parts.append(f"{self.without_evidence} bez dowodu")
        return ", ".join(parts)


@dataclass(frozen=True)
class ContractProgress:
    """Counts of the contract: goals, actions, the sectors they reach, and what is left unlinked."""

    goals: int
    goals_without_action: int
    actions: int
    actions_without_goal: int
    sectors: int

    @property
    def complete(self) -> bool:
        """Return True when there are goals and actions and each goal has an action and each action a goal."""
        return bool(self.goals and self.actions) and not self.goals_without_action and not self.actions_without_goal

    def summary(self) -> str:
        """Return the line a trainee reads, e.g. "2 cele szczegółowe · 4 działania, 2 sektory"."""
        goals = count_phrase(self.goals, *GOAL_FORMS)
        if self.goals_without_action:
            goals += f", {self.goals_without_action} bez działania"
        actions = count_phrase(self.actions, *ACTION_FORMS)
        if self.actions:
            actions += f", {count_phrase(self.sectors, *SECTOR_FORMS)}"
        if self.actions_without_goal:
            actions += f", {self.actions_without_goal} bez celu"
        return f"{goals} · {actions}"


def diagnosis_progress(diagnosis: Diagnosis) -> DiagnosisProgress:
    """Count the diagnosis's needs and those without evidence or without a statement."""
    return DiagnosisProgress(
        needs=len(diagnosis.needs),
        without_evidence=sum(1 for n in diagnosis.needs if not n.evidence),
        without_statement=sum(1 for n in diagnosis.needs if not n.statement.strip()),
    )


def contract_progress(
    case: Case, directory: ServiceDirectory, diagnosis: Diagnosis, contract: Contract
) -> ContractProgress:
    """Count goals, actions and sectors of the contract, and goals and actions left unlinked.

    Sectors are counted as the rules count them: those of the Lista's institutions the actions name.
    """
    goal_ids = {g.id for g in contract.goals}
    served = {a.goal_id for a in contract.actions if a.goal_id in goal_ids}
    sectors = RuleContext(case, directory, diagnosis, contract).sectors_used()
    return ContractProgress(
        goals=len(contract.goals),
        goals_without_action=len(goal_ids - served),
        actions=len(contract.actions),
        actions_without_goal=sum(1 for a in contract.actions if a.goal_id not in goal_ids),
        sectors=len(sectors),
    )
